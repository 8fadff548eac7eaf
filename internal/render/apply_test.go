package render

import (
	"bytes"
	"errors"
	"testing"

	"github.com/waform/waform/internal/apply"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// applyResults has one result of every outcome and kind apply reports, in
// the order apply.Run returns them.
func applyResults() []apply.Result {
	act := func(k plan.Kind, name string) plan.Action {
		return plan.Action{Kind: k, Key: template.Key{Name: name, Language: "en_US"}}
	}
	blocked := act(plan.Blocked, "promo")
	blocked.Intent = plan.Update
	unreadable := act(plan.Blocked, "broken")
	unreadable.Intent = plan.Unreadable
	return []apply.Result{
		{Action: act(plan.Create, "welcome"), Outcome: apply.Done, ID: "101", Status: "PENDING"},
		{Action: act(plan.Create, "restored"), Outcome: apply.Done, ID: "102", Status: "APPROVED", Recovered: true,
			Note: "the answer was lost; found it created"},
		{Action: act(plan.Update, "shipping"), Outcome: apply.Done, ID: "103"},
		{Action: act(plan.Update, "invoice"), Outcome: apply.Failed,
			Err: errors.New("update invoice (en_US): (#100) Invalid parameter")},
		{Action: act(plan.Create, "flash"), Outcome: apply.Unknown,
			Err: errors.New("create flash (en_US): aborted while in flight; whether the server performed it is unknown (run waform plan to see)")},
		{Action: act(plan.Update, "later"), Outcome: apply.NotStarted},
		{Action: act(plan.Delete, "old"), Outcome: apply.Done, ID: "104"},
		{Action: blocked, Outcome: apply.Blocked, Err: errors.New("the template is PENDING review; Meta refuses edits until it is reviewed")},
		{Action: unreadable, Outcome: apply.Blocked, Err: errors.New("waform cannot read the remote template")},
	}
}

// TestApplyReportGolden covers apply's whole text result: the line printed
// as each attempted action finishes, then the report (summary and every group), once
// as a run that ended and once as one a signal stopped.
func TestApplyReportGolden(t *testing.T) {
	var b bytes.Buffer
	rep := apply.Report{Results: applyResults()}
	for _, r := range rep.Results {
		// apply's Progress sees only the actions it attempted.
		if r.Outcome != apply.Blocked && r.Outcome != apply.NotStarted {
			b.WriteString(ApplyResultLine(r) + "\n")
		}
	}
	if err := ApplyReport(&b, rep, ""); err != nil {
		t.Fatal(err)
	}
	golden(t, "apply/report.txt", b.Bytes())

	b.Reset()
	done := apply.Report{Results: rep.Results[:3], Stopped: true}
	if err := ApplyReport(&b, done, "SIGINT"); err != nil {
		t.Fatal(err)
	}
	golden(t, "apply/interrupted.txt", b.Bytes())
}
