package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// PlanJSON writes the plan in the versioned JSON plan format, the same
// document `plan --out` saves.
func PlanJSON(w io.Writer, p *plan.Plan) error { return plan.Encode(w, p) }

// PlanSummary is the summary line, e.g.
// "Plan: 2 to create, 1 to update, 0 to delete, 1 blocked (14 unchanged)."
func PlanSummary(s plan.Summary) string {
	return fmt.Sprintf("Plan: %d to create, %d to update, %d to delete, %d blocked (%d unchanged).",
		s.Create, s.Update, s.Delete, s.Blocked, s.Noop)
}

// unmanagedLine says which remote templates the plan left alone and why,
// e.g. "3 remote templates not managed: 2 ignored, 1 not in files (prune
// is off)."; "" when none.
func unmanagedLine(u plan.Unmanaged) string {
	total := u.Total()
	if total == 0 {
		return ""
	}
	var parts []string
	if u.Ignored > 0 {
		parts = append(parts, fmt.Sprintf("%d ignored", u.Ignored))
	}
	if u.NotInFiles > 0 {
		part := fmt.Sprintf("%d not in files", u.NotInFiles)
		if u.PruneOff {
			part += " (prune is off)"
		}
		parts = append(parts, part)
	}
	if u.BeingDeleted > 0 {
		parts = append(parts, fmt.Sprintf("%d already being deleted", u.BeingDeleted))
	}
	if u.Unreadable > 0 {
		parts = append(parts, fmt.Sprintf("%d unreadable (left untouched)", u.Unreadable))
	}
	return fmt.Sprintf("%d remote %s not managed: %s.", total, Plural(total, "template"), strings.Join(parts, ", "))
}

// mediaLine describes a header file an action uploads, e.g. "media:
// ./banner.png (image/png, 2.4 KB, sha256 6fa1aab148f3), uploaded by apply".
func mediaLine(a plan.Action, m plan.MediaFile) string {
	line := fmt.Sprintf("media: %s (%s, %s, sha256 %.12s)", m.Ref, m.Type, media.SizeText(m.Size), m.SHA256)
	if a.Kind == plan.Create || a.Kind == plan.Update {
		line += ", uploaded by apply"
	}
	return line
}

// unreadableLines names each remote template the plan left alone because
// waform could not read it, with the reason, e.g. "odd (es) [id 2,
// APPROVED]: cannot be read: ...".
func unreadableLines(p *plan.Plan) []string {
	var out []string
	for _, u := range p.Unreadable {
		name := u.Key.Label()
		details := actionDetails(plan.Action{ID: u.ID, Status: u.Status})
		if details != "" {
			name += " [" + details + "]"
		}
		out = append(out, name+": cannot be read: "+u.Reason)
	}
	return out
}

// unmanagedShown bounds the names listed per reason in text and Markdown;
// the JSON plan lists them all.
const unmanagedShown = 20

// unmanagedGroup is the names of the templates left alone for one reason.
type unmanagedGroup struct {
	label string
	names []string
}

// unmanagedGroups names the unmanaged templates by reason, in the order of
// unmanagedLine, at most unmanagedShown each, then "and N more".
func unmanagedGroups(u plan.Unmanaged) []unmanagedGroup {
	var groups []unmanagedGroup
	for _, r := range []struct{ reason, label string }{
		{plan.UnmanagedIgnored, "ignored"},
		{plan.UnmanagedNotInFiles, "not in files"},
		{plan.UnmanagedBeingDeleted, "already being deleted"},
	} {
		var names []string
		for _, t := range u.Templates {
			if t.Reason == r.reason {
				names = append(names, t.Key.String())
			}
		}
		if len(names) > 0 {
			groups = append(groups, unmanagedGroup{r.label, capNames(names)})
		}
	}
	return groups
}

// capNames keeps the first unmanagedShown names and says how many more
// there are.
func capNames(names []string) []string {
	if len(names) <= unmanagedShown {
		return names
	}
	return append(names[:unmanagedShown:unmanagedShown], fmt.Sprintf("and %d more (plan --format json lists them all)", len(names)-unmanagedShown))
}

// actionVerb is what the action does, "blocked update" for a blocked one
// and "unreadable" for a remote template waform could not read.
func actionVerb(a plan.Action) string {
	if a.Kind == plan.Blocked && a.Intent == plan.Unreadable {
		return string(plan.Unreadable)
	}
	if a.Kind == plan.Blocked {
		return "blocked " + string(a.Intent)
	}
	return string(a.Kind)
}

// actionSymbol is the one-character marker of the human and Markdown output.
func actionSymbol(k plan.Kind) string {
	switch k {
	case plan.Create:
		return "+"
	case plan.Update:
		return "~"
	case plan.Delete:
		return "-"
	case plan.Blocked:
		return "!"
	}
	return " "
}

// actionDetails is "id 123, APPROVED" (the parts that are known).
func actionDetails(a plan.Action) string {
	var parts []string
	if a.ID != "" {
		parts = append(parts, "id "+a.ID)
	}
	if a.Status != "" {
		parts = append(parts, a.Status)
	}
	return strings.Join(parts, ", ")
}

// shownTemplate is the template an action's body shows: what it creates, or
// what it deletes.
func shownTemplate(a plan.Action) *template.Template {
	intent := a.Kind
	if intent == plan.Blocked {
		intent = a.Intent
	}
	switch intent {
	case plan.Create:
		return a.After
	case plan.Delete:
		return a.Before
	}
	return nil
}

// templateLines summarises a whole template, one line per field or
// component, for creates and deletes (an update shows its changes instead).
func templateLines(t *template.Template) []string {
	lines := []string{"category: " + t.Category}
	if t.ParameterFormat != "" {
		lines = append(lines, "parameter_format: "+t.ParameterFormat)
	}
	for _, c := range t.Components {
		lines = append(lines, componentLine(c))
	}
	return lines
}

func componentLine(c template.Component) string {
	var parts []string
	if c.Format != "" {
		parts = append(parts, c.Format)
	}
	if c.Text != "" {
		parts = append(parts, strconv.Quote(c.Text))
	}
	// Authentication templates declare settings instead of text.
	if c.AddSecurityRecommendation != nil {
		parts = append(parts, "add_security_recommendation="+strconv.FormatBool(*c.AddSecurityRecommendation))
	}
	if c.CodeExpirationMinutes != nil {
		parts = append(parts, "code_expiration_minutes="+strconv.Itoa(*c.CodeExpirationMinutes))
	}
	if c.LimitedTimeOffer != nil {
		parts = append(parts, strconv.Quote(c.LimitedTimeOffer.Text))
	}
	for _, b := range c.Buttons {
		parts = append(parts, buttonLabel(b))
	}
	if len(c.Cards) > 0 {
		parts = append(parts, nounCount(len(c.Cards), "card"))
	}
	if len(parts) == 0 {
		return c.Type
	}
	return c.Type + ": " + strings.Join(parts, ", ")
}

func buttonLabel(b template.Button) string {
	s := "[" + b.Type
	if b.Text != "" {
		s += " " + strconv.Quote(b.Text)
	}
	switch {
	case b.URL != "":
		s += " " + b.URL
	case b.PhoneNumber != "":
		s += " " + b.PhoneNumber
	case b.OTPType != "":
		s += " " + b.OTPType
	}
	return s + "]"
}

// changeValue prints one side of a change on one line: strings quoted,
// anything else as compact JSON.
func changeValue(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

// NoticeLine is one health notice as text: the template, then what Meta
// did and what to do.
func NoticeLine(n plan.Notice) string {
	return n.Key.String() + ": " + n.Message
}
