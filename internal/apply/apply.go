// Package apply executes a plan against the remote WhatsApp Business
// Account: creates and updates first, with bounded parallelism, then
// deletes; every action reports its own result, and one failure never stops
// the actions that do not depend on it. A run can be stopped gracefully (no
// new action starts, the ones in flight finish) and every action whose
// outcome is in doubt is settled by reading the template back, so the
// Report says what the remote holds, not what the requests returned. It
// declares the small client it needs; graph.Account satisfies it.
package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// DefaultParallelism is how many actions run at once when Options leaves it
// zero: enough to hide latency (about 8x faster than one at a time, see
// the README's performance section), while a 429's Retry-After pauses
// every worker (graph.Client) so a rate limit is not hammered.
const DefaultParallelism = 10

// DefaultGrace is how long actions in flight may still run after Stop when
// Options leaves Grace zero: long enough for a request and its retries, short
// enough for a CI runner's cancel, which kills the job after about 10 s more
// on some runners and never on others.
const DefaultGrace = 30 * time.Second

// readBackTimeout bounds each read back of a template whose outcome is in
// doubt, so settling a run never hangs on the API that made it doubtful.
const readBackTimeout = 15 * time.Second

// Client is what apply needs of the remote. Create returns the template
// with the id and status the remote gave it, and recovered true when the
// answer was lost and the template was found already there. Find returns
// nil (and no error) when no template has exactly that name and language.
type Client interface {
	Create(ctx context.Context, t template.Template) (created template.Remote, recovered bool, err error)
	Update(ctx context.Context, id string, t template.Template) error
	Delete(ctx context.Context, id, name string) error
	Find(ctx context.Context, key template.Key) (*template.Remote, error)
}

// Outcome is how one action ended.
type Outcome string

const (
	// Done: the remote holds what the action wanted (confirmed by the answer
	// or by reading the template back).
	Done Outcome = "done"
	// Failed: the remote does not hold it; Err is the real error.
	Failed Outcome = "failed"
	// Blocked: the plan marked it blocked, or the remote refused it for a
	// limit that retrying now cannot lift (see Refusal); never attempted
	// again in this run.
	Blocked Outcome = "blocked"
	// NotStarted: the run was stopped before the action was sent.
	NotStarted Outcome = "not started"
	// Unknown: the run was aborted while the action was in flight and it
	// could not be read back; the remote may or may not hold it.
	Unknown Outcome = "unknown"
)

// Result is one action of the plan and how it ended.
type Result struct {
	Action  plan.Action
	Outcome Outcome
	// ID is the template's id: the new one for a create.
	ID     string
	Status string
	// Recovered: the request failed or its answer was lost, and the
	// template was found already as wanted; Note says how it was found.
	Recovered bool
	Note      string
	Err       error
}

// Refusal is an error the remote gives when it refuses an action for a
// limit that a retry cannot lift soon (Meta's edit quota). Apply reports the
// action as Blocked with the refusal's explanation.
type Refusal interface {
	error
	// Refused explains the limit and when to try again.
	Refused() string
}

// Uploader turns a header sample that names a repository file ("./x.png")
// into an upload handle. The key says which template's file the reference
// is relative to.
type Uploader interface {
	UploadHandle(ctx context.Context, key template.Key, ref string) (string, error)
}

// Options tune Run.
type Options struct {
	Parallelism int
	// Uploader uploads the files header samples name, as a step of the
	// create or update that needs them; nil fails those actions.
	Uploader Uploader
	// Progress, when set, is called once per finished action (not for
	// blocked or not-started ones), never concurrently, so it may print
	// without locking.
	Progress func(Result)
	// Stop, when it closes, stops the run gracefully: no action starts
	// after it, and the actions in flight have Grace to finish before their
	// requests are cancelled and their outcome is read back.
	Stop  <-chan struct{}
	Grace time.Duration
}

// Report is the outcome of a run: every non-noop action of the plan.
type Report struct {
	// Results holds creates and updates, then deletes, each in plan
	// order, then the blocked actions of the plan.
	Results []Result
	// Stopped: Stop closed before every action had finished. Aborted: the
	// run's context ended, so actions in flight may be Unknown.
	Stopped, Aborted bool
}

// Run executes the plan's create, update and delete actions and reports
// every non-noop action. Creates and updates run first, deletes after them,
// so a template moving to a new name exists before the old one goes.
//
// Cancelling ctx aborts: requests in flight end at once and their actions
// are Unknown unless already settled. Closing Options.Stop is the graceful
// way to end a run early.
func Run(ctx context.Context, p *plan.Plan, c Client, o Options) Report {
	var writes, deletes, blocked []plan.Action
	for _, a := range p.Actions {
		switch a.Kind {
		case plan.Create, plan.Update:
			writes = append(writes, a)
		case plan.Delete:
			deletes = append(deletes, a)
		case plan.Blocked:
			blocked = append(blocked, a)
		}
	}
	if o.Parallelism <= 0 {
		o.Parallelism = DefaultParallelism
	}
	if o.Grace <= 0 {
		o.Grace = DefaultGrace
	}
	requests, cancelRequests := context.WithCancel(ctx)
	defer cancelRequests()
	r := &runner{client: c, opts: o, abort: ctx, requests: requests, stop: o.Stop}
	if o.Stop != nil {
		go r.graceThenCancel(cancelRequests)
	}
	var rep Report
	rep.Results = append(r.phase(writes), r.phase(deletes)...)
	for _, a := range blocked {
		rep.Results = append(rep.Results, Result{Action: a, ID: a.ID, Status: a.Status, Outcome: Blocked, Err: errors.New(a.Reason)})
	}
	rep.Aborted = ctx.Err() != nil
	rep.Stopped = r.stopped() && !rep.Complete()
	return rep
}

type runner struct {
	client Client
	opts   Options
	// abort is the run's context; requests is cancelled Grace after stop.
	abort, requests context.Context
	stop            <-chan struct{}
	mu              sync.Mutex // serialises Progress
}

// graceThenCancel cancels the requests Grace after Stop closes.
func (r *runner) graceThenCancel(cancel context.CancelFunc) {
	select {
	case <-r.stop:
	case <-r.requests.Done():
		return
	}
	t := time.NewTimer(r.opts.Grace)
	defer t.Stop()
	select {
	case <-t.C:
		cancel()
	case <-r.requests.Done():
	}
}

func (r *runner) stopped() bool {
	select {
	case <-r.stop:
		return true
	default:
		return r.abort.Err() != nil
	}
}

// phase runs actions with at most Parallelism at once and waits for all.
// Once the run is stopped, the actions not yet handed to a worker are not
// started.
func (r *runner) phase(actions []plan.Action) []Result {
	results := make([]Result, len(actions))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(r.opts.Parallelism, len(actions)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = r.execute(actions[i])
				r.report(results[i])
			}
		}()
	}
	for i, a := range actions {
		if r.stopped() {
			results[i] = notStarted(a)
			continue
		}
		select {
		case jobs <- i:
		case <-r.stop:
			results[i] = notStarted(a)
		case <-r.abort.Done():
			results[i] = notStarted(a)
		}
	}
	close(jobs)
	wg.Wait()
	return results
}

func notStarted(a plan.Action) Result {
	return Result{Action: a, ID: a.ID, Outcome: NotStarted}
}

func (r *runner) report(res Result) {
	if r.opts.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opts.Progress(res)
}

func (r *runner) execute(a plan.Action) Result {
	res := Result{Action: a, ID: a.ID}
	var err error
	switch {
	case a.Kind != plan.Delete && a.After == nil:
		res.Outcome, res.Err = Failed, fmt.Errorf("%s %s: the plan carries no template", a.Kind, a.Key)
		return res
	case a.Kind != plan.Create && a.ID == "":
		// Deleting by name alone would remove every language of the name.
		res.Outcome, res.Err = Failed, fmt.Errorf("%s %s: the plan carries no template id", a.Kind, a.Key)
		return res
	}
	var want template.Template
	if a.Kind != plan.Delete {
		// A failed upload fails the action as it stands: nothing was sent,
		// so there is nothing to read back.
		if want, err = r.withHandles(a.Key, template.ForCreate(*a.After)); err != nil {
			res.Outcome, res.Err = Failed, fmt.Errorf("%s %s: %w", a.Kind, a.Key, err)
			return res
		}
	}
	switch a.Kind {
	case plan.Create:
		var created template.Remote
		created, res.Recovered, err = r.client.Create(r.requests, want)
		res.ID, res.Status = created.ID, created.Status
		if res.Recovered {
			res.Note = "found already there after a lost answer"
		}
	case plan.Update:
		err = r.client.Update(r.requests, a.ID, want)
	default:
		err = r.client.Delete(r.requests, a.ID, a.Key.Name)
	}
	if err != nil {
		return r.settle(res, err)
	}
	res.Outcome = Done
	return res
}

// withHandles uploads the files t's header samples name and puts their
// handles in their place; the plan's template, like the file, keeps the
// reference.
func (r *runner) withHandles(k template.Key, t template.Template) (template.Template, error) {
	if len(media.Refs(t)) == 0 {
		return t, nil
	}
	if r.opts.Uploader == nil {
		return t, errors.New("its header sample names a file, and nothing was given to upload it")
	}
	return media.WithHandles(t, func(ref string) (string, error) {
		return r.opts.Uploader.UploadHandle(r.requests, k, ref)
	})
}

// settle decides the outcome of an action whose request failed by reading
// the template back: the remote may hold what the action wanted all the same
// (a concurrent apply made the same change, the answer was lost, or the
// run was interrupted after the server acted). Only what the read back
// shows is reported as done.
func (r *runner) settle(res Result, err error) Result {
	a := res.Action
	interrupted := r.requests.Err() != nil
	if r.abort.Err() != nil {
		res.Outcome = Unknown
		res.Err = fmt.Errorf("%s %s: aborted while in flight; whether the server performed it is unknown (run waform plan to see)", a.Kind, a.Key)
		return res
	}
	if a.Kind == plan.Update && len(a.Changes) == 0 {
		// A forced update (--replace) is sent to re-upload header files,
		// which no read back shows: the remote matched the file before it
		// was sent, so matching now proves nothing.
		if interrupted {
			res.Outcome = Unknown
			res.Err = fmt.Errorf("%s %s: interrupted while in flight; reading it back cannot show a replaced header file, so whether the server performed it is unknown (run apply --replace %s@%s again)", a.Kind, a.Key, a.Key.Name, a.Key.Language)
			return res
		}
		return refused(res, err)
	}
	ctx, cancel := context.WithTimeout(r.abort, readBackTimeout)
	defer cancel()
	found, ferr := r.client.Find(ctx, a.Key)
	switch {
	case ferr != nil && interrupted:
		res.Outcome = Unknown
		res.Err = fmt.Errorf("%s %s: interrupted while in flight, and reading it back failed, so whether the server performed it is unknown: %w", a.Kind, a.Key, ferr)
	case ferr == nil && reached(a, found):
		res.Outcome, res.Recovered = Done, true
		if found != nil {
			res.ID, res.Status = found.ID, found.Status
		}
		res.Note = doneNote(a.Kind, interrupted)
	case interrupted:
		res.Outcome = Failed
		res.Err = fmt.Errorf("%s %s: interrupted: the grace period ended before the server answered, and reading it back shows it was not done", a.Kind, a.Key)
	default:
		res = refused(res, err)
	}
	return res
}

// refused fails res with the request's own error, blocked when the server
// refused it for a limit.
func refused(res Result, err error) Result {
	res.Outcome, res.Err = Failed, err
	var refusal Refusal
	if errors.As(err, &refusal) {
		res.Outcome = Blocked
	}
	return res
}

func doneNote(k plan.Kind, interrupted bool) string {
	switch {
	case interrupted:
		return "interrupted in flight; reading it back shows it was done"
	case k == plan.Create:
		return "found already there after a refused or lost answer"
	case k == plan.Update:
		return "already up to date: the edit was refused, but the template already matches the file"
	}
	return "already gone"
}

// reached reports whether found, the remote template with the action's name
// and language (nil when there is none), is what the action wanted.
func reached(a plan.Action, found *template.Remote) bool {
	if a.Kind == plan.Delete {
		return found == nil || found.ID != a.ID || isDeleting(found.Status)
	}
	return found != nil && template.Equal(template.ForCreate(*a.After), template.FromRemote(*found))
}

func isDeleting(status string) bool {
	status = strings.ToUpper(status)
	return status == template.StatusDeleted || status == template.StatusPendingDeletion
}

// Totals counts results by outcome, and done ones by kind.
type Totals struct {
	Created, Updated, Deleted, Blocked, Failed, NotStarted, Unknown int
}

// Totals counts the report's results.
func (rep Report) Totals() Totals {
	var t Totals
	for _, res := range rep.Results {
		switch {
		case res.Outcome == Blocked:
			t.Blocked++
		case res.Outcome == NotStarted:
			t.NotStarted++
		case res.Outcome == Unknown:
			t.Unknown++
		case res.Outcome != Done:
			t.Failed++
		case res.Action.Kind == plan.Create:
			t.Created++
		case res.Action.Kind == plan.Update:
			t.Updated++
		case res.Action.Kind == plan.Delete:
			t.Deleted++
		}
	}
	return t
}

// Complete reports whether every action of the plan was done: only then
// does the remote match the files.
func (rep Report) Complete() bool {
	for _, res := range rep.Results {
		if res.Outcome != Done {
			return false
		}
	}
	return true
}

// Written returns the templates the run created or updated: those a
// review may hold PENDING.
func (rep Report) Written() []template.Key {
	var keys []template.Key
	for _, r := range rep.Results {
		if r.Outcome == Done && r.Action.Kind != plan.Delete {
			keys = append(keys, r.Action.Key)
		}
	}
	return keys
}

// Left is the number of actions not done.
func (t Totals) Left() int { return t.Blocked + t.Failed + t.NotStarted + t.Unknown }
