package apply

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/plan"
)

// latentAccount is an emulator holding n APPROVED templates, each request
// delayed by latency, counting the writes in flight; edits plans an update
// of every one of them.
type latentAccount struct {
	remote   graph.Account
	plan     *plan.Plan
	inFlight atomic.Int64
	maxWrite atomic.Int64
}

func newLatentAccount(tb testing.TB, n int, latency time.Duration) *latentAccount {
	tb.Helper()
	emu, err := emulator.New(emulator.Options{PageSize: 100, Faults: emulator.Faults{Latency: latency}})
	if err != nil {
		tb.Fatal(err)
	}
	a := &latentAccount{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			now := a.inFlight.Add(1)
			defer a.inFlight.Add(-1)
			for prev := a.maxWrite.Load(); now > prev && !a.maxWrite.CompareAndSwap(prev, now); prev = a.maxWrite.Load() {
			}
		}
		emu.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	var desired []plan.Desired
	for i := range n {
		name := fmt.Sprintf("t_%03d", i)
		if _, err := emu.Seed(emu.BusinessAccountID(), *body(name, "The text as it was."), ""); err != nil {
			tb.Fatal(err)
		}
		desired = append(desired, plan.Desired{Template: *body(name, "The text as it is now.")})
	}
	client, err := graph.New(graph.Options{Provider: graph.ProviderKapso, BaseURL: srv.URL + "/meta/whatsapp/v24.0",
		APIKey: emulator.DefaultAPIKey, Connections: DefaultParallelism})
	if err != nil {
		tb.Fatal(err)
	}
	a.remote = graph.Account{Client: client, WABA: emu.BusinessAccountID()}
	remotes, err := a.remote.List(context.Background())
	if err == nil {
		a.plan, err = plan.Compute(desired, remotes, plan.Policy{MaxDeletes: 5})
	}
	if err != nil {
		tb.Fatal(err)
	}
	if a.plan.Summary.Update != n {
		tb.Fatalf("plan: %+v, want %d updates", a.plan.Summary, n)
	}
	return a
}

func (a *latentAccount) apply(tb testing.TB, parallelism int) time.Duration {
	tb.Helper()
	start := time.Now()
	rep := Run(context.Background(), a.plan, a.remote, Options{Parallelism: parallelism})
	took := time.Since(start)
	if n := rep.Totals().Updated; n != a.plan.Summary.Update {
		tb.Fatalf("%d of %d updates done", n, a.plan.Summary.Update)
	}
	return took
}

// At the default parallelism apply keeps that many writes in flight.
func TestApplyDefaultParallelismInFlight(t *testing.T) {
	a := newLatentAccount(t, 3*DefaultParallelism, 30*time.Millisecond)
	a.apply(t, 0)
	if got := a.maxWrite.Load(); got != DefaultParallelism {
		t.Errorf("at most %d writes in flight, want %d", got, DefaultParallelism)
	}
}

// BenchmarkApplyParallel applies 100 updates at 50 ms per request, one at
// a time and at the default parallelism, each against a fresh account,
// and reports how many times faster the parallel run is (the goal is 8).
func BenchmarkApplyParallel(b *testing.B) {
	var ratios []float64
	for b.Loop() {
		b.StopTimer()
		seq, par := newLatentAccount(b, 100, 50*time.Millisecond), newLatentAccount(b, 100, 50*time.Millisecond)
		b.StartTimer()
		ratios = append(ratios, float64(seq.apply(b, 1))/float64(par.apply(b, 0)))
	}
	var sum float64
	for _, r := range ratios {
		sum += r
	}
	b.ReportMetric(sum/float64(len(ratios)), "x-faster")
}
