package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// heldClient holds every write until released or until its context ends,
// and says on entered when a write arrives. performed lists the keys the
// "server" acts on even when the request is cancelled, as a server that
// received the request before the client gave up would.
type heldClient struct {
	entered   chan string
	release   chan struct{}
	mu        sync.Mutex
	performed map[string]bool
	remote    map[template.Key]template.Remote
	findErr   error
}

func newHeld() *heldClient {
	return &heldClient{entered: make(chan string, 100), release: make(chan struct{}),
		performed: map[string]bool{}, remote: map[template.Key]template.Remote{}}
}

func (h *heldClient) hold(ctx context.Context, t template.Template) error {
	h.entered <- t.Name
	select {
	case <-h.release:
	case <-ctx.Done():
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.performed[t.Name] {
			h.remote[t.Key()] = template.Remote{Template: t, ID: "id-" + t.Name, Status: template.StatusApproved}
		}
		return ctx.Err()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.remote[t.Key()] = template.Remote{Template: t, ID: "id-" + t.Name, Status: template.StatusApproved}
	return nil
}

func (h *heldClient) Create(ctx context.Context, t template.Template) (template.Remote, bool, error) {
	if err := h.hold(ctx, t); err != nil {
		return template.Remote{}, false, err
	}
	return template.Remote{ID: "id-" + t.Name, Status: template.StatusApproved}, false, nil
}

func (h *heldClient) Update(ctx context.Context, _ string, t template.Template) error {
	return h.hold(ctx, t)
}

func (h *heldClient) Delete(context.Context, string, string) error { return errors.New("not used") }

func (h *heldClient) Find(_ context.Context, key template.Key) (*template.Remote, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.findErr != nil {
		return nil, h.findErr
	}
	if r, ok := h.remote[key]; ok {
		return &r, nil
	}
	return nil, nil
}

func creates(n int) *plan.Plan {
	p := &plan.Plan{}
	for i := range n {
		p.Actions = append(p.Actions, action(plan.Create, fmt.Sprintf("t%d", i)))
	}
	p.Actions = append(p.Actions, action(plan.Delete, "old"))
	return p
}

func outcomes(rep Report) map[Outcome]int {
	out := map[Outcome]int{}
	for _, r := range rep.Results {
		out[r.Outcome]++
	}
	return out
}

// Stop lets the actions in flight finish and starts no other.
func TestRunStopFinishesInFlight(t *testing.T) {
	h := newHeld()
	stop := make(chan struct{})
	done := make(chan Report)
	go func() {
		done <- Run(context.Background(), creates(5), h, Options{Parallelism: 2, Stop: stop, Grace: time.Hour})
	}()
	<-h.entered
	<-h.entered
	close(stop)
	h.release <- struct{}{}
	h.release <- struct{}{}
	rep := <-done
	if got := outcomes(rep); got[Done] != 2 || got[NotStarted] != 4 || len(rep.Results) != 6 {
		t.Errorf("outcomes = %v, want 2 done and 4 not started (3 creates and the delete)", got)
	}
	if !rep.Stopped || rep.Aborted {
		t.Errorf("stopped %v, aborted %v", rep.Stopped, rep.Aborted)
	}
	for _, r := range rep.Results {
		_, there := h.remote[r.Action.Key]
		if (r.Outcome == Done) != there {
			t.Errorf("%s reported %s, present on the remote: %v", r.Action.Key, r.Outcome, there)
		}
	}
}

// When the grace period ends, requests in flight are cancelled and read
// back: one the server performed is done, one it did not is failed.
func TestRunGraceEndsThenReadsBack(t *testing.T) {
	h := newHeld()
	h.performed["t0"] = true
	stop := make(chan struct{})
	done := make(chan Report)
	go func() {
		done <- Run(context.Background(), creates(3), h, Options{Parallelism: 2, Stop: stop, Grace: time.Millisecond})
	}()
	<-h.entered
	<-h.entered
	close(stop)
	rep := <-done
	byName := map[string]Result{}
	for _, r := range rep.Results {
		byName[r.Action.Key.Name] = r
	}
	if r := byName["t0"]; r.Outcome != Done || !strings.Contains(r.Note, "reading it back shows it was done") {
		t.Errorf("t0 = %s %q %v", r.Outcome, r.Note, r.Err)
	}
	if r := byName["t1"]; r.Outcome != Failed || !strings.Contains(r.Err.Error(), "shows it was not done") {
		t.Errorf("t1 = %s %v", r.Outcome, r.Err)
	}
	if r := byName["t2"]; r.Outcome != NotStarted {
		t.Errorf("t2 = %s", r.Outcome)
	}
}

// Aborting (the run's context ends) leaves actions in flight unknown.
func TestRunAbortLeavesInFlightUnknown(t *testing.T) {
	h := newHeld()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan Report)
	go func() { done <- Run(ctx, creates(3), h, Options{Parallelism: 2}) }()
	<-h.entered
	<-h.entered
	cancel()
	rep := <-done
	if got := outcomes(rep); got[Unknown] != 2 || got[NotStarted] != 2 || !rep.Aborted {
		t.Errorf("outcomes = %v, aborted %v", got, rep.Aborted)
	}
}

// A failed read back after the grace period leaves the outcome unknown,
// not failed: the server may have acted.
func TestRunReadBackFailureIsUnknown(t *testing.T) {
	h := newHeld()
	h.findErr = errors.New("connection refused")
	stop := make(chan struct{})
	close(stop)
	p := &plan.Plan{Actions: []plan.Action{action(plan.Create, "a")}}
	// Stop is already closed: nothing starts.
	if rep := Run(context.Background(), p, h, Options{Stop: stop, Grace: time.Millisecond}); outcomes(rep)[NotStarted] != 1 {
		t.Fatalf("outcomes = %v", outcomes(rep))
	}
	stop = make(chan struct{})
	done := make(chan Report)
	go func() { done <- Run(context.Background(), p, h, Options{Stop: stop, Grace: time.Millisecond}) }()
	<-h.entered
	close(stop)
	rep := <-done
	if r := rep.Results[0]; r.Outcome != Unknown || !strings.Contains(r.Err.Error(), "connection refused") {
		t.Errorf("result = %s %v", r.Outcome, r.Err)
	}
}

type refusal struct{ error }

func (refusal) Refused() string { return "1 edit per 24 h" }

// A failed update is read back: already equal to the file it is done (a
// concurrent apply made it); refused for a limit it is blocked; otherwise
// it stays failed with the real error.
func TestRunUpdateFailureReadBack(t *testing.T) {
	a := action(plan.Update, "u")
	a.Changes = []template.Change{{Path: "BODY.text", Before: "old text", After: "Hello u"}}
	limit := refusal{errors.New("(#100) Edit limit reached")}
	tests := []struct {
		name    string
		remote  *template.Template
		err     error
		outcome Outcome
	}{
		{"already up to date", a.After, limit, Done},
		{"edit limit", body("u", "old text"), limit, Blocked},
		{"other error", body("u", "old text"), errors.New("boom"), Failed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeClient{fail: map[string]error{"u": tt.err},
				existing: map[template.Key]template.Remote{a.Key: {Template: *tt.remote, ID: a.ID, Status: template.StatusApproved}}}
			r := Run(context.Background(), &plan.Plan{Actions: []plan.Action{a}}, c, Options{}).Results[0]
			if r.Outcome != tt.outcome {
				t.Fatalf("outcome = %s (%v), want %s", r.Outcome, r.Err, tt.outcome)
			}
			if tt.outcome != Done && !errors.Is(r.Err, tt.err) {
				t.Errorf("err = %v, want the update's own error", r.Err)
			}
			if tt.outcome == Done && !strings.Contains(r.Note, "already up to date") {
				t.Errorf("note = %q", r.Note)
			}
		})
	}
}

// A forced update (--replace, no field differs) matched the remote before it
// was sent: a refused one is not "already up to date" by reading back, since
// the header file it re-uploads never shows there.
func TestRunReplaceFailureIsNotReadBackAsDone(t *testing.T) {
	a := action(plan.Update, "u")
	limit := refusal{errors.New("(#100) Edit limit reached")}
	for _, tt := range []struct {
		err     error
		outcome Outcome
	}{{limit, Blocked}, {errors.New("boom"), Failed}} {
		c := &fakeClient{fail: map[string]error{"u": tt.err},
			existing: map[template.Key]template.Remote{a.Key: {Template: *a.After, ID: a.ID, Status: template.StatusApproved}}}
		r := Run(context.Background(), &plan.Plan{Actions: []plan.Action{a}}, c, Options{}).Results[0]
		if r.Outcome != tt.outcome || !errors.Is(r.Err, tt.err) {
			t.Errorf("%v: outcome = %s (%v, note %q), want %s with the update's own error", tt.err, r.Outcome, r.Err, r.Note, tt.outcome)
		}
	}
}

// A --replace cut off by the grace period is unknown, not failed: the
// remote matched before, so reading it back cannot tell.
func TestRunReplaceInterruptedIsUnknown(t *testing.T) {
	h := newHeld()
	a := action(plan.Update, "r")
	h.remote[a.Key] = template.Remote{Template: *a.After, ID: a.ID, Status: template.StatusApproved}
	stop := make(chan struct{})
	done := make(chan Report)
	go func() {
		done <- Run(context.Background(), &plan.Plan{Actions: []plan.Action{a}}, h, Options{Stop: stop, Grace: time.Millisecond})
	}()
	<-h.entered
	close(stop)
	r := (<-done).Results[0]
	if r.Outcome != Unknown || !strings.Contains(r.Err.Error(), "apply --replace r@en_US again") {
		t.Errorf("replace interrupted: %s %q %v", r.Outcome, r.Note, r.Err)
	}
}
