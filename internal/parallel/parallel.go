// Package parallel runs independent pieces of work on every CPU.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i in [0, n), on up to GOMAXPROCS goroutines,
// and returns when all calls have. While CPUs are reserved (Reserve) it
// runs on that many fewer (one at least), and takes them back when they
// are released. Each i is handed out once, so f may write to the i-th
// element of a slice without locking; callers that keep results by index
// get them in input order whatever the scheduling.
func For(n int, f func(i int)) {
	var next atomic.Int64
	drained := make(chan struct{})
	var drainOnce sync.Once
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			if !waitForCPU(w, drained) {
				return
			}
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
			drainOnce.Do(func() { close(drained) })
		})
	}
	wg.Wait()
}

// CPUs reserved from For, and a channel closed (and replaced) whenever
// their number changes.
var (
	mu       sync.Mutex
	reserved int
	changed  = make(chan struct{})
)

// waitForCPU blocks worker w (counted from 0) while it would exceed the
// CPUs not reserved. It returns false when the work ran out meanwhile.
func waitForCPU(w int, drained <-chan struct{}) bool {
	for {
		mu.Lock()
		free, ch := runtime.GOMAXPROCS(0)-reserved, changed
		mu.Unlock()
		if w == 0 || w < free {
			return true
		}
		select {
		case <-ch:
		case <-drained:
			return false
		}
	}
}

// Reserve leaves one CPU out of For until release is called. It is for
// work that waits on the network alongside For's: plan validates the files
// while it lists the account, and with every CPU validating, each page's
// answer waited for a free one (pages took a fifth longer while the files
// were checked, on 2 cores), when it is the listing that plan waits for.
func Reserve() (release func()) {
	adjust(1)
	var once sync.Once
	return func() { once.Do(func() { adjust(-1) }) }
}

func adjust(by int) {
	mu.Lock()
	defer mu.Unlock()
	reserved += by
	close(changed)
	changed = make(chan struct{})
}
