package graph

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

// sequence answers the n-th request with steps[n] (the last one repeats).
func sequence(steps ...http.HandlerFunc) http.Handler {
	var n atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		steps[min(i, len(steps)-1)](w, r)
	})
}

func status(code int, body any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { writeJSON(w, code, body) }
}

func okTemplate(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, 200, map[string]any{"id": "222", "name": "a", "language": "en", "status": "APPROVED"})
}

// dropConnection closes the TCP connection without an answer: the request
// reached the server, the outcome is unknown.
func dropConnection(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name     string
		handler  http.Handler
		wantErr  string
		requests int
		sleeps   []time.Duration
	}{
		{
			name:     "429 honours Retry-After",
			handler:  sequence(withHeader("Retry-After", "7", status(429, graphErr(4, 0, "(#4) Application request limit reached"))), okTemplate),
			requests: 2, sleeps: []time.Duration{7 * time.Second},
		},
		{
			name:     "429 with Retry-After as an HTTP date",
			handler:  sequence(withHeader("Retry-After", "Sun, 01 Jun 2025 12:01:00 GMT", status(429, map[string]any{"error": "slow down"})), okTemplate),
			requests: 2, sleeps: []time.Duration{time.Minute},
		},
		{
			name:     "5xx backs off exponentially with jitter",
			handler:  sequence(status(500, nil), status(503, nil), status(502, nil), okTemplate),
			requests: 4, sleeps: []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second},
		},
		{
			name:     "throttling code in a 400 is retried",
			handler:  sequence(status(400, graphErr(80008, 0, "(#80008) too many calls")), okTemplate),
			requests: 2, sleeps: []time.Duration{250 * time.Millisecond},
		},
		{
			name:     "dropped connection on a read is retried",
			handler:  sequence(dropConnection, okTemplate),
			requests: 2, sleeps: []time.Duration{250 * time.Millisecond},
		},
		{
			name:     "validation 400 is never retried",
			handler:  sequence(status(400, graphErr(100, 2388040, "(#100) Invalid parameter"))),
			requests: 1, wantErr: "(#100/2388040)",
		},
		{
			name:     "attempts are bounded",
			handler:  sequence(status(500, graphErr(1, 0, "An unknown error occurred"))),
			requests: 5, wantErr: "gave up after 5 attempts: (#1) An unknown error occurred [HTTP 500",
			sleeps: []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second},
		},
		{
			name:     "a Retry-After beyond the budget stops at once",
			handler:  sequence(withHeader("Retry-After", "600", status(429, nil))),
			requests: 1, wantErr: "retry budget 2m0s spent",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{next: tt.handler}
			env := newTestEnv(t, rec, nil)
			_, err := env.client.GetTemplate(context.Background(), "111", "222")
			if tt.wantErr == "" && err != nil {
				t.Fatalf("err = %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
			if n := len(rec.all()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			if got := env.clock.sleeps(); !slices.Equal(got, tt.sleeps) {
				t.Errorf("slept %v, want %v", got, tt.sleeps)
			}
		})
	}
}

func withHeader(k, v string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(k, v)
		h(w, r)
	}
}

func TestBackoffCeiling(t *testing.T) {
	c := &Client{opts: Options{Rand: func() float64 { return 0.999999 }}}
	for attempt, want := range map[int]time.Duration{1: 500 * time.Millisecond, 4: 4 * time.Second, 7: 30 * time.Second, 40: 30 * time.Second} {
		if got := c.backoff(attempt, nil); got > want || got < want*99/100 {
			t.Errorf("backoff(%d) = %v, want just under %v", attempt, got, want)
		}
	}
	c.opts.Rand = func() float64 { return 0 }
	if got := c.backoff(3, &APIError{Status: 429, RetryAfter: 3 * time.Second}); got != 3*time.Second {
		t.Errorf("backoff with Retry-After 3s = %v", got)
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	rec := &recorder{next: sequence(
		func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
		okTemplate,
	)}
	env := newTestEnv(t, rec, func(o *Options) { o.RequestTimeout = 20 * time.Millisecond })
	if _, err := env.client.GetTemplate(context.Background(), "111", "222"); err != nil {
		t.Fatalf("a timed-out GET was not retried: %v", err)
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestCallerCancellationStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel()
		<-r.Context().Done()
	})}
	env := newTestEnv(t, rec, nil)
	_, err := env.client.GetTemplate(ctx, "111", "222")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := len(rec.all()); n != 1 {
		t.Errorf("%d requests after cancellation, want 1", n)
	}
}

// A refused connection never reached the server, so even a create is
// repeated, without a lookup.
func TestConnectionRefusedRetriesCreate(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	clock := newFakeClock()
	c, err := New(Options{Provider: ProviderKapso, BaseURL: "http://" + addr + "/v24.0", APIKey: testKey,
		Clock: clock, Rand: func() float64 { return 0.5 }, MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTemplate(context.Background(), "111", template.Template{Name: "a", Language: "en"})
	if err == nil || errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Fatalf("err = %v, want a definite failure after 3 attempts", err)
	}
	if n := len(clock.sleeps()); n != 2 {
		t.Errorf("slept %d times, want 2", n)
	}
}

func TestRetryAfterPausesEveryRequest(t *testing.T) {
	// The first request is refused with Retry-After: 7 and not retried
	// (one attempt); a second, independent request must still wait those
	// 7 seconds before it is sent.
	var env *testEnv
	var sentAt []time.Time
	var mu sync.Mutex
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sentAt = append(sentAt, env.clock.Now())
		first := len(sentAt) == 1
		mu.Unlock()
		if first {
			w.Header().Set("Retry-After", "7")
			writeJSON(w, 429, graphErr(4, 0, "(#4) Application request limit reached"))
			return
		}
		writeJSON(w, 200, map[string]any{"data": []any{}})
	})
	env = newTestEnv(t, h, func(o *Options) { o.MaxAttempts = 1 })
	ctx := context.Background()
	if _, err := env.client.ListTemplates(ctx, "111", ListFilter{}); err == nil {
		t.Fatal("the 429 was not returned")
	}
	if _, err := env.client.ListTemplates(ctx, "111", ListFilter{}); err != nil {
		t.Fatal(err)
	}
	if len(sentAt) != 2 || sentAt[1].Sub(sentAt[0]) < 7*time.Second {
		t.Errorf("requests sent at %v: the second did not wait out the Retry-After", sentAt)
	}
	if got := env.clock.sleeps(); len(got) != 1 || got[0] != 7*time.Second {
		t.Errorf("slept %v, want one 7s pause", got)
	}
}

func TestConnectionsKeepsIdleConnections(t *testing.T) {
	env := newTestEnv(t, http.NotFoundHandler(), func(o *Options) { o.Connections = 10 })
	tr, ok := env.client.hc.Transport.(*http.Transport)
	if !ok || tr.MaxIdleConnsPerHost != 10 {
		t.Errorf("transport %#v: want 10 idle connections per host", env.client.hc.Transport)
	}
}
