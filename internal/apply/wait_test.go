package apply

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

// scriptedLister answers each poll with the next listing, repeating the
// last one.
type scriptedLister struct {
	polls    [][]template.Remote
	n        int
	err      error
	requests int
}

func (s *scriptedLister) List(context.Context) ([]template.Remote, error) {
	s.requests++
	if s.err != nil {
		return nil, s.err
	}
	i := min(s.n, len(s.polls)-1)
	s.n++
	return s.polls[i], nil
}

func remote(name, status string) template.Remote {
	return template.Remote{Template: template.Template{Name: name, Language: "en_US"}, Status: status}
}

// fakeTime is a clock that only moves when Wait sleeps.
type fakeTime struct {
	now    time.Time
	sleeps []time.Duration
	// sleepErr, when set, is what every Sleep returns.
	sleepErr error
}

func (f *fakeTime) Now() time.Time { return f.now }

func (f *fakeTime) Sleep(_ context.Context, d time.Duration) error {
	if f.sleepErr != nil {
		return f.sleepErr
	}
	f.sleeps = append(f.sleeps, d)
	f.now = f.now.Add(d)
	return nil
}

func (f *fakeTime) opts(timeout time.Duration) WaitOptions {
	return WaitOptions{Timeout: timeout, Clock: f}
}

func keys(names ...string) []template.Key {
	out := make([]template.Key, len(names))
	for i, n := range names {
		out[i] = template.Key{Name: n, Language: "en_US"}
	}
	return out
}

func TestWaitUntilReviewed(t *testing.T) {
	l := &scriptedLister{polls: [][]template.Remote{
		{remote("b", "PENDING"), remote("a", "PENDING"), remote("other", "PENDING")},
		{remote("b", "APPROVED"), remote("a", "PENDING"), remote("other", "PENDING")},
		{remote("b", "APPROVED"), remote("a", "PENDING"), remote("other", "PENDING")},
		{remote("b", "APPROVED"), remote("a", "REJECTED"), remote("other", "PENDING")},
	}}
	clock := &fakeTime{now: time.Unix(0, 0)}
	var progress []int
	o := clock.opts(time.Hour)
	o.Progress = func(p []template.Remote) { progress = append(progress, len(p)) }
	got, err := Wait(context.Background(), l, keys("a", "b", "missing"), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "a" || got[1].Name != "b" {
		t.Fatalf("watched = %+v, want a and b sorted", got)
	}
	if rej := Rejected(got); len(rej) != 1 || rej[0].Name != "a" {
		t.Errorf("Rejected = %+v", rej)
	}
	if want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second}; !slices.Equal(clock.sleeps, want) {
		t.Errorf("sleeps = %v, want backoff %v", clock.sleeps, want)
	}
	if !slices.Equal(progress, []int{2, 1, 1}) {
		t.Errorf("progress = %v", progress)
	}
}

func TestWaitAllListedWhenNoKeys(t *testing.T) {
	l := &scriptedLister{polls: [][]template.Remote{
		{remote("x", "PENDING"), remote("y", "APPROVED")},
		{remote("x", "APPROVED"), remote("y", "APPROVED")},
	}}
	clock := &fakeTime{now: time.Unix(0, 0)}
	got, err := Wait(context.Background(), l, nil, clock.opts(time.Minute))
	if err != nil || len(got) != 2 || l.requests != 2 {
		t.Errorf("got %+v, %v after %d polls", got, err, l.requests)
	}
}

func TestWaitTimesOutNamingPending(t *testing.T) {
	l := &scriptedLister{polls: [][]template.Remote{{remote("slow", "PENDING"), remote("fast", "APPROVED")}}}
	clock := &fakeTime{now: time.Unix(0, 0)}
	got, err := Wait(context.Background(), l, nil, clock.opts(time.Minute))
	if !errors.Is(err, ErrWaitTimeout) || len(got) != 2 {
		t.Fatalf("got %+v, %v", got, err)
	}
	if want := "wait for review: timed out waiting for review after 1m0s: slow (en_US) still PENDING"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	var total time.Duration
	for _, d := range clock.sleeps {
		total += d
		if d > DefaultMaxPoll {
			t.Errorf("slept %s, more than the %s cap", d, DefaultMaxPoll)
		}
	}
	if total != time.Minute {
		t.Errorf("slept %s in all, want exactly the timeout (the last sleep is cut to the deadline)", total)
	}
}

func TestWaitListError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Wait(context.Background(), &scriptedLister{err: boom}, nil, (&fakeTime{}).opts(time.Minute))
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}

func TestWaitStopsWhenSleepIsCancelled(t *testing.T) {
	l := &scriptedLister{polls: [][]template.Remote{{remote("a", "PENDING")}}}
	o := (&fakeTime{sleepErr: context.Canceled}).opts(time.Minute)
	if _, err := Wait(context.Background(), l, nil, o); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}
