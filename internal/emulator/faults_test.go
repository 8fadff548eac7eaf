package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"
)

// try sends a request without failing the test on transport errors, on a
// connection of its own so Go's transport never silently retries.
func (h *harness) try(method, path string, body any) (status int, header http.Header, raw []byte, err error) {
	data, _ := json.Marshal(body)
	req, err := http.NewRequest(method, h.ts.URL+kapsoPrefix+path, bytes.NewReader(data))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("X-API-Key", DefaultAPIKey)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	raw, err = io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, raw, err
}

func TestFaultKinds(t *testing.T) {
	tests := []struct {
		kind        FaultKind
		wantStatus  int // 0: the client sees a transport error
		wantRetry   string
		wantCreated bool
	}{
		{FaultRateLimit, 429, "3", false},
		{FaultServerError, 500, "", false},
		{FaultUnavailable, 503, "3", false},
		{FaultDrop, 0, "", false},
		{FaultDropAfter, 0, "", true},
		{FaultTruncate, 0, "", true},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			h := newHarness(t, Options{Faults: Faults{Rate: 1, Kinds: []FaultKind{tt.kind}, RetryAfter: 3 * time.Second}})
			status, header, raw, err := h.try("POST", "/"+waba+"/message_templates", utility("f", "en_US"))
			if tt.kind == FaultTruncate && (len(raw) == 0 || json.Valid(raw)) {
				t.Fatalf("truncated body %q", raw)
			}
			if tt.wantStatus == 0 && err == nil {
				t.Fatalf("want a transport error, got status %d", status)
			}
			if tt.wantStatus != 0 && (err != nil || status != tt.wantStatus || header.Get("Retry-After") != tt.wantRetry) {
				t.Fatalf("got %d (Retry-After %q) err %v, want %d (%q)", status, header.Get("Retry-After"), err, tt.wantStatus, tt.wantRetry)
			}
			if created := len(h.srv.Templates()) == 1; created != tt.wantCreated {
				t.Fatalf("created=%v, want %v", created, tt.wantCreated)
			}
		})
	}
}

// outcomes sends n list requests and describes what each got.
func outcomes(h *harness, n int) []string {
	var out []string
	for range n {
		status, _, _, err := h.try("GET", "/"+waba+"/message_templates", nil)
		if err != nil {
			out = append(out, "error")
			continue
		}
		out = append(out, fmt.Sprint(status))
	}
	return out
}

func TestFaultsAreSeeded(t *testing.T) {
	run := func(seed int64) []string {
		return outcomes(newHarness(t, Options{Faults: Faults{Rate: 0.5, Seed: seed}}), 40)
	}
	a, b, c := run(7), run(7), run(8)
	if !slices.Equal(a, b) {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	if slices.Equal(a, c) {
		t.Fatalf("different seeds, same faults: %v", a)
	}
	ok := 0
	for _, o := range a {
		if o == "200" {
			ok++
		}
	}
	if ok == 0 || ok == len(a) {
		t.Fatalf("rate 0.5 gave %d successes of %d", ok, len(a))
	}
}

func TestFaultLatencyUsesTheClock(t *testing.T) {
	h := newHarness(t, Options{Faults: Faults{Latency: 750 * time.Millisecond}})
	start := h.clock.Now()
	h.do("GET", "/"+waba+"/message_templates", nil)
	h.do("GET", "/"+waba+"/message_templates", nil)
	if got := h.clock.Now().Sub(start); got != 1500*time.Millisecond {
		t.Fatalf("clock moved %v, want 1.5s", got)
	}
}
