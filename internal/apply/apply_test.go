package apply

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// fakeClient records calls and fails the keys it is told to fail. It tracks
// how many calls run at once and whether any delete started before every
// write had finished.
type fakeClient struct {
	mu             sync.Mutex
	fail           map[string]error // by template name
	existing       map[template.Key]template.Remote
	running, peak  int
	writesLeft     int
	deleteTooEarly bool
	calls          []string
	gate           chan struct{} // when set, each call waits on it
}

func (f *fakeClient) enter(call string, isDelete bool) {
	f.mu.Lock()
	f.running++
	f.peak = max(f.peak, f.running)
	f.calls = append(f.calls, call)
	if isDelete && f.writesLeft > 0 {
		f.deleteTooEarly = true
	}
	f.mu.Unlock()
	if f.gate != nil {
		<-f.gate
	}
}

func (f *fakeClient) leave(isWrite bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.running--
	if isWrite {
		f.writesLeft--
	}
}

func (f *fakeClient) Create(_ context.Context, t template.Template) (template.Remote, bool, error) {
	f.enter("create "+t.Name, false)
	defer f.leave(true)
	if err := f.fail[t.Name]; err != nil {
		return template.Remote{}, false, err
	}
	return template.Remote{ID: "id-" + t.Name, Status: template.StatusPending}, false, nil
}

func (f *fakeClient) Update(_ context.Context, id string, t template.Template) error {
	f.enter("update "+id, false)
	defer f.leave(true)
	return f.fail[t.Name]
}

func (f *fakeClient) Delete(_ context.Context, id, name string) error {
	f.enter("delete "+id+" "+name, true)
	defer f.leave(false)
	return f.fail[name]
}

func (f *fakeClient) Find(_ context.Context, key template.Key) (*template.Remote, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.existing[key]; ok {
		return &r, nil
	}
	return nil, nil
}

func body(name, text string) *template.Template {
	return &template.Template{Name: name, Language: "en_US", Category: "UTILITY",
		Components: []template.Component{{Type: "BODY", Text: text}}}
}

func action(kind plan.Kind, name string) plan.Action {
	a := plan.Action{Kind: kind, Key: template.Key{Name: name, Language: "en_US"}}
	if kind != plan.Create {
		a.ID = "hsm-" + name
	}
	if kind == plan.Create || kind == plan.Update {
		a.After = body(name, "Hello "+name)
	}
	return a
}

func TestRunOrdersAndReportsEveryAction(t *testing.T) {
	p := &plan.Plan{Actions: []plan.Action{
		action(plan.Delete, "old_a"), action(plan.Create, "new_a"), action(plan.Noop, "same"),
		action(plan.Update, "changed"), action(plan.Blocked, "pending"), action(plan.Delete, "old_b"),
		action(plan.Create, "new_b"),
	}}
	// old_b is still there after its failed delete, so the read back
	// confirms the failure.
	c := &fakeClient{writesLeft: 3, fail: map[string]error{"new_a": errors.New("boom"), "old_b": errors.New("gone wrong")},
		existing: map[template.Key]template.Remote{{Name: "old_b", Language: "en_US"}: {ID: "hsm-old_b", Status: template.StatusApproved}}}
	var progress []string
	rep := Run(context.Background(), p, c, Options{Parallelism: 2, Progress: func(r Result) {
		progress = append(progress, string(r.Action.Kind)+" "+r.Action.Key.Name+" "+string(r.Outcome))
	}})
	results := rep.Results

	var got []string
	for _, r := range results {
		got = append(got, string(r.Action.Kind)+" "+r.Action.Key.Name+" "+string(r.Outcome))
	}
	want := []string{"create new_a failed", "update changed done", "create new_b done", "delete old_a done", "delete old_b failed", "blocked pending blocked"}
	if !slices.Equal(got, want) {
		t.Errorf("results = %q, want %q", got, want)
	}
	want = want[:5] // blocked actions are not executed, so not in progress
	slices.Sort(progress)
	slices.Sort(want)
	if !slices.Equal(progress, want) {
		t.Errorf("progress = %q, want one call per result %q", progress, want)
	}
	if c.deleteTooEarly {
		t.Error("a delete started before every create and update had finished")
	}
	if results[2].ID != "id-new_b" || results[1].ID != "hsm-changed" {
		t.Errorf("ids = %q, %q", results[2].ID, results[1].ID)
	}
	// a failed create, a delete and a blocked action are not to be reviewed
	if got := rep.Written(); !slices.Equal(got, []template.Key{{Name: "changed", Language: "en_US"}, {Name: "new_b", Language: "en_US"}}) {
		t.Errorf("written = %v, want changed and new_b", got)
	}
	if got := rep.Totals(); got != (Totals{Created: 1, Updated: 1, Deleted: 1, Blocked: 1, Failed: 2}) {
		t.Errorf("Totals = %+v", got)
	}
	if rep.Complete() || rep.Stopped || rep.Aborted {
		t.Errorf("report = complete %v, stopped %v, aborted %v", rep.Complete(), rep.Stopped, rep.Aborted)
	}
	if !slices.Contains(c.calls, "delete hsm-old_a old_a") {
		t.Errorf("delete must send both id and name; calls = %q", c.calls)
	}
}

func TestRunBoundsParallelism(t *testing.T) {
	var actions []plan.Action
	for i := range 12 {
		actions = append(actions, action(plan.Create, fmt.Sprintf("t%02d", i)))
	}
	for _, n := range []int{1, 3, 0} {
		c := &fakeClient{writesLeft: len(actions), gate: make(chan struct{})}
		done := make(chan Report)
		go func() { done <- Run(context.Background(), &plan.Plan{Actions: actions}, c, Options{Parallelism: n}) }()
		for range actions {
			c.gate <- struct{}{}
		}
		rep := <-done
		want := n
		if n == 0 {
			want = DefaultParallelism
		}
		if c.peak > want {
			t.Errorf("parallelism %d: %d calls ran at once", n, c.peak)
		}
		if len(rep.Results) != len(actions) || rep.Totals().Created != len(actions) || !rep.Complete() {
			t.Errorf("parallelism %d: %+v", n, rep.Totals())
		}
	}
}

func TestRunCreateRefusedButPresent(t *testing.T) {
	exists := errors.New("(#100/2388024) Content in This Language Already Exists")
	key := template.Key{Name: "welcome", Language: "en_US"}
	tests := []struct {
		name      string
		remote    *template.Template
		outcome   Outcome
		recovered bool
	}{
		{"same content is success", body("welcome", "Hello welcome"), Done, true},
		{"other content stays a failure", body("welcome", "Something else"), Failed, false},
		{"absent stays a failure", nil, Failed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeClient{fail: map[string]error{"welcome": exists}, existing: map[template.Key]template.Remote{}}
			if tt.remote != nil {
				c.existing[key] = template.Remote{Template: *tt.remote, ID: "777", Status: template.StatusApproved}
			}
			res := Run(context.Background(), &plan.Plan{Actions: []plan.Action{action(plan.Create, "welcome")}}, c, Options{}).Results
			if len(res) != 1 || res[0].Outcome != tt.outcome || res[0].Recovered != tt.recovered {
				t.Fatalf("result = %+v", res)
			}
			if tt.outcome == Done && res[0].ID != "777" {
				t.Errorf("recovered id = %q, want the existing template's", res[0].ID)
			}
			if tt.outcome == Failed && !errors.Is(res[0].Err, exists) {
				t.Errorf("err = %v, want the create's error", res[0].Err)
			}
		})
	}
}

func TestRunRefusesIncompleteActions(t *testing.T) {
	p := &plan.Plan{Actions: []plan.Action{
		{Kind: plan.Create, Key: template.Key{Name: "a", Language: "en"}},
		{Kind: plan.Update, Key: template.Key{Name: "b", Language: "en"}, After: body("b", "x")},
		{Kind: plan.Delete, Key: template.Key{Name: "c", Language: "en"}},
	}}
	c := &fakeClient{}
	for _, r := range Run(context.Background(), p, c, Options{}).Results {
		if r.Outcome != Failed || r.Err == nil {
			t.Errorf("%s %s: %+v, want a failure", r.Action.Kind, r.Action.Key, r)
		}
	}
	if len(c.calls) != 0 {
		t.Errorf("incomplete actions reached the client: %q", c.calls)
	}
}

func TestRunStopsStartingWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := &fakeClient{}
	rep := Run(ctx, &plan.Plan{Actions: []plan.Action{action(plan.Create, "a"), action(plan.Delete, "b")}}, c, Options{})
	if len(rep.Results) != 2 || rep.Totals().NotStarted != 2 || !rep.Aborted {
		t.Errorf("report = %+v", rep)
	}
	if len(c.calls) != 0 {
		t.Errorf("calls after cancel: %q", c.calls)
	}
}

// The body sent is the create form: allow_category_change is dropped.
func TestRunSendsCreateForm(t *testing.T) {
	a := action(plan.Create, "x")
	a.After.AllowCategoryChange = new(bool)
	var sent template.Template
	c := &recordingClient{sent: &sent}
	Run(context.Background(), &plan.Plan{Actions: []plan.Action{a}}, c, Options{})
	if sent.AllowCategoryChange != nil || sent.Name != "x" {
		t.Errorf("sent %+v", sent)
	}
}

type recordingClient struct {
	fakeClient
	sent *template.Template
}

func (r *recordingClient) Create(_ context.Context, t template.Template) (template.Remote, bool, error) {
	*r.sent = t
	return template.Remote{ID: "1"}, false, nil
}
