//go:build unix

// Command harness reproduces the performance table of the README: it writes
// 6,000 templates, serves them from the emulator with injected latency,
// runs the waform binary (built from this checkout) against it, and prints
// each step's time as a ratio to its floor, measured in the same run, with
// the peak RSS of the waform process.
//
//	go run ./internal/bench/harness            # the table, 3 rounds, medians
//	go run ./internal/bench/harness -n 12000 -rounds 5
//
// Ratios, not times, are the figures to compare: on a shared machine the
// times drift with load, the ratios of paired runs much less.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	// The floor is yaml.v3's own parse, so the harness calls it directly
	// rather than through spec.
	"gopkg.in/yaml.v3"

	"github.com/waform/waform/internal/bench"
	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

func main() {
	n := flag.Int("n", 6000, "templates in the account and the folder")
	rounds := flag.Int("rounds", 3, "paired runs per row; the table shows medians")
	listLatency := flag.Duration("list-latency", 20*time.Millisecond, "latency of each request for the plan and import rows")
	applyLatency := flag.Duration("apply-latency", 50*time.Millisecond, "latency of each request for the apply row")
	updates := flag.Int("updates", 100, "updates the apply row applies")
	steps := flag.String("steps", "validate,plan,page,apply", "rows to measure, comma-separated (plan includes import)")
	// Modes the harness runs itself in, as a child process, so a floor
	// pays the same process start as the waform run it is compared with.
	measureMode := flag.Bool("measure", false, "child mode: run the program named by the arguments, reporting its time and peak RSS")
	floor := flag.String("floor", "", "child mode: read and YAML-parse every file of this folder")
	list := flag.String("list", "", "child mode: list every template from this base URL")
	flag.Parse()
	var err error
	switch {
	case *measureMode:
		err = measure(flag.Args())
	case *floor != "":
		err = parseFloor(*floor)
	case *list != "":
		err = listOnly(*list)
	default:
		err = run(*n, *rounds, *listLatency, *applyLatency, *updates, strings.Split(*steps, ","))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "harness:", err)
		os.Exit(1)
	}
}

// parseFloor is validate's floor: read every file and parse it with
// yaml.v3, on every CPU, keeping nothing.
func parseFloor(dir string) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && spec.IsTemplateFile(p) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	var next atomic.Int64
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				data, err := os.ReadFile(files[i])
				if err == nil {
					var root yaml.Node
					err = yaml.Unmarshal(data, &root)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// listOnly is plan's and import's floor: a client that only pages through
// the template list.
func listOnly(base string) error {
	c, err := graph.New(graph.Options{Provider: graph.ProviderKapso, BaseURL: base + "/meta/whatsapp/v24.0",
		APIKey: emulator.DefaultAPIKey, Version: "harness"})
	if err != nil {
		return err
	}
	ts, err := c.ListTemplates(context.Background(), emulator.DefaultBusinessAccountID, graph.ListFilter{})
	if err == nil && len(ts) == 0 {
		err = errors.New("listed no templates")
	}
	return err
}

// account is an emulator served on loopback with a latency and a count of
// the requests it saw.
type account struct {
	emu      *emulator.Server
	clock    *clock.Fake
	srv      *http.Server
	url      string
	latency  atomic.Int64
	lists    atomic.Int64
	writes   writeSpan
	throttle atomic.Int64 // the next this many writes get a 429 with Retry-After: 1
	paused   pauseWatch
}

// writeSpan records the time from the first write's arrival to the last
// write's answer: apply's own time, without the plan before it.
type writeSpan struct {
	mu          sync.Mutex
	first, last time.Time
}

func (s *writeSpan) add(start, end time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.first.IsZero() || start.Before(s.first) {
		s.first = start
	}
	if end.After(s.last) {
		s.last = end
	}
}

func (s *writeSpan) duration() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last.Sub(s.first)
}

// pauseWatch counts the requests that arrive while a 429's Retry-After
// should be holding every worker back.
type pauseWatch struct {
	mu          sync.Mutex
	from, until time.Time
	during      int
}

// pauseSlack leaves out the requests at either end of the pause: those the
// other workers sent before the 429's answer reached the client, and
// those the clocks of client and server see on different sides of its end.
const pauseSlack = 50 * time.Millisecond

func (p *pauseWatch) start(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	p.from, p.until = now.Add(pauseSlack), now.Add(d-pauseSlack)
}

func (p *pauseWatch) saw(t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t.After(p.from) && t.Before(p.until) {
		p.during++
	}
}

func newAccount() (*account, error) {
	a := &account{clock: clock.NewFake(time.Now().Add(-72 * time.Hour))}
	emu, err := emulator.New(emulator.Options{Clock: a.clock, PageSize: 100, CreatesPerHour: -1, TemplateLimit: -1})
	if err != nil {
		return nil, err
	}
	a.emu = emu
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	a.url = "http://" + ln.Addr().String()
	a.srv = &http.Server{Handler: a, ReadHeaderTimeout: 10 * time.Second}
	go a.srv.Serve(ln) //nolint:errcheck // ErrServerClosed at close
	return a, nil
}

func (a *account) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	a.paused.saw(start)
	time.Sleep(time.Duration(a.latency.Load()))
	isList := r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/message_templates")
	if isList {
		a.lists.Add(1)
	}
	if r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodDelete {
		if a.throttle.Add(-1) >= 0 {
			a.paused.start(time.Second)
			w.Header().Set("Retry-After", "1")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4,"is_transient":true}}`)
			return
		}
		defer func() { a.writes.add(start, time.Now()) }()
	}
	a.emu.ServeHTTP(w, r)
}

func (a *account) close() { a.srv.Close() }

// load reads the templates of files.
func load(files []string) ([]template.Template, error) {
	docs, ds := spec.Load(files...)
	if len(ds) > 0 {
		return nil, fmt.Errorf("load: %v", ds[0])
	}
	ts := make([]template.Template, 0, len(docs))
	for _, d := range docs {
		t, err := d.Decode()
		if err != nil {
			return nil, err
		}
		ts = append(ts, template.ForCreate(t))
	}
	return ts, nil
}

// seed stores ts as APPROVED, 72 hours old, then moves the clock to now so
// they may be edited.
func (a *account) seed(ts []template.Template) error {
	for _, t := range ts {
		if _, err := a.emu.Seed(emulator.DefaultBusinessAccountID, t, ""); err != nil {
			return err
		}
	}
	a.clock.Set(time.Now())
	return nil
}

// measured is one run of a child process.
type measured struct {
	wall time.Duration
	cpu  time.Duration // user + system: what a loaded machine's wall time hides
	rss  int64         // KiB
}

type runner struct {
	waform, self, work string
	env                []string
}

// run runs name through a measuring child of the harness (see measure):
// Linux counts the memory of the process that starts a program in the
// program's peak RSS, so the harness, holding the seeded account, must not
// start the measured programs itself.
func (r *runner) run(dir string, name string, args ...string) (measured, string, error) {
	cmd := exec.Command(r.self, append([]string{"-measure", name}, args...)...)
	cmd.Dir = dir
	cmd.Env = r.env
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	pr, pw, err := os.Pipe()
	if err != nil {
		return measured{}, "", err
	}
	defer pr.Close()
	cmd.ExtraFiles = []*os.File{pw}
	err = cmd.Start()
	pw.Close()
	if err == nil {
		err = cmd.Wait()
	}
	var m measured
	if _, serr := fmt.Fscan(pr, &m.wall, &m.cpu, &m.rss); serr != nil && err == nil {
		err = fmt.Errorf("no measurement: %w", serr)
	}
	if err != nil {
		return m, out.String(), fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(out.String()))
	}
	return m, out.String(), nil
}

// measure is the child mode run uses: it runs the program named by args
// and writes its wall time, CPU time (nanoseconds) and peak RSS (KiB) to
// file descriptor 3, exiting with the program's exit code. Started fresh,
// it is small when it starts the program, so the peak RSS is the
// program's own.
func measure(args []string) error {
	if len(args) == 0 {
		return errors.New("-measure: no program to run")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return err
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss)
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	report := os.NewFile(3, "measurement")
	if _, werr := fmt.Fprintln(report, int64(wall), int64(cpu), rss); werr != nil {
		return werr
	}
	os.Exit(cmd.ProcessState.ExitCode())
	return nil
}

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}

func run(n, rounds int, listLatency, applyLatency time.Duration, updates int, steps []string) error {
	work, err := os.MkdirTemp("", "waform-harness-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	r := &runner{work: work, waform: filepath.Join(work, "waform")}
	if r.self, err = os.Executable(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "building waform into %s\n", r.waform)
	build := exec.Command("go", "build", "-o", r.waform, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	full := filepath.Join(work, "full")
	files, err := bench.WriteFiles(filepath.Join(full, "templates"), bench.ValidShapes, n)
	if err != nil {
		return err
	}
	acct, err := newAccount()
	if err != nil {
		return err
	}
	defer acct.close()
	ts, err := load(files)
	if err == nil {
		err = acct.seed(ts)
	}
	if err != nil {
		return err
	}
	r.env = append(os.Environ(), "KAPSO_API_BASE_URL="+acct.url, "KAPSO_API_KEY="+emulator.DefaultAPIKey,
		"WHATSAPP_BUSINESS_ACCOUNT_ID="+emulator.DefaultBusinessAccountID, "NO_COLOR=1", "GITHUB_ACTIONS=")

	var rows []row
	if slices.Contains(steps, "validate") {
		vrow, err := r.validateRow(full, n, rounds)
		if err != nil {
			return err
		}
		rows = append(rows, vrow)
	}
	if slices.Contains(steps, "plan") {
		prows, err := r.planRows(full, n, rounds, acct, listLatency)
		if err != nil {
			return err
		}
		rows = append(rows, prows...)
	}
	if slices.Contains(steps, "page") {
		prow, err := r.pageRow()
		if err != nil {
			return err
		}
		rows = append(rows, prow)
	}
	if slices.Contains(steps, "apply") {
		arows, err := r.applyRow(updates, applyLatency, rounds)
		if err != nil {
			return err
		}
		rows = append(rows, arows...)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "step\tmeasured (median of %d)\tpeak RSS\tgoal\n", rounds)
	for _, row := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", row.step, row.measured, row.rss, row.goal)
	}
	return tw.Flush()
}

// validateRow compares validate with reading and parsing the same files.
func (r *runner) validateRow(full string, n, rounds int) (row, error) {
	var val, floor, valRSS, valCPU, floorCPU []float64
	for range rounds {
		f, _, err := r.run(full, r.self, "-floor", "templates")
		if err != nil {
			return row{}, err
		}
		v, _, err := r.run(full, r.waform, "validate", "templates")
		if err != nil {
			return row{}, err
		}
		floor, val, valRSS = append(floor, f.wall.Seconds()), append(val, v.wall.Seconds()), append(valRSS, float64(v.rss)/1024)
		floorCPU, valCPU = append(floorCPU, f.cpu.Seconds()), append(valCPU, v.cpu.Seconds())
	}
	return row{fmt.Sprintf("validate %d", n), fmt.Sprintf("%.2fx read+parse (%.2f s vs %.2f s); CPU time %.2fx", median(ratios(val, floor)), median(val), median(floor), median(ratios(valCPU, floorCPU))),
		fmt.Sprintf("%.0f MiB", median(valRSS)), "<= 1.5x, <= 80 MiB"}, nil
}

// planRows compares plan (in sync) and import with a client that only
// lists.
func (r *runner) planRows(full string, n, rounds int, acct *account, listLatency time.Duration) ([]row, error) {
	acct.latency.Store(int64(listLatency))
	var list, pl, plRSS, imp, impRSS, listCPU, plCPU, impCPU []float64
	var planLists int64
	for i := range rounds {
		l, _, err := r.run(full, r.self, "-list", acct.url)
		if err != nil {
			return nil, err
		}
		before := acct.lists.Load()
		p, out, err := r.run(full, r.waform, "plan", "--detailed-exitcode")
		if err != nil {
			return nil, err
		}
		planLists = acct.lists.Load() - before
		if !strings.Contains(out, "No changes") {
			return nil, fmt.Errorf("the account is not in sync with the files:\n%s", tail(out))
		}
		// What a user starting a repository from an account runs: import
		// in an empty folder, which writes every template to templates/.
		into := filepath.Join(r.work, fmt.Sprintf("import%d", i))
		if err := os.Mkdir(into, 0o755); err != nil {
			return nil, err
		}
		im, out, err := r.run(into, r.waform, "import")
		if err != nil {
			return nil, err
		}
		if entries, _ := os.ReadDir(filepath.Join(into, "templates")); !strings.Contains(out, fmt.Sprintf("Imported %d templates", n)) || len(entries) != n {
			return nil, fmt.Errorf("import wrote %d files, want %d:\n%s", len(entries), n, tail(out))
		}
		os.RemoveAll(into)
		list, pl, plRSS = append(list, l.wall.Seconds()), append(pl, p.wall.Seconds()), append(plRSS, float64(p.rss)/1024)
		listCPU, plCPU = append(listCPU, l.cpu.Seconds()), append(plCPU, p.cpu.Seconds())
		imp, impRSS, impCPU = append(imp, im.wall.Seconds()), append(impRSS, float64(im.rss)/1024), append(impCPU, im.cpu.Seconds())
	}
	return []row{
		{fmt.Sprintf("plan, %d in sync, %v per request", n, listLatency), fmt.Sprintf("%.2fx the list (%.2f s vs %.2f s; %d list requests); CPU time %.2f s vs %.2f s", median(ratios(pl, list)), median(pl), median(list), planLists, median(plCPU), median(listCPU)),
			fmt.Sprintf("%.0f MiB", median(plRSS)), "<= 1.1x, <= 100 MiB"},
		{fmt.Sprintf("import %d", n), fmt.Sprintf("%.2fx the list (%.2f s); CPU time %.2f s", median(ratios(imp, list)), median(imp), median(impCPU)),
			fmt.Sprintf("%.0f MiB", median(impRSS)), "<= 1.5x"},
	}, nil
}

// pageRow counts the list requests of a plan whose account fits in one
// page.
func (r *runner) pageRow() (row, error) {
	small := filepath.Join(r.work, "small")
	smallFiles, err := bench.WriteFiles(filepath.Join(small, "templates"), bench.ValidShapes, 20)
	if err != nil {
		return row{}, err
	}
	one, err := newAccount()
	if err != nil {
		return row{}, err
	}
	defer one.close()
	ts, err := load(smallFiles)
	if err == nil {
		err = one.seed(ts)
	}
	if err != nil {
		return row{}, err
	}
	r.env = append(r.env, "KAPSO_API_BASE_URL="+one.url)
	if _, _, err := r.run(small, r.waform, "plan", "--detailed-exitcode"); err != nil {
		return row{}, err
	}
	return row{"an account that fits in one page", fmt.Sprintf("%d list requests", one.lists.Load()), "", "1"}, nil
}

type row struct{ step, measured, rss, goal string }

// applyRow applies the same updates one at a time and at the default
// parallelism, each against a fresh account, and once more with a 429 on
// the first write, counting the requests sent while it should pause.
func (r *runner) applyRow(updates int, latency time.Duration, rounds int) ([]row, error) {
	dir := filepath.Join(r.work, "apply")
	files, err := bench.WriteFiles(filepath.Join(dir, "templates"), bench.ValidShapes[:2], updates)
	if err != nil {
		return nil, err
	}
	ts, err := load(files)
	if err != nil {
		return nil, err
	}
	fresh := func() (*account, error) {
		a, err := newAccount()
		if err == nil {
			err = a.seed(ts)
		}
		if err != nil {
			return nil, err
		}
		a.latency.Store(int64(latency))
		r.env = append(r.env, "KAPSO_API_BASE_URL="+a.url)
		return a, nil
	}
	// The files then differ from the account by one word each.
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		data = []byte(strings.Replace(string(data), "Reply to this", "Answer this", 1))
		data = []byte(strings.Replace(string(data), "esta semana", "este mes", 1))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			return nil, err
		}
	}
	applyOnce := func(args ...string) (time.Duration, *account, error) {
		a, err := fresh()
		if err != nil {
			return 0, nil, err
		}
		_, out, err := r.run(dir, r.waform, append([]string{"apply", "--auto-approve"}, args...)...)
		if err == nil && !strings.Contains(out, fmt.Sprintf("%d updated", updates)) {
			err = fmt.Errorf("apply did not update %d templates:\n%s", updates, tail(out))
		}
		a.close()
		return a.writes.duration(), a, err
	}
	var seq, par []float64
	for range rounds {
		s, _, err := applyOnce("--parallelism", "1")
		if err != nil {
			return nil, err
		}
		p, _, err := applyOnce()
		if err != nil {
			return nil, err
		}
		seq, par = append(seq, s.Seconds()), append(par, p.Seconds())
	}
	// A 429 with Retry-After: 1 on the first write.
	a, err := fresh()
	if err != nil {
		return nil, err
	}
	a.throttle.Store(1)
	_, out, err := r.run(dir, r.waform, "apply", "--auto-approve")
	a.close()
	if err != nil {
		return nil, err
	}
	if !strings.Contains(out, fmt.Sprintf("%d updated", updates)) {
		return nil, fmt.Errorf("apply after a 429 did not update %d templates:\n%s", updates, tail(out))
	}
	return []row{
		{fmt.Sprintf("apply, %d updates, %v per request", updates, latency),
			fmt.Sprintf("%.1fx faster than sequential (%.2f s vs %.2f s)", median(ratios(seq, par)), median(par), median(seq)), "", ">= 8x"},
		{"requests sent during a 429's Retry-After: 1", fmt.Sprint(a.paused.during), "", "0"},
	}, nil
}

func ratios(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] / b[i]
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
