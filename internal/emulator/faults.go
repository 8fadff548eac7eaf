package emulator

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/waform/waform/internal/clock"
)

// FaultKind is one way a request can go wrong on purpose.
//
// FaultRateLimit, FaultServerError, FaultUnavailable and FaultDrop happen
// before the request is served: state is never changed, so a client may
// safely retry. FaultDropAfter and FaultTruncate serve the request first
// (a create does create) and then lose or cut the response: they are what
// make a client's handling of ambiguous outcomes testable.
type FaultKind string

const (
	FaultRateLimit   FaultKind = "rate_limit"   // 429 with Retry-After
	FaultServerError FaultKind = "server_error" // 500
	FaultUnavailable FaultKind = "unavailable"  // 503 with Retry-After
	FaultDrop        FaultKind = "drop"         // connection closed, nothing served
	FaultDropAfter   FaultKind = "drop_after"   // served, then connection closed with no response
	FaultTruncate    FaultKind = "truncate"     // served, response body cut in half
)

// AllFaults lists every fault kind.
var AllFaults = []FaultKind{FaultRateLimit, FaultServerError, FaultUnavailable, FaultDrop, FaultDropAfter, FaultTruncate}

// Faults configures fault injection. The sequence of faults is fixed by
// Seed, so a test sending the same requests in the same order sees the same
// faults.
type Faults struct {
	// Rate is the fraction of requests (0..1) that fail.
	Rate float64
	Seed int64
	// Kinds to choose from, uniformly; all kinds when empty.
	Kinds []FaultKind
	// Latency delays every request, on the emulator's clock (a fake clock
	// jumps instead of waiting).
	Latency time.Duration
	// RetryAfter is sent with 429 and 503 (default one second).
	RetryAfter time.Duration
	// Once injects each of its faults into the first request whose path
	// contains its Path, whatever Rate says: "the upload fails once".
	Once []PathFault
}

// PathFault is a fault for the first request to a path.
type PathFault struct {
	Path string
	Kind FaultKind
}

// ParsePathFaults reads "KIND@PATH,..." (e.g. "server_error@/uploads"),
// the form WAFORM_LOCAL_FAULTS takes.
func ParsePathFaults(s string) ([]PathFault, error) {
	var out []PathFault
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		kind, path, ok := strings.Cut(item, "@")
		if !ok || path == "" || !slices.Contains(AllFaults, FaultKind(kind)) {
			return nil, fmt.Errorf("fault %q: want KIND@PATH with KIND one of %v", item, AllFaults)
		}
		out = append(out, PathFault{Path: path, Kind: FaultKind(kind)})
	}
	return out, nil
}

type faultInjector struct {
	cfg   Faults
	clock clock.Clock
	mu    sync.Mutex
	rng   *rand.Rand
	once  []PathFault // not yet injected
}

func newFaultInjector(cfg Faults, clock clock.Clock) *faultInjector {
	if len(cfg.Kinds) == 0 {
		cfg.Kinds = AllFaults
	}
	if cfg.RetryAfter <= 0 {
		cfg.RetryAfter = time.Second
	}
	return &faultInjector{cfg: cfg, clock: clock, rng: rand.New(rand.NewSource(cfg.Seed)), once: slices.Clone(cfg.Once)}
}

// pick decides the fault for one request to path, or "" for none.
func (f *faultInjector) pick(path string) FaultKind {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i := slices.IndexFunc(f.once, func(p PathFault) bool { return strings.Contains(path, p.Path) }); i >= 0 {
		kind := f.once[i].Kind
		f.once = slices.Delete(f.once, i, i+1)
		return kind
	}
	if f.cfg.Rate <= 0 {
		return ""
	}
	if f.rng.Float64() >= f.cfg.Rate {
		return ""
	}
	return f.cfg.Kinds[f.rng.Intn(len(f.cfg.Kinds))]
}

func (f *faultInjector) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	if f.cfg.Latency > 0 {
		if f.clock.Sleep(r.Context(), f.cfg.Latency) != nil {
			return
		}
	}
	retryAfter := strconv.Itoa(max(1, int(f.cfg.RetryAfter/time.Second)))
	switch f.pick(r.URL.Path) {
	case "":
		next.ServeHTTP(w, r)
	case FaultRateLimit:
		w.Header().Set("Retry-After", retryAfter)
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"error": errorBody{Message: "(#4) Application request limit reached",
			Type: "OAuthException", Code: 4, Transient: true, TraceID: "AemuFault"}})
	case FaultServerError:
		writeJSON(w, http.StatusInternalServerError, map[string]any{"error": errorBody{Message: "An unexpected error has occurred. Please retry your request later.",
			Type: "OAuthException", Code: 2, Transient: true, TraceID: "AemuFault"}})
	case FaultUnavailable:
		w.Header().Set("Retry-After", retryAfter)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": errorBody{Message: "Service temporarily unavailable",
			Type: "OAuthException", Code: 2, Transient: true, TraceID: "AemuFault"}})
	case FaultDrop:
		hangUp(w, nil)
	case FaultDropAfter:
		next.ServeHTTP(newBufferedWriter(), r)
		hangUp(w, nil)
	case FaultTruncate:
		buf := newBufferedWriter()
		next.ServeHTTP(buf, r)
		hangUp(w, buf)
	}
}

// hangUp closes the client's connection, first writing half of partial's
// response (with its full Content-Length) when partial is not nil.
func hangUp(w http.ResponseWriter, partial *bufferedWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		// HTTP/2 and other writers that cannot be hijacked: abort the stream.
		panic(http.ErrAbortHandler)
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	if partial != nil {
		writePartial(rw, partial)
	}
}

func writePartial(rw *bufio.ReadWriter, b *bufferedWriter) {
	body := b.body.Bytes()
	b.header.Set("Content-Length", strconv.Itoa(len(body)))
	fmt.Fprintf(rw, "HTTP/1.1 %d %s\r\n", b.status, http.StatusText(b.status))
	_ = b.header.Write(rw)
	_, _ = rw.WriteString("\r\n")
	_, _ = rw.Write(body[:len(body)/2])
	_ = rw.Flush()
}

// bufferedWriter captures a handler's response so a fault can decide what
// the client gets of it.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedWriter() *bufferedWriter {
	return &bufferedWriter{header: http.Header{}, status: http.StatusOK}
}

func (b *bufferedWriter) Header() http.Header         { return b.header }
func (b *bufferedWriter) WriteHeader(status int)      { b.status = status }
func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
