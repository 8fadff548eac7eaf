package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		calls := make([]atomic.Int32, n)
		For(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if got := calls[i].Load(); got != 1 {
				t.Fatalf("n=%d: index %d called %d times, want 1", n, i, got)
			}
		}
	}
}

// mostAtOnce runs For over n slow calls and returns how many ran at once
// at the most; after runs once the first call has started.
func mostAtOnce(n int, after func()) int32 {
	var running, most atomic.Int32
	var started sync.Once
	For(n, func(int) {
		started.Do(func() { go after() })
		now := running.Add(1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		time.Sleep(2 * time.Millisecond)
		running.Add(-1)
	})
	return most.Load()
}

func TestReserveLeavesACPU(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	if got := mostAtOnce(200, func() {}); got != 4 {
		t.Fatalf("%d calls at once without a reservation, want 4", got)
	}
	release := Reserve()
	if got := mostAtOnce(200, func() {}); got != 3 {
		t.Errorf("%d calls at once with one CPU reserved, want 3", got)
	}
	// Released while For runs, the CPU is taken back.
	if got := mostAtOnce(200, release); got != 4 {
		t.Errorf("%d calls at once after the release, want 4", got)
	}
	release() // a second call changes nothing
	for range 4 {
		defer Reserve()()
	}
	done := make(chan int32)
	go func() { done <- mostAtOnce(20, func() {}) }()
	select {
	case got := <-done:
		if got != 1 {
			t.Errorf("%d calls at once with every CPU reserved, want 1", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("For did not return while CPUs were reserved")
	}
}
