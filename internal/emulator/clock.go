package emulator

import (
	"context"
	"sync"
	"time"

	"github.com/waform/waform/internal/clock"
)

// Clock is the emulator's source of time: approval delays, delivery
// schedules, rate windows and cooldowns are all measured on it, so tests
// move time forward instead of sleeping.
type Clock interface {
	Now() time.Time
}

// sleeper is implemented by clocks that can also wait; the fault injector
// uses it for latency, so a fake clock turns latency into a clock jump.
type sleeper interface {
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error { return clock.Sleep(ctx, d) }

// FakeClock is a settable clock for tests. Its zero value is not usable;
// build it with NewFakeClock.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a clock stopped at start.
func NewFakeClock(start time.Time) *FakeClock { return &FakeClock{now: start} }

// Now returns the clock's current time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t.
func (c *FakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Sleep advances the clock by d instead of waiting.
func (c *FakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.Advance(d)
	return nil
}
