package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/waform/waform/internal/apply"
	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// ApplyProgress shows an apply run as it goes: each finished action's line
// on the View's Out, and the "N of M actions done" counter on its Err; on a
// terminal the live counter is erased while a result line is printed, then
// drawn again below it.
type ApplyProgress struct {
	out                     io.Writer
	prog                    *Progress
	finished, total, failed int
}

// ApplyProgress returns the progress of applying p, timed by c.
func (v View) ApplyProgress(c clock.Clock, p *plan.Plan) *ApplyProgress {
	total := 0
	for _, a := range p.Actions {
		switch a.Kind {
		case plan.Create, plan.Update, plan.Delete:
			total++
		}
	}
	return &ApplyProgress{out: v.Out, prog: v.Progress(c), total: total}
}

// Result is apply.Options.Progress, which apply never calls concurrently.
func (a *ApplyProgress) Result(r apply.Result) {
	a.finished++
	if r.Outcome == apply.Failed {
		a.failed++
	}
	a.prog.Clear()
	fmt.Fprintln(a.out, ApplyResultLine(r))
	a.prog.Update(a.line())
}

func (a *ApplyProgress) line() string { return ApplyProgressLine(a.finished, a.total, a.failed) }

// Done ends the live counter, when there was anything to count.
func (a *ApplyProgress) Done() {
	if a.total > 0 {
		a.prog.Done(a.line())
	}
}

// ApplyInterrupted is the error message of a run a signal stopped, e.g.
// "interrupted by SIGINT: 2 of 5 planned actions not done (2 not started)".
func ApplyInterrupted(rep apply.Report, by string) string {
	t := rep.Totals()
	msg := fmt.Sprintf("interrupted by %s", by)
	if t.Left() > 0 {
		msg += fmt.Sprintf(": %d of %d planned actions not done (%s)", t.Left(), len(rep.Results), ApplyLeft(t))
	}
	if t.Unknown > 0 {
		msg += "; run waform plan to see what the account holds"
	}
	return msg
}

// ApplyLeft is "1 blocked, 2 not started": the non-zero counts of actions
// not done.
func ApplyLeft(t apply.Totals) string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{t.Blocked, "blocked"}, {t.Failed, "failed"}, {t.NotStarted, "not started"}, {t.Unknown, "unknown"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	return strings.Join(parts, ", ")
}

// ReviewProgress returns apply.WaitOptions.Progress for a wait of timeout
// on c: one line on the View's Err per poll with the time spent and left,
// naming the pending templates only when they change, so a long wait does
// not repeat them.
func (v View) ReviewProgress(c clock.Clock, timeout time.Duration) func(pending []template.Remote) {
	start := c.Now()
	var named string
	return func(pending []template.Remote) {
		names := make([]string, len(pending))
		for i, r := range pending {
			names[i] = r.Key().String()
		}
		elapsed := c.Now().Sub(start)
		line := fmt.Sprintf("waiting for review: %d PENDING, %s elapsed, %s left", len(pending),
			elapsed.Round(time.Second), max(timeout-elapsed, 0).Round(time.Second))
		if list := strings.Join(names, ", "); list != named {
			line += " (" + list + ")"
			named = list
		}
		fmt.Fprintln(v.Err, line)
	}
}

// Reviewed prints each waited-for template's final status on the View's
// Out, with Meta's rejection reason when it gives one: "REJECTED promo
// (en_US): INVALID_FORMAT".
func (v View) Reviewed(rs []template.Remote) {
	for _, r := range rs {
		line := fmt.Sprintf("%s %s", r.Status, r.Key())
		if reason := r.RejectedReason; reason != "" && !strings.EqualFold(reason, "NONE") {
			line += ": " + reason
		}
		fmt.Fprintln(v.Out, line)
	}
}
