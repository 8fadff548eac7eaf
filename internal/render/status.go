package render

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// StatusRow is one remote template as `status` shows it.
type StatusRow struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Language       string `json:"language"`
	Category       string `json:"category"`
	Status         string `json:"status"`
	Quality        string `json:"quality,omitempty"`
	RejectedReason string `json:"rejected_reason,omitempty"`
	LastUpdated    string `json:"last_updated,omitempty"`
	// Warnings are the template's health notices (plan.Health): quality,
	// pause, category change, each with what to do.
	Warnings []string `json:"warnings,omitempty"`
	// Unreadable is why waform could not read the template, when it could
	// not (template.Remote.Unreadable).
	Unreadable string `json:"unreadable,omitempty"`
}

// StatusRows turns remote templates into rows sorted by name, then
// language. A rejected_reason of NONE (what Meta answers for templates that
// were never rejected) is left out. Health warnings are given only for the
// templates in scope: those no manage.ignore glob in ignore matches.
func StatusRows(rs []template.Remote, ignore []string) []StatusRow {
	rows := make([]StatusRow, 0, len(rs))
	for _, r := range rs {
		row := StatusRow{
			ID: r.ID, Name: r.Name, Language: r.Language, Category: r.Category,
			Status: r.Status, LastUpdated: r.LastUpdatedTime, Unreadable: r.Unreadable,
		}
		if r.QualityScore != nil {
			row.Quality = r.QualityScore.Score
		}
		if !strings.EqualFold(r.RejectedReason, "NONE") {
			row.RejectedReason = r.RejectedReason
		}
		if r.Unreadable != "" {
			row.Warnings = append(row.Warnings, fmt.Sprintf("%scannot be read: %s; waform leaves it untouched", IDPrefix(r.ID), r.Unreadable))
		}
		for _, n := range plan.Health(plan.InScope([]template.Remote{r}, ignore)) {
			row.Warnings = append(row.Warnings, n.Message)
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b StatusRow) int {
		return template.Key{Name: a.Name, Language: a.Language}.Compare(template.Key{Name: b.Name, Language: b.Language})
	})
	return rows
}

// StatusOptions control the table. Color marks statuses with ANSI colours;
// the caller decides (a terminal, NO_COLOR unset, no --no-color).
type StatusOptions struct {
	Color bool
}

// statusColors: green for usable, yellow for waiting, red for unusable.
var statusColors = map[string]string{
	template.StatusApproved: ansiGreen,
	template.StatusPending:  ansiYellow, template.StatusInAppeal: ansiYellow, template.StatusPaused: ansiYellow,
	template.StatusRejected: ansiRed, template.StatusDisabled: ansiRed,
}

// WriteStatusTable prints rows as an aligned table, "-" standing for an
// empty cell, and a count line; with no rows it says so.
func WriteStatusTable(w io.Writer, rows []StatusRow, o StatusOptions) error {
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "No templates match.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "NAME\tLANGUAGE\tCATEGORY\t%s\tQUALITY\tREJECTION REASON\tLAST UPDATE\n", o.paint("STATUS"))
	for _, r := range rows {
		status := o.paint(statusCell(r.Status))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, r.Language, statusCell(r.Category), status,
			statusCell(r.Quality), statusCell(r.RejectedReason), statusCell(r.LastUpdated))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write status: %w", err)
	}
	if _, err := fmt.Fprintf(w, "%s.\n", nounCount(len(rows), "template")); err != nil {
		return err
	}
	for _, r := range rows {
		for _, warning := range r.Warnings {
			key := template.Key{Name: r.Name, Language: r.Language}
			if _, err := fmt.Fprintf(w, "%s %s: %s\n", o.warn("warning:"), key.Label(), warning); err != nil {
				return err
			}
		}
	}
	return nil
}

// warn colours a warning label yellow when colour is on.
func (o StatusOptions) warn(s string) string {
	if !o.Color {
		return s
	}
	return ansiYellow + s + ansiReset
}

// paint colours a status cell. tabwriter counts escape bytes as width, so
// every cell of the column, header included, gets escapes of the same
// length (the default colour when the status has none): the columns stay
// aligned.
func (o StatusOptions) paint(status string) string {
	if !o.Color {
		return status
	}
	c, ok := statusColors[status]
	if !ok {
		c = "\x1b[39m"
	}
	return c + status + "\x1b[0m"
}

// WriteStatusJSON prints rows as {"templates": [...]}, an empty list
// rather than null when there are none.
func WriteStatusJSON(w io.Writer, rows []StatusRow) error {
	if rows == nil {
		rows = []StatusRow{}
	}
	if err := JSON(w, struct {
		Templates []StatusRow `json:"templates"`
	}{rows}); err != nil {
		return fmt.Errorf("write status: %w", err)
	}
	return nil
}

// statusCell shows an empty cell as "-" so columns stay readable.
func statusCell(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// IDPrefix is "[id N] " to put before a message about a remote template,
// or nothing when its id could not be read.
func IDPrefix(id string) string {
	if id == "" {
		return ""
	}
	return "[id " + id + "] "
}
