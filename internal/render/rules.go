package render

import (
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/waform/waform/internal/diag"
)

// Rule is one rule of validate's table as 'validate --list-rules' shows it
// (render does not import validate; the command converts its table).
type Rule struct {
	ID       string
	Severity diag.Severity
	Summary  string
	Subcode  int    // Meta's error subcode for a create breaking the rule; 0 for none
	Why      string // the evidence: why it is an error or only a warning
}

// Rules writes the rule table on Out, a column each for id, severity,
// subcode ("-" for none), summary and evidence.
func (v View) Rules(rules []Rule) error {
	tw := tabwriter.NewWriter(v.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tSUBCODE\tSUMMARY\tWHY")
	for _, r := range rules {
		sub := "-"
		if r.Subcode != 0 {
			sub = strconv.Itoa(r.Subcode)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, sub, r.Summary, r.Why)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write rules: %w", err)
	}
	return nil
}
