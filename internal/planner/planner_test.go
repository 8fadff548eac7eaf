package planner_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/waform/waform/internal/bench"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/parallel"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/planner"
	"github.com/waform/waform/internal/template"
)

// pages lists remote in pages of size. A slow one waits for its context
// to end after the last page, recording that it was cancelled.
type pages struct {
	remote    []template.Remote
	size      int
	slow      bool
	cancelled bool
	err       error
}

func (p *pages) list(ctx context.Context, visit func([]template.Remote) error) error {
	for start := 0; start < len(p.remote); start += p.size {
		if ctx.Err() != nil {
			p.cancelled = true
			return ctx.Err()
		}
		if err := visit(p.remote[start:min(start+p.size, len(p.remote))]); err != nil {
			return err
		}
	}
	if p.slow {
		<-ctx.Done()
		p.cancelled = true
		return ctx.Err()
	}
	return p.err
}

// remotesOf returns desired as the account would list them once applied.
func remotesOf(desired []plan.Desired) []template.Remote {
	out := make([]template.Remote, len(desired))
	for i, d := range desired {
		out[i] = template.Remote{Template: template.ForCreate(d.Template), ID: string(rune('a' + i%26)), Status: template.StatusApproved}
	}
	return out
}

func TestPlanMatchesCompute(t *testing.T) {
	dir := t.TempDir()
	if _, err := bench.WriteFiles(dir, bench.ValidShapes, 40); err != nil {
		t.Fatal(err)
	}
	desired, err := planner.Desired(dir, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	remote := remotesOf(desired)
	remote[3].Components[0].Text += " changed" // one update
	remote = append(remote[:7], remote[8:]...) // one create
	policy := plan.Policy{MaxDeletes: 5}
	want, err := plan.Compute(desired, remote, policy)
	if err != nil {
		t.Fatal(err)
	}
	lister := &pages{remote: remote, size: 7}
	got, err := planner.Plan(context.Background(), planner.Options{Templates: dir, Policy: policy, List: lister.list})
	if err != nil {
		t.Fatal(err)
	}
	if got.Summary != (plan.Summary{Create: 1, Update: 1, Noop: 38}) {
		t.Errorf("summary %+v", got.Summary)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("planner.Plan differs from plan.Compute on the same templates")
	}
}

// An invalid file stops the plan, cancels the listing and reports the
// findings; no plan is returned.
func TestPlanInvalidFilesCancelTheListing(t *testing.T) {
	dir := t.TempDir()
	if _, err := bench.WriteFiles(dir, bench.Shapes, len(bench.Shapes)); err != nil {
		t.Fatal(err)
	}
	lister := &pages{size: 1, slow: true}
	var reported []diag.Diagnostic
	p, err := planner.Plan(context.Background(), planner.Options{
		Templates:   dir,
		List:        lister.list,
		Diagnostics: func(ds []diag.Diagnostic) error { reported = ds; return nil },
	})
	var invalid *planner.InvalidError
	if !errors.As(err, &invalid) || p != nil {
		t.Fatalf("plan %v, err %v; want no plan and an *InvalidError", p, err)
	}
	if invalid.Dir != dir || invalid.Errors == 0 || len(reported) == 0 {
		t.Errorf("error %+v after %d findings reported", invalid, len(reported))
	}
	if !lister.cancelled {
		t.Error("the listing went on after validation failed")
	}
	for _, d := range reported {
		if filepath.Dir(d.File) != dir {
			t.Errorf("finding in %s, outside %s", d.File, dir)
		}
	}
}

func TestPlanListError(t *testing.T) {
	dir := t.TempDir()
	if _, err := bench.WriteFiles(dir, bench.ValidShapes, 3); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	lister := &pages{size: 1, err: boom}
	if _, err := planner.Plan(context.Background(), planner.Options{Templates: dir, List: lister.list}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the listing's", err)
	}
}

// While the account is listed, validation (parallel.For) leaves a CPU to
// the listing, and gets it back once the listing ends.
func TestPlanLeavesACPUToTheListing(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	dir := t.TempDir()
	if _, err := bench.WriteFiles(dir, bench.ValidShapes, 3); err != nil {
		t.Fatal(err)
	}
	atOnce := func() int32 {
		var running, most atomic.Int32
		parallel.For(100, func(int) {
			now := running.Add(1)
			for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
		})
		return most.Load()
	}
	var during int32
	_, err := planner.Plan(context.Background(), planner.Options{Templates: dir, Policy: plan.Policy{MaxDeletes: 5},
		List: func(ctx context.Context, visit func([]template.Remote) error) error {
			during = atOnce()
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if during != 3 {
		t.Errorf("%d workers at once while listing, want 3 of 4", during)
	}
	if after := atOnce(); after != 4 {
		t.Errorf("%d workers at once after the plan, want 4", after)
	}
}
