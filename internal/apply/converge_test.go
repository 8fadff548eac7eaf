package apply

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/planner"
	"github.com/waform/waform/internal/secret"
	"github.com/waform/waform/internal/template"
)

// TestApplyConvergesUnderFaults: with 20% of requests failing in every way
// the emulator knows (429, 5xx, connections dropped before or after the
// request is served, bodies cut short), and a client allowed only two
// attempts per request so that whole actions do fail, apply re-run until
// the plan is empty leaves the remote equal to the files: every template
// once, none lost, none duplicated, the extra ones deleted.
func TestApplyConvergesUnderFaults(t *testing.T) {
	samples, err := planner.Desired("../../templates", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Four copies of every sample under other names: enough requests for
	// a fifth of them to fail in every way several times over.
	var desired []plan.Desired
	for _, suffix := range []string{"", "_b", "_c", "_d"} {
		for _, d := range samples {
			d.Template.Name += suffix
			desired = append(desired, d)
		}
	}
	for _, seed := range []int64{1, 2, 3, 4, 5, 6} {
		clock := clock.NewFake(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
		emu, err := emulator.New(emulator.Options{
			Clock: clock, CreatesPerHour: -1, PageSize: 5,
			Faults: emulator.Faults{Rate: 0.2, Seed: seed},
		})
		if err != nil {
			t.Fatal(err)
		}
		seedDrift(t, emu, desired)
		srv := httptest.NewServer(emu)
		var trace strings.Builder // the client serialises its trace writes
		client, err := graph.New(graph.Options{
			Provider: graph.ProviderKapso, BaseURL: srv.URL + "/meta/whatsapp/v24.0", APIKey: secret.Secret(emu.APIKey()),
			MaxAttempts: 2, Trace: &trace, Clock: clock, Rand: func() float64 { return 0.5 },
		})
		if err != nil {
			t.Fatal(err)
		}
		rem := graph.Account{Client: client, WABA: emu.BusinessAccountID(), AppID: emu.AppID()}
		runs := convergeRuns(t, rem, desired, clock)
		srv.Close()
		out := trace.String()
		faults := strings.Count(out, "<-- 429") + strings.Count(out, "<-- 5") + strings.Count(out, "<-- error")
		t.Logf("seed %d: converged after %d runs; %d faulty attempts of %d", seed, runs, faults, strings.Count(out, "--> "))
		if faults*10 < strings.Count(out, "--> ") {
			t.Errorf("seed %d: fewer than one attempt in ten was faulty: the faults are not reaching the client", seed)
		}
		checkStored(t, emu, desired)
	}
}

// seedDrift puts the emulator in a state that needs every kind of action:
// half the files' templates present with an older body (updates), the
// other half absent (creates), and three templates no file declares
// (deletes, with prune on).
func seedDrift(t *testing.T, emu *emulator.Server, desired []plan.Desired) {
	t.Helper()
	for i, d := range desired {
		if i%2 == 1 || d.Template.Category == "AUTHENTICATION" {
			continue
		}
		old := template.Canonical(d.Template)
		old.Components = append([]template.Component(nil), old.Components...)
		for j, c := range old.Components {
			if c.Type == "BODY" {
				old.Components[j].Text = c.Text + " (old)"
			}
		}
		if _, err := emu.Seed(emu.BusinessAccountID(), old, ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"retired_a", "retired_b", "retired_c"} {
		extra := template.Template{Name: name, Language: "en_US", Category: "UTILITY",
			Components: []template.Component{{Type: "BODY", Text: "No file declares " + name + "."}}}
		if _, err := emu.Seed(emu.BusinessAccountID(), extra, ""); err != nil {
			t.Fatal(err)
		}
	}
}

// convergeRuns plans and applies until the plan is in sync, at most ten
// times, and returns how many applies it took.
func convergeRuns(t *testing.T, rem graph.Account, desired []plan.Desired, clock *clock.Fake) int {
	t.Helper()
	ctx := context.Background()
	for run := 0; run <= 10; run++ {
		remotes, err := rem.List(ctx)
		if err != nil {
			continue // the list exhausted its attempts: plan again
		}
		p, err := plan.Compute(desired, remotes, plan.Policy{Prune: true, MaxDeletes: 100, Now: clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if p.Summary.InSync() {
			return run
		}
		if p.Summary.Blocked > 0 {
			t.Fatalf("run %d: blocked actions: %+v", run, p.Pending())
		}
		Run(ctx, p, rem, Options{Parallelism: 4, Uploader: NewUploader(rem, p)})
	}
	t.Fatal("apply did not converge in 10 runs")
	return 0
}

// checkStored compares the emulator's own records, read without faults,
// with the files: one live record per file, none other, same content.
func checkStored(t *testing.T, emu *emulator.Server, desired []plan.Desired) {
	t.Helper()
	live := map[template.Key][]emulator.Stored{}
	for _, s := range emu.Templates() {
		if s.Status != "DELETED" && s.Status != "PENDING_DELETION" {
			live[s.Template.Key()] = append(live[s.Template.Key()], s)
		}
	}
	for _, d := range desired {
		k := d.Template.Key()
		got := live[k]
		switch {
		case len(got) == 0:
			t.Errorf("%s lost", k)
		case len(got) > 1:
			t.Errorf("%s duplicated: %d live records", k, len(got))
		case !template.Equal(d.Template, template.FromRemote(template.Remote{Template: got[0].Template})):
			t.Errorf("%s differs: %v", k, template.Diff(d.Template, got[0].Template))
		}
		delete(live, k)
	}
	for k := range live {
		t.Errorf("%s should have been deleted", k)
	}
}
