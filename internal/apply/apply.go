// Package apply executes a plan against the remote WhatsApp Business
// Account: creates and updates first, with bounded parallelism, then
// deletes; every action reports its own result, and one failure never stops
// the actions that do not depend on it. It declares the small client it
// needs; the graph client satisfies it through an adapter in cli.
package apply

import (
	"context"
	"fmt"
	"sync"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// DefaultParallelism is how many actions run at once when Options leaves it
// zero: enough to hide latency, few enough to stay clear of rate limits.
const DefaultParallelism = 4

// Client is what apply needs of the remote. Find returns nil (and no error)
// when no template has exactly that name and language.
type Client interface {
	Create(ctx context.Context, t template.Template) (Created, error)
	Update(ctx context.Context, id string, t template.Template) error
	Delete(ctx context.Context, id, name string) error
	Find(ctx context.Context, key template.Key) (*template.Remote, error)
}

// Created is the remote's answer to a create. Recovered is true when the
// answer was lost and the template was found already there.
type Created struct {
	ID        string
	Status    string
	Recovered bool
}

// Outcome is how one action ended.
type Outcome string

const (
	Done   Outcome = "done"
	Failed Outcome = "failed"
)

// Result is one executed action.
type Result struct {
	Action  plan.Action
	Outcome Outcome
	// ID is the template's id: the new one for a create.
	ID     string
	Status string
	// Recovered: a create whose answer was lost, or that the remote refused
	// as already existing, found the template there with the wanted content.
	Recovered bool
	Err       error
}

// Options tune Run.
type Options struct {
	Parallelism int
	// Progress, when set, is called once per finished action, never
	// concurrently, so it may print without locking.
	Progress func(Result)
}

// Run executes the plan's create, update and delete actions; noop and
// blocked ones are not executed and not returned. Creates and updates run
// first, deletes after them, so a template moving to a new name exists
// before the old one goes. Results are in plan order within each phase.
func Run(ctx context.Context, p *plan.Plan, c Client, o Options) []Result {
	var writes, deletes []plan.Action
	for _, a := range p.Actions {
		switch a.Kind {
		case plan.Create, plan.Update:
			writes = append(writes, a)
		case plan.Delete:
			deletes = append(deletes, a)
		}
	}
	r := &runner{client: c, opts: o}
	if r.opts.Parallelism <= 0 {
		r.opts.Parallelism = DefaultParallelism
	}
	return append(r.phase(ctx, writes), r.phase(ctx, deletes)...)
}

type runner struct {
	client Client
	opts   Options
	mu     sync.Mutex // serialises Progress
}

// phase runs actions with at most Parallelism at once and waits for all.
func (r *runner) phase(ctx context.Context, actions []plan.Action) []Result {
	results := make([]Result, len(actions))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(r.opts.Parallelism, len(actions)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = r.execute(ctx, actions[i])
				r.report(results[i])
			}
		}()
	}
	for i := range actions {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}

func (r *runner) report(res Result) {
	if r.opts.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opts.Progress(res)
}

func (r *runner) execute(ctx context.Context, a plan.Action) Result {
	res := Result{Action: a, ID: a.ID, Outcome: Failed}
	if err := ctx.Err(); err != nil {
		res.Err = fmt.Errorf("%s %s: not started: %w", a.Kind, a.Key, err)
		return res
	}
	switch a.Kind {
	case plan.Create:
		res = r.create(ctx, res)
	case plan.Update:
		res.Err = r.update(ctx, a)
	case plan.Delete:
		res.Err = r.delete(ctx, a)
	}
	if res.Err == nil {
		res.Outcome = Done
	}
	return res
}

func (r *runner) create(ctx context.Context, res Result) Result {
	a := res.Action
	if a.After == nil {
		res.Err = fmt.Errorf("create %s: the plan carries no template", a.Key)
		return res
	}
	want := template.ForCreate(*a.After)
	created, err := r.client.Create(ctx, want)
	if err != nil {
		// The remote may refuse the create because the template is already
		// there (2388024): an earlier run whose answer was lost, or a
		// concurrent apply. If what is there is what the file wants, the
		// goal is reached; anything else stays a failure.
		found, ferr := r.client.Find(ctx, a.Key)
		if ferr != nil || found == nil || !template.Equal(want, template.FromRemote(*found)) {
			res.Err = err
			return res
		}
		created = Created{ID: found.ID, Status: found.Status, Recovered: true}
	}
	res.ID, res.Status, res.Recovered = created.ID, created.Status, created.Recovered
	return res
}

func (r *runner) update(ctx context.Context, a plan.Action) error {
	switch {
	case a.After == nil:
		return fmt.Errorf("update %s: the plan carries no template", a.Key)
	case a.ID == "":
		return fmt.Errorf("update %s: the plan carries no template id", a.Key)
	}
	return r.client.Update(ctx, a.ID, template.ForCreate(*a.After))
}

func (r *runner) delete(ctx context.Context, a plan.Action) error {
	if a.ID == "" {
		// Deleting by name alone would remove every language of the name.
		return fmt.Errorf("delete %s: the plan carries no template id", a.Key)
	}
	return r.client.Delete(ctx, a.ID, a.Key.Name)
}

// Totals counts results by what they did.
type Totals struct {
	Created, Updated, Deleted, Failed int
}

// Count totals results.
func Count(results []Result) Totals {
	var t Totals
	for _, res := range results {
		switch {
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
