package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/apply"
	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// applyPlan has an action of every kind for each result of applyResults
// apply attempts (blocked ones are not counted).
func applyPlan(rs []apply.Result) *plan.Plan {
	p := &plan.Plan{Actions: []plan.Action{{Kind: plan.Noop}}}
	for _, r := range rs {
		p.Actions = append(p.Actions, r.Action)
	}
	return p
}

// On a terminal each result line is printed on Out while the counter on
// Err is erased, then drawn again; Done leaves the final count.
func TestApplyProgressOnTerminal(t *testing.T) {
	rs := applyResults()[:4] // created, recovered, updated, failed
	var out, errOut bytes.Buffer
	v := View{Out: &out, Err: &errOut, ErrTerm: Terminal{TTY: true}}
	p := v.ApplyProgress(clock.NewFake(time.Unix(0, 0)), applyPlan(rs))
	for _, r := range rs {
		p.Result(r)
	}
	p.Done()
	var want strings.Builder
	for _, r := range rs {
		want.WriteString(ApplyResultLine(r) + "\n")
	}
	if out.String() != want.String() {
		t.Errorf("out:\n%s\nwant:\n%s", out.String(), want.String())
	}
	wantErr := "\rapply: 1 of 4 actions done\x1b[K" +
		"\r\x1b[K\rapply: 2 of 4 actions done\x1b[K" +
		"\r\x1b[K\rapply: 3 of 4 actions done\x1b[K" +
		"\r\x1b[K\rapply: 4 of 4 actions done (1 failed)\x1b[K" +
		"\rapply: 4 of 4 actions done (1 failed)\x1b[K\n"
	if errOut.String() != wantErr {
		t.Errorf("err:\n%q\nwant:\n%q", errOut.String(), wantErr)
	}
}

// Off a terminal the counter prints at most once per interval, and a run
// with nothing to do prints nothing at all.
func TestApplyProgressOffTerminal(t *testing.T) {
	rs := applyResults()[:2]
	c := clock.NewFake(time.Unix(0, 0))
	var out, errOut bytes.Buffer
	v := View{Out: &out, Err: &errOut}
	p := v.ApplyProgress(c, applyPlan(rs))
	p.Result(rs[0])
	c.Advance(ProgressEvery)
	p.Result(rs[1])
	p.Done()
	if errOut.String() != "apply: 2 of 2 actions done\n" {
		t.Errorf("err %q", errOut.String())
	}
	if strings.Count(out.String(), "\n") != 2 {
		t.Errorf("out %q, want two result lines", out.String())
	}

	errOut.Reset()
	v.ErrTerm.TTY = true
	v.ApplyProgress(c, &plan.Plan{Actions: []plan.Action{{Kind: plan.Noop}}}).Done()
	if errOut.Len() != 0 {
		t.Errorf("nothing to apply, yet the counter printed %q", errOut.String())
	}
}

func TestApplyInterrupted(t *testing.T) {
	rs := applyResults()
	for _, c := range []struct {
		rep  apply.Report
		want string
	}{
		{apply.Report{Results: rs[:3]}, "interrupted by SIGTERM"},
		{apply.Report{Results: rs[:6]}, "interrupted by SIGTERM: 3 of 6 planned actions not done (1 failed, 1 not started, 1 unknown); run waform plan to see what the account holds"},
		{apply.Report{Results: rs}, "interrupted by SIGTERM: 5 of 9 planned actions not done (2 blocked, 1 failed, 1 not started, 1 unknown); run waform plan to see what the account holds"},
		{apply.Report{Results: append(rs[:3:3], rs[5])}, "interrupted by SIGTERM: 1 of 4 planned actions not done (1 not started)"},
	} {
		if got := ApplyInterrupted(c.rep, "SIGTERM"); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

// The wait progress gives elapsed and remaining time on every poll and
// names the pending templates only when they change.
func TestReviewProgressNamesOnlyChanges(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var errOut bytes.Buffer
	progress := View{Err: &errOut}.ReviewProgress(clk, 10*time.Minute)
	a := template.Remote{Template: template.Template{Name: "a", Language: "en"}}
	b := template.Remote{Template: template.Template{Name: "b", Language: "en"}}
	progress([]template.Remote{a, b})
	clk.Advance(90 * time.Second)
	progress([]template.Remote{a, b})
	clk.Advance(30 * time.Second)
	progress([]template.Remote{b})
	clk.Advance(10 * time.Minute)
	progress([]template.Remote{b})
	want := []string{
		"waiting for review: 2 PENDING, 0s elapsed, 10m0s left (a (en), b (en))",
		"waiting for review: 2 PENDING, 1m30s elapsed, 8m30s left",
		"waiting for review: 1 PENDING, 2m0s elapsed, 8m0s left (b (en))",
		"waiting for review: 1 PENDING, 12m0s elapsed, 0s left",
	}
	if got := strings.Split(strings.TrimSpace(errOut.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReviewed(t *testing.T) {
	var out bytes.Buffer
	rs := []template.Remote{
		{Template: template.Template{Name: "a", Language: "en_US"}, Status: template.StatusApproved, RejectedReason: "NONE"},
		{Template: template.Template{Name: "b", Language: "es"}, Status: template.StatusRejected, RejectedReason: "INVALID_FORMAT"},
		{Template: template.Template{Name: "c", Language: "en_US"}, Status: template.StatusPending},
	}
	View{Out: &out}.Reviewed(rs)
	want := "APPROVED a (en_US)\nREJECTED b (es): INVALID_FORMAT\nPENDING c (en_US)\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
