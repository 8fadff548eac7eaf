package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/waform/waform/internal/apply"
	"github.com/waform/waform/internal/plan"
)

// ApplyResultLine is the line printed as one action finishes, e.g.
// "create welcome (en_US): created (id 123, APPROVED)".
func ApplyResultLine(r apply.Result) string {
	head := fmt.Sprintf("%s %s", r.Action.Kind, r.Action.Key)
	switch r.Outcome {
	case apply.Done:
	case apply.NotStarted:
		return head + ": not started"
	default:
		return fmt.Sprintf("%s: %s: %v", head, strings.ToUpper(string(r.Outcome)), r.Err)
	}
	var line string
	switch r.Action.Kind {
	case plan.Create:
		line = fmt.Sprintf("%s: created (id %s", head, r.ID)
		if r.Status != "" && !r.Recovered {
			line += ", " + strings.ToUpper(r.Status)
		}
		line += ")"
	case plan.Update:
		line = fmt.Sprintf("%s: updated (id %s)", head, r.ID)
	default:
		line = fmt.Sprintf("%s: deleted (id %s)", head, r.ID)
	}
	if r.Note != "" {
		line += "; " + r.Note
	}
	return line
}

// ApplySummary is apply's one summary line, e.g. "Apply: 1 created, 0
// updated, 0 deleted, 1 blocked, 0 failed, 2 not started." Unknown
// outcomes (an aborted run) are counted only when there are some;
// interruptedBy, when not empty, names the signal that stopped the run.
func ApplySummary(t apply.Totals, interruptedBy string) string {
	head := "Apply"
	if interruptedBy != "" {
		head = "Apply interrupted by " + interruptedBy
	}
	line := fmt.Sprintf("%s: %d created, %d updated, %d deleted, %d blocked, %d failed, %d not started",
		head, t.Created, t.Updated, t.Deleted, t.Blocked, t.Failed, t.NotStarted)
	if t.Unknown > 0 {
		line += fmt.Sprintf(", %d unknown", t.Unknown)
	}
	return line + "."
}

// ApplyReport writes the end of an apply run: the summary line, then every
// action that was not done, grouped by outcome, each with its reason.
func ApplyReport(w io.Writer, rep apply.Report, interruptedBy string) error {
	out := bufio.NewWriter(w)
	fmt.Fprintf(out, "\n%s\n", ApplySummary(rep.Totals(), interruptedBy))
	for _, g := range []struct {
		outcome apply.Outcome
		title   string
	}{
		{apply.Blocked, "Blocked (not applied):"},
		{apply.Failed, "Failed:"},
		{apply.Unknown, "Unknown (aborted while in flight; run waform plan to see what the account holds):"},
		{apply.NotStarted, "Not started:"},
	} {
		var lines []string
		for _, r := range rep.Results {
			if r.Outcome != g.outcome {
				continue
			}
			switch g.outcome {
			case apply.NotStarted:
				lines = append(lines, fmt.Sprintf("%s %s", r.Action.Kind, r.Action.Key))
			case apply.Blocked:
				lines = append(lines, fmt.Sprintf("%s %s: %v", actionVerb(r.Action), r.Action.Key, r.Err))
			default:
				lines = append(lines, r.Err.Error()) // errors name their template
			}
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintln(out, g.title)
		for _, l := range lines {
			fmt.Fprintf(out, "  %s\n", l)
		}
	}
	return out.Flush()
}
