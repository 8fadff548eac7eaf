package apply

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/template"
)

// Defaults for WaitOptions fields left zero. Meta reviews most templates in
// minutes; the first polls come quickly for the emulator and instant
// approvals, later ones back off so a long review costs few requests.
const (
	DefaultWaitTimeout = 10 * time.Minute
	DefaultFirstPoll   = 2 * time.Second
	DefaultMaxPoll     = 30 * time.Second
)

// ErrWaitTimeout is wrapped by Wait's error when templates are still
// PENDING at the deadline.
var ErrWaitTimeout = errors.New("timed out waiting for review")

// Lister lists the remote templates Wait watches.
type Lister interface {
	List(ctx context.Context) ([]template.Remote, error)
}

// WaitOptions tune Wait. The clock is injectable so tests neither sleep
// nor read the wall clock (nil: the wall clock).
type WaitOptions struct {
	Timeout   time.Duration
	FirstPoll time.Duration
	MaxPoll   time.Duration
	Clock     clock.Clock
	// Progress, when set, is called after every poll that still finds
	// templates PENDING, with those templates.
	Progress func(pending []template.Remote)
}

func (o *WaitOptions) defaults() {
	if o.Timeout <= 0 {
		o.Timeout = DefaultWaitTimeout
	}
	if o.FirstPoll <= 0 {
		o.FirstPoll = DefaultFirstPoll
	}
	if o.MaxPoll < o.FirstPoll {
		o.MaxPoll = max(DefaultMaxPoll, o.FirstPoll)
	}
	if o.Clock == nil {
		o.Clock = clock.System{}
	}
}

// Wait polls l until none of the templates named by keys is PENDING (with
// keys nil, none of the listed templates), backing off between polls. It
// returns the last listing of the watched templates, sorted by key; a key
// the listing lacks is simply absent. At the deadline it returns that
// listing with an error wrapping ErrWaitTimeout that names the templates
// still PENDING.
func Wait(ctx context.Context, l Lister, keys []template.Key, o WaitOptions) ([]template.Remote, error) {
	o.defaults()
	deadline := o.Clock.Now().Add(o.Timeout)
	delay := o.FirstPoll
	for {
		watched, err := poll(ctx, l, keys)
		if err != nil {
			return nil, fmt.Errorf("wait for review: %w", err)
		}
		pending := pendingOf(watched)
		if len(pending) == 0 {
			return watched, nil
		}
		if o.Progress != nil {
			o.Progress(pending)
		}
		left := deadline.Sub(o.Clock.Now())
		if left <= 0 {
			return watched, fmt.Errorf("wait for review: %w after %s: %s still PENDING",
				ErrWaitTimeout, o.Timeout, names(pending))
		}
		if err := o.Clock.Sleep(ctx, min(delay, left)); err != nil {
			return watched, fmt.Errorf("wait for review: %w", err)
		}
		delay = min(delay*2, o.MaxPoll)
	}
}

func poll(ctx context.Context, l Lister, keys []template.Key) ([]template.Remote, error) {
	all, err := l.List(ctx)
	if err != nil {
		return nil, err
	}
	want := make(map[template.Key]bool, len(keys))
	for _, k := range keys {
		want[k] = true
	}
	var watched []template.Remote
	for _, r := range all {
		if keys == nil || want[r.Key()] {
			watched = append(watched, r)
		}
	}
	slices.SortFunc(watched, func(a, b template.Remote) int { return a.Key().Compare(b.Key()) })
	return watched, nil
}

func pendingOf(rs []template.Remote) []template.Remote { return withStatus(rs, template.StatusPending) }

func names(rs []template.Remote) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Key().String()
	}
	return strings.Join(parts, ", ")
}

// Rejected returns the templates whose review ended REJECTED.
func Rejected(rs []template.Remote) []template.Remote { return withStatus(rs, template.StatusRejected) }

func withStatus(rs []template.Remote, status string) []template.Remote {
	var out []template.Remote
	for _, r := range rs {
		if strings.EqualFold(r.Status, status) {
			out = append(out, r)
		}
	}
	return out
}
