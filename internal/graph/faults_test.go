package graph

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/template"
)

// remoteModel is what the WABA must hold: key → id and content.
type remoteModel map[template.Key]modelEntry

type modelEntry struct {
	id string
	t  template.Template
}

// faultRun drives a client through a random sequence of operations against
// an emulator that fails a fraction of all requests, checking each result
// against a model of what the WABA must hold.
type faultRun struct {
	t      *testing.T
	env    *emuEnv
	ctx    context.Context
	rng    *rand.Rand
	model  remoteModel
	wamids map[string]bool
	counts map[string]int
}

// TestOperationsUnderFaults: with 20% of requests failing in every way the
// emulator knows (429 and 503 with Retry-After, 500, connections dropped
// before or after the request is served, bodies cut in half), 200
// operations complete, each with the right result, and the WABA ends
// holding exactly the model: no duplicate, nothing lost, content equal.
func TestOperationsUnderFaults(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{
		PageSize:       7, // several pages per listing
		CreatesPerHour: -1,
		Faults:         emulator.Faults{Rate: 0.2, Seed: 20250601},
	}, nil, func(o *Options) {
		o.MaxAttempts = 12 // 0.2^12: a request exhausting its attempts would be a bug, not bad luck
		o.MaxElapsed = time.Hour
		o.Trace = nil
	})
	trace := &syncBuffer{}
	env.client.opts.Trace = trace
	r := &faultRun{t: t, env: env, ctx: context.Background(), rng: rand.New(rand.NewPCG(7, 11)),
		model: remoteModel{}, wamids: map[string]bool{}, counts: map[string]int{}}
	for i := range 200 {
		op := r.pick()
		r.counts[op]++
		r.run(i, op)
	}
	r.checkList()
	r.checkStored()
	out := trace.String()
	attempts := strings.Count(out, "--> ")
	faults := strings.Count(out, "<-- 429") + strings.Count(out, "<-- 5") + strings.Count(out, "<-- error")
	t.Logf("operations %v; %d of %d attempts faulty; %d templates at the end", r.counts, faults, attempts, len(r.model))
	if faults*10 < attempts {
		t.Errorf("only %d of %d attempts faulty: the faults are not reaching the client", faults, attempts)
	}
	for _, op := range []string{"create", "update", "delete", "list", "get", "send", "status"} {
		if r.counts[op] == 0 {
			t.Errorf("the sequence never ran %s", op)
		}
	}
}

func (r *faultRun) pick() string {
	if len(r.model) == 0 {
		return "create"
	}
	ops := []string{"create", "create", "create", "update", "update", "delete", "list", "list", "get", "send", "send", "status"}
	op := ops[r.rng.IntN(len(ops))]
	if op == "status" && len(r.wamids) == 0 {
		return "send"
	}
	return op
}

func (r *faultRun) anyKey() template.Key {
	keys := slices.SortedFunc(maps.Keys(r.model), template.Key.Compare)
	return keys[r.rng.IntN(len(keys))]
}

func (r *faultRun) run(i int, op string) {
	r.t.Helper()
	fail := func(err error) { r.t.Fatalf("operation %d (%s): %v", i, op, err) }
	switch op {
	case "create":
		lang := []string{"en_US", "es", "pt_BR"}[r.rng.IntN(3)]
		tpl := utilityTemplate(fmt.Sprintf("tpl_%03d", i), lang, fmt.Sprintf("Order {{1}} created at step %d.", i))
		res, err := r.env.client.CreateTemplate(r.ctx, r.env.waba, tpl)
		if err != nil {
			fail(err)
		}
		if res.Recovered {
			r.counts["create (recovered)"]++
		}
		r.model[tpl.Key()] = modelEntry{res.ID, tpl}
	case "update":
		k := r.anyKey()
		e := r.model[k]
		e.t.Components = []template.Component{{Type: "BODY", Text: fmt.Sprintf("Order {{1}} revised at step %d.", i),
			Example: &template.Example{BodyText: template.Matrix{{"B-2"}}}}}
		r.env.clock.Advance(25 * time.Hour) // Meta allows one edit a day
		if err := r.env.client.UpdateTemplate(r.ctx, r.env.waba, e.id, e.t); err != nil {
			fail(err)
		}
		r.model[k] = e
	case "delete":
		k := r.anyKey()
		if err := r.env.client.DeleteTemplate(r.ctx, r.env.waba, r.model[k].id, k.Name); err != nil {
			fail(err)
		}
		delete(r.model, k)
	case "list":
		r.checkList()
	case "get":
		e := r.model[r.anyKey()]
		got, err := r.env.client.GetTemplate(r.ctx, r.env.waba, e.id)
		if err != nil {
			fail(err)
		}
		if diff := template.Diff(e.t, template.FromRemote(*got)); got.ID != e.id || len(diff) > 0 {
			fail(fmt.Errorf("got %s %s, want %s; diff %v", got.ID, got.Key(), e.id, diff))
		}
	case "send":
		k := r.anyKey()
		msg := templateMessage(k.Name, "15551234567")
		msg["template"].(map[string]any)["language"] = map[string]any{"code": k.Language}
		res, err := r.env.client.SendMessage(r.ctx, r.env.phone, msg)
		if err != nil {
			fail(err)
		}
		if r.wamids[res.WAMID] {
			fail(fmt.Errorf("wamid %s returned twice", res.WAMID))
		}
		r.wamids[res.WAMID] = true
	case "status":
		ids := slices.Sorted(maps.Keys(r.wamids))
		id := ids[r.rng.IntN(len(ids))]
		m, err := r.env.client.FindMessage(r.ctx, r.env.phone, id, time.Time{})
		if err != nil {
			fail(err)
		}
		if m == nil || !slices.Contains([]string{"sent", "delivered", "read"}, m.Status) {
			fail(fmt.Errorf("message %s: %+v", id, m))
		}
	}
}

// checkList lists through the faulty server and compares with the model.
func (r *faultRun) checkList() {
	r.t.Helper()
	got, err := r.env.client.ListTemplates(r.ctx, r.env.waba, ListFilter{})
	if err != nil {
		r.t.Fatalf("list templates: %v", err)
	}
	seen := map[template.Key]bool{}
	for _, rem := range got {
		k := rem.Key()
		e, ok := r.model[k]
		switch {
		case seen[k]:
			r.t.Errorf("%s listed twice", k)
		case !ok:
			r.t.Errorf("%s (id %s) is on the remote but not in the model", k, rem.ID)
		case rem.ID != e.id:
			r.t.Errorf("%s has id %s, want %s", k, rem.ID, e.id)
		case !template.Equal(e.t, template.FromRemote(rem)):
			r.t.Errorf("%s differs: %v", k, template.Diff(e.t, template.FromRemote(rem)))
		}
		seen[k] = true
	}
	if len(seen) != len(r.model) {
		r.t.Errorf("listed %d templates, the model has %d", len(seen), len(r.model))
	}
}

// checkStored reads the emulator's state directly, past the faults.
func (r *faultRun) checkStored() {
	r.t.Helper()
	stored := r.env.emu.Templates()
	if len(stored) != len(r.model) {
		r.t.Errorf("the emulator holds %d templates, the model %d", len(stored), len(r.model))
	}
	for _, s := range stored {
		if e, ok := r.model[s.Template.Key()]; !ok || e.id != s.ID {
			r.t.Errorf("stored %s (id %s) is not in the model", s.Template.Key(), s.ID)
		}
	}
}

// Creates from several goroutines at once, as apply runs them, under the
// same faults: each template exists exactly once with the id returned.
func TestConcurrentCreatesUnderFaults(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{CreatesPerHour: -1, Faults: emulator.Faults{Rate: 0.2, Seed: 5}}, nil,
		func(o *Options) { o.MaxAttempts, o.MaxElapsed = 12, time.Hour })
	ids := make([]string, 24)
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(ids); i += 4 {
				res, err := env.client.CreateTemplate(context.Background(), env.waba,
					utilityTemplate(fmt.Sprintf("tpl_%02d", i), "en_US", "Order {{1}} shipped."))
				if err != nil {
					errs <- err
					return
				}
				ids[i] = res.ID
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	stored := env.emu.Templates()
	if len(stored) != len(ids) {
		t.Fatalf("emulator holds %d templates, want %d", len(stored), len(ids))
	}
	for _, s := range stored {
		var i int
		if _, err := fmt.Sscanf(s.Template.Name, "tpl_%d", &i); err != nil || ids[i] != s.ID {
			t.Errorf("stored %s has id %s, the create returned %q", s.Template.Name, s.ID, ids[i])
		}
	}
}
