package cli_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/template"
)

// servedEmulator is the emulator a script serves over loopback HTTP with
// emulator-serve, and the number of write requests it has received.
type servedEmulator struct {
	emu     *emulator.Server
	writes  atomic.Int64
	latency atomic.Int64 // time.Duration added to every request
	// writeLatency is added to write requests only (an API that lists
	// but never answers writes).
	writeLatency atomic.Int64
	hold         atomic.Pointer[barrier]
}

// barrier holds write requests until n of them wait, then lets all
// through: two commands started at once then surely overlap.
type barrier struct {
	mu      sync.Mutex
	n       int
	release chan struct{}
}

func (b *barrier) arrive() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n--; b.n == 0 {
		close(b.release)
	}
	return b.release
}

const servedKey = "served-emulator"

// signalCmds are the commands of the interrupt scripts:
//
//	emulator-serve LATENCY [fail-once=KIND@PATH]...
//	        serve an emulator over loopback HTTP, every request delayed by
//	        LATENCY, and point KAPSO_API_BASE_URL and the account variables
//	        of the script at it (META_APP_ID included). Every request is
//	        appended to $WORK/requests.log as "METHOD PATH"; fail-once makes
//	        the first request whose path contains PATH fail with KIND
//	        (server_error, rate_limit, drop, ...).
//	emulator-latency LATENCY [writes]
//	        change the latency of the served emulator (of write requests
//	        only, with "writes").
//	emulator-hold-writes N
//	        hold write requests until N of them wait, then serve them all
//	        (two applies started at once then surely overlap).
//	interrupt SIGNALS WRITES CODE waform ARGS...
//	        run waform as a child process; once the emulator has received
//	        WRITES write requests, send it SIGNALS (INT, TERM, or two joined
//	        by a comma, sent back to back); expect exit code CODE. Its
//	        stdout and stderr become the command's.
//	prompt-ctrl-c waform ARGS...
//	        run waform as a child process on a pseudo-terminal; when it
//	        asks for confirmation, type Ctrl-C and then "yes"; expect exit
//	        130. Its stdout and stderr become the command's.
//	report-matches N
//	        check the last apply report (stdout) against the emulator: N
//	        actions listed, every one reported done is on the account, every
//	        one reported failed or not started is not; prints the counts.
var signalCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"emulator-serve":       emulatorServe,
	"emulator-latency":     emulatorLatency,
	"emulator-hold-writes": emulatorHoldWrites,
	"interrupt":            interrupt,
	"report-matches":       reportMatches,
}

func served(ts *testscript.TestScript) *servedEmulator {
	s, _ := ts.Value(servedKey).(*servedEmulator)
	if s == nil || s.emu == nil {
		ts.Fatalf("no emulator: run emulator-serve first")
	}
	return s
}

func emulatorServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: emulator-serve LATENCY [fail-once=KIND@PATH]...")
	}
	latency, err := time.ParseDuration(args[0])
	ts.Check(err)
	var opts emulator.Options
	for _, a := range args[1:] {
		spec, ok := strings.CutPrefix(a, "fail-once=")
		if !ok {
			ts.Fatalf("emulator-serve: unknown argument %q", a)
		}
		once, err := emulator.ParsePathFaults(spec)
		ts.Check(err)
		opts.Faults.Once = append(opts.Faults.Once, once...)
	}
	emu, err := emulator.New(opts)
	ts.Check(err)
	logPath := ts.MkAbs("requests.log")
	var logMu sync.Mutex
	s := ts.Value(servedKey).(*servedEmulator)
	s.emu = emu
	s.latency.Store(int64(latency))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			s.writes.Add(1)
			if b := s.hold.Load(); b != nil {
				select {
				case <-b.arrive():
				case <-r.Context().Done():
					return
				}
			}
		}
		logMu.Lock()
		if f, err := os.OpenFile(logPath, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%s %s\n", r.Method, r.URL.Path)
			f.Close()
		}
		logMu.Unlock()
		// As the emulator's own latency: a request the client gives up on
		// while it waits is never served.
		// Read the body first: the server notices a client that hung up
		// (and cancels r.Context) only once the body is consumed.
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		wait := time.Duration(s.latency.Load())
		if r.Method != http.MethodGet {
			wait += time.Duration(s.writeLatency.Load())
		}
		if clock.Sleep(r.Context(), wait) != nil {
			return
		}
		emu.ServeHTTP(w, r)
	}))
	ts.Defer(func() {
		srv.CloseClientConnections()
		srv.Close()
	})
	ts.Setenv(config.EnvKapsoBase, srv.URL)
	ts.Setenv(config.EnvAPIKey, emu.APIKey())
	ts.Setenv(config.EnvBusiness, emu.BusinessAccountID())
	ts.Setenv(config.EnvPhone, emu.PhoneNumberID())
	ts.Setenv(config.EnvAppID, emu.AppID())
}

func emulatorLatency(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 || len(args) == 2 && args[1] != "writes" {
		ts.Fatalf("usage: emulator-latency LATENCY [writes]")
	}
	latency, err := time.ParseDuration(args[0])
	ts.Check(err)
	if len(args) == 2 {
		served(ts).writeLatency.Store(int64(latency))
		return
	}
	served(ts).latency.Store(int64(latency))
}

func emulatorHoldWrites(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: emulator-hold-writes N")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	served(ts).hold.Store(&barrier{n: n, release: make(chan struct{})})
}

// childEnv is the script's environment as far as waform reads it, and
// nothing of the test process's own (no real credentials).
func childEnv(ts *testscript.TestScript) []string {
	env := []string{"PATH=" + os.Getenv("PATH")}
	for _, k := range []string{"HOME", "NO_COLOR", "TMPDIR", config.EnvKapsoBase, config.EnvAPIKey, config.EnvBusiness, config.EnvPhone, config.EnvAppID} {
		if v := ts.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

var signalNames = map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM}

func interrupt(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 {
		ts.Fatalf("usage: interrupt SIGNALS WRITES CODE waform ARGS...")
	}
	var sigs []syscall.Signal
	for _, name := range strings.Split(args[0], ",") {
		sig, ok := signalNames[name]
		if !ok {
			ts.Fatalf("interrupt: unknown signal %q", name)
		}
		sigs = append(sigs, sig)
	}
	writes, err := strconv.Atoi(args[1])
	ts.Check(err)
	want, err := strconv.Atoi(args[2])
	ts.Check(err)
	s := served(ts)
	path, err := exec.LookPath(args[3])
	ts.Check(err)
	cmd := exec.Command(path, args[4:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = childEnv(ts)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := s.writes.Load()
	ts.Check(cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(30 * time.Second)
wait:
	for s.writes.Load()-start < int64(writes) {
		select {
		case err := <-exited:
			ts.Fatalf("waform exited (%v) before %d write requests:\n%s\n%s", err, writes, stdout.String(), stderr.String())
		case <-deadline:
			break wait
		case <-time.After(2 * time.Millisecond):
		}
	}
	for i, sig := range sigs {
		if i > 0 {
			// Two signals sent at once arrive as one; the second must
			// come after the first was handled, while requests are still
			// in flight (scripts use a latency of seconds for this).
			time.Sleep(200 * time.Millisecond)
		}
		ts.Check(cmd.Process.Signal(sig))
	}
	err = <-exited
	fmt.Fprint(ts.Stdout(), stdout.String())
	fmt.Fprint(ts.Stderr(), stderr.String())
	if got := cmd.ProcessState.ExitCode(); got != want {
		ts.Fatalf("waform exited %d (%v), want %d", got, err, want)
	}
}

var (
	progressRE   = regexp.MustCompile(`^(create|update|delete) (\S+) \((\S+)\): (created|updated|deleted|FAILED|UNKNOWN|BLOCKED)`)
	notStartedRE = regexp.MustCompile(`^  (create|update|delete) (\S+) \((\S+)\)$`)
)

func reportMatches(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: report-matches N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	live := map[template.Key]bool{}
	for _, st := range served(ts).emu.Templates() {
		if st.Status != "DELETED" && st.Status != "PENDING_DELETION" {
			live[st.Template.Key()] = true
		}
	}
	type reported struct{ kind, outcome string }
	seen := map[template.Key]reported{}
	notStarted := false
	sc := bufio.NewScanner(strings.NewReader(ts.ReadFile("stdout")))
	for sc.Scan() {
		line := sc.Text()
		if m := progressRE.FindStringSubmatch(line); m != nil {
			seen[template.Key{Name: m[2], Language: m[3]}] = reported{m[1], m[4]}
			continue
		}
		if !strings.HasPrefix(line, "  ") {
			notStarted = line == "Not started:"
			continue
		}
		if m := notStartedRE.FindStringSubmatch(line); m != nil && notStarted {
			seen[template.Key{Name: m[2], Language: m[3]}] = reported{m[1], "not started"}
		}
	}
	counts := map[string]int{}
	for k, r := range seen {
		counts[r.outcome]++
		done := r.outcome == "created" || r.outcome == "updated" || r.outcome == "deleted"
		var ok bool
		switch {
		case r.outcome == "UNKNOWN":
			ok = true // either way
		case r.kind == "delete":
			ok = live[k] != done
		case r.kind == "create":
			ok = live[k] == done
		default:
			ok = true // an update's content is checked by plan
		}
		if !ok {
			ts.Fatalf("%s %s reported %s, but the account has it: %v", r.kind, k, r.outcome, live[k])
		}
	}
	if len(seen) != want {
		ts.Fatalf("the report lists %d actions, want %d", len(seen), want)
	}
	fmt.Fprintf(ts.Stdout(), "report matches the account: %d done, %d failed, %d not started, %d unknown of %d\n",
		counts["created"]+counts["updated"]+counts["deleted"], counts["FAILED"], counts["not started"], counts["UNKNOWN"], want)
}
