package ghaction

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeIssues is GitHub's issues and comments API over memory: enough of it
// for the plan comment and the drift issue, with pagination.
type fakeIssues struct {
	mu       sync.Mutex
	comments map[int64]*fakeComment
	issues   map[int]*fakeIssue
	nextID   int64
	requests []string // "METHOD path" of every write
}

type fakeComment struct {
	ID    int64  `json:"id"`
	Issue int    `json:"-"`
	Body  string `json:"body"`
}

type fakeIssue struct {
	Number int      `json:"number"`
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	State  string   `json:"state"`
	Labels []string `json:"-"`
}

func newFakeIssues(t *testing.T) (*fakeIssues, *Client) {
	f := &fakeIssues{comments: map[int64]*fakeComment{}, issues: map[int]*fakeIssue{}, nextID: 1000}
	mux := http.NewServeMux()
	page := func(r *http.Request) (int, int) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		n, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		return max(p, 1), max(n, 1)
	}
	auth := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Authorization") != "Bearer test-token" {
			http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
			return false
		}
		return true
	}
	mux.HandleFunc("GET /repos/o/r/issues/{n}/comments", func(w http.ResponseWriter, r *http.Request) {
		if !auth(w, r) {
			return
		}
		n, _ := strconv.Atoi(r.PathValue("n"))
		p, per := page(r)
		f.mu.Lock()
		defer f.mu.Unlock()
		var all []*fakeComment
		for id := int64(1000); id < f.nextID; id++ {
			if c, ok := f.comments[id]; ok && c.Issue == n {
				all = append(all, c)
			}
		}
		lo, hi := min((p-1)*per, len(all)), min(p*per, len(all))
		json.NewEncoder(w).Encode(append([]*fakeComment{}, all[lo:hi]...))
	})
	mux.HandleFunc("POST /repos/o/r/issues/{n}/comments", func(w http.ResponseWriter, r *http.Request) {
		if !auth(w, r) {
			return
		}
		n, _ := strconv.Atoi(r.PathValue("n"))
		var in fakeComment
		json.NewDecoder(r.Body).Decode(&in)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.requests = append(f.requests, "POST comment")
		c := &fakeComment{ID: f.nextID, Issue: n, Body: in.Body}
		f.comments[c.ID] = c
		f.nextID++
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(c)
	})
	mux.HandleFunc("PATCH /repos/o/r/issues/comments/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !auth(w, r) {
			return
		}
		id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
		var in fakeComment
		json.NewDecoder(r.Body).Decode(&in)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.requests = append(f.requests, "PATCH comment")
		c, ok := f.comments[id]
		if !ok {
			http.NotFound(w, r)
			return
		}
		c.Body = in.Body
		json.NewEncoder(w).Encode(c)
	})
	mux.HandleFunc("GET /repos/o/r/issues", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		var out []*fakeIssue
		for n := 1; n <= len(f.issues); n++ {
			is := f.issues[n]
			if is.State == r.URL.Query().Get("state") && strings.Contains(strings.Join(is.Labels, ","), r.URL.Query().Get("labels")) {
				out = append(out, is)
			}
		}
		json.NewEncoder(w).Encode(append([]*fakeIssue{}, out...))
	})
	mux.HandleFunc("POST /repos/o/r/issues", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Title, Body string
			Labels      []string
		}
		json.NewDecoder(r.Body).Decode(&in)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.requests = append(f.requests, "POST issue")
		is := &fakeIssue{Number: len(f.issues) + 1, Title: in.Title, Body: in.Body, State: "open", Labels: in.Labels}
		f.issues[is.Number] = is
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(is)
	})
	mux.HandleFunc("PATCH /repos/o/r/issues/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		var in map[string]string
		json.NewDecoder(r.Body).Decode(&in)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.requests = append(f.requests, "PATCH issue "+strings.Join(sortedKeys(in), ","))
		is := f.issues[n]
		if b, ok := in["body"]; ok {
			is.Body = b
		}
		if s, ok := in["state"]; ok {
			is.State = s
		}
		json.NewEncoder(w).Encode(is)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return f, &Client{API: srv.URL, Token: "test-token"}
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for _, k := range []string{"body", "state", "state_reason"} {
		if _, ok := m[k]; ok {
			ks = append(ks, k)
		}
	}
	return ks
}

func (f *fakeIssues) bodies(issue int) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for id := int64(1000); id < f.nextID; id++ {
		if c, ok := f.comments[id]; ok && c.Issue == issue {
			out = append(out, c.Body)
		}
	}
	return out
}

func TestPlanCommentCreatedThenUpdatedInPlace(t *testing.T) {
	f, c := newFakeIssues(t)
	ctx := context.Background()
	// Other people's comments, more than a page of them, come first.
	for i := range 105 {
		if _, err := c.UpsertComment(ctx, "o/r", 7, fmt.Sprintf("<!-- other %d -->", i), "a review comment"); err != nil {
			t.Fatal(err)
		}
	}
	f.requests = nil

	first := PlanComment("production", PlanChanges, "Plan: 1 to create, 0 to update, 0 to delete.", "", "https://run/1")
	id, err := c.UpsertComment(ctx, "o/r", 7, Marker("production"), first)
	if err != nil {
		t.Fatal(err)
	}
	staging := PlanComment("staging", PlanInSync, "No changes.", "", "")
	if _, err := c.UpsertComment(ctx, "o/r", 7, Marker("staging"), staging); err != nil {
		t.Fatal(err)
	}
	second := PlanComment("production", PlanInSync, "No changes.", "", "https://run/2")
	id2, err := c.UpsertComment(ctx, "o/r", 7, Marker("production"), second)
	if err != nil {
		t.Fatal(err)
	}
	if id2 != id {
		t.Errorf("the second plan went to comment %d, not the first's %d", id2, id)
	}
	if got := strings.Join(f.requests, "; "); got != "POST comment; POST comment; PATCH comment" {
		t.Errorf("writes: %s", got)
	}
	bodies := f.bodies(7)
	if len(bodies) != 107 || bodies[105] != second || bodies[106] != staging {
		t.Errorf("comments after two plans: %d, production %q", len(bodies), bodies[105])
	}
	if !strings.HasPrefix(second, "<!-- waform-plan-comment: production -->\n## waform plan: production is in sync\n") {
		t.Errorf("comment body:\n%s", second)
	}
}

// A plan that fails replaces the last plan with the error, so a stale
// "no changes" never stays up.
func TestFailedPlanReplacesTheComment(t *testing.T) {
	f, c := newFakeIssues(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	planFile := write("plan.md", "No changes. The account matches the templates.\n")
	errFile := write("plan.err", "waform: list templates: 401 Unauthorized: invalid API key (KAPSO_API_KEY)\n")
	env := map[string]string{"GITHUB_API_URL": c.API, "GITHUB_TOKEN": "test-token"}
	run := func(args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := Main(context.Background(), args, &stdout, &stderr, func(k string) string { return env[k] }); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
	}
	run("comment", "--repo", "o/r", "--number", "3", "--environment", "staging", "--exit-code", "0", "--plan-file", planFile)
	if b := f.bodies(3); len(b) != 1 || !strings.Contains(b[0], "No changes.") {
		t.Fatalf("first comment: %q", b)
	}
	write("plan.md", "")
	run("comment", "--repo", "o/r", "--number", "3", "--environment", "staging", "--exit-code", "1", "--plan-file", planFile, "--error-file", errFile, "--run-url", "https://run/9")
	b := f.bodies(3)
	if len(b) != 1 {
		t.Fatalf("the failed plan added a comment instead of replacing: %d comments", len(b))
	}
	for _, want := range []string{"## waform plan: staging failed", "401 Unauthorized: invalid API key (KAPSO_API_KEY)", "no longer applies", "https://run/9"} {
		if !strings.Contains(b[0], want) {
			t.Errorf("failed-plan comment lacks %q:\n%s", want, b[0])
		}
	}
	if strings.Contains(b[0], "No changes.") {
		t.Errorf("the stale plan is still in the comment:\n%s", b[0])
	}

	// Without the token's permission the step fails and says where to look.
	env["GITHUB_TOKEN"] = "wrong"
	var stderr bytes.Buffer
	code := Main(context.Background(), []string{"comment", "--repo", "o/r", "--number", "3", "--environment", "staging", "--exit-code", "0"}, &bytes.Buffer{}, &stderr, func(k string) string { return env[k] })
	if code != 1 || !strings.Contains(stderr.String(), "401 Unauthorized") {
		t.Errorf("bad token: exit %d, %s", code, stderr.String())
	}
}

func TestCommentTruncatesLongPlans(t *testing.T) {
	long := strings.Repeat("é", commentLimit) // two bytes each
	body := PlanComment("production", PlanChanges, long, "", "")
	if len(body) > 65536 || !strings.Contains(body, "truncated; the job summary has all of it") {
		t.Errorf("comment of %d bytes", len(body))
	}
	if !strings.Contains(body, "é\n\n… truncated") {
		t.Error("truncation split a character")
	}
}

func TestDriftIssueOpensUpdatesAndCloses(t *testing.T) {
	f, c := newFakeIssues(t)
	ctx := context.Background()
	// In sync with no issue open: nothing to do.
	if r, err := c.SyncDriftIssue(ctx, "o/r", "production", false, "", ""); err != nil || r.Action != "none" {
		t.Fatalf("in sync: %+v, %v", r, err)
	}
	r, err := c.SyncDriftIssue(ctx, "o/r", "production", true, "~ update order_ready (en_US)", "https://run/1")
	if err != nil || r.Action != "opened" || r.Number != 1 {
		t.Fatalf("drift: %+v, %v", r, err)
	}
	// Staging drifts too: its own issue.
	if r, err := c.SyncDriftIssue(ctx, "o/r", "staging", true, "+ create x", ""); err != nil || r.Number != 2 {
		t.Fatalf("staging: %+v, %v", r, err)
	}
	r, err = c.SyncDriftIssue(ctx, "o/r", "production", true, "- delete promo (en_US)", "https://run/2")
	if err != nil || r.Action != "updated" || r.Number != 1 {
		t.Fatalf("still drifted: %+v, %v", r, err)
	}
	if is := f.issues[1]; !strings.Contains(is.Body, "- delete promo") || strings.Contains(is.Body, "order_ready") ||
		is.Title != "waform: production drifted from git" || is.Labels[0] != DriftLabel {
		t.Errorf("issue after update: %+v", is)
	}
	r, err = c.SyncDriftIssue(ctx, "o/r", "production", false, "", "https://run/3")
	if err != nil || r.Action != "closed" || r.Number != 1 {
		t.Fatalf("back in sync: %+v, %v", r, err)
	}
	if f.issues[1].State != "closed" || f.issues[2].State != "open" {
		t.Errorf("states: production %s, staging %s", f.issues[1].State, f.issues[2].State)
	}
	if b := f.bodies(1); len(b) != 1 || !strings.Contains(b[0], "matches git again") {
		t.Errorf("closing comment: %q", b)
	}
	want := "POST issue; POST issue; PATCH issue body; POST comment; PATCH issue state,state_reason"
	if got := strings.Join(f.requests, "; "); got != want {
		t.Errorf("writes:\n got %s\nwant %s", got, want)
	}
	// Drifting again opens a new issue.
	if r, err := c.SyncDriftIssue(ctx, "o/r", "production", true, "x", ""); err != nil || r.Action != "opened" || r.Number != 3 {
		t.Errorf("drift after close: %+v, %v", r, err)
	}
}

func TestDriftLeavesTheIssueWhenThePlanFails(t *testing.T) {
	f, c := newFakeIssues(t)
	if _, err := c.SyncDriftIssue(context.Background(), "o/r", "production", true, "x", ""); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GITHUB_API_URL": c.API, "GITHUB_TOKEN": "test-token"}
	var stderr bytes.Buffer
	code := Main(context.Background(), []string{"drift", "--repo", "o/r", "--environment", "production", "--exit-code", "1"}, &bytes.Buffer{}, &stderr, func(k string) string { return env[k] })
	if code != 1 || !strings.Contains(stderr.String(), "drift is unknown") || f.issues[1].State != "open" {
		t.Errorf("failed plan: exit %d, %s, issue %s", code, stderr.String(), f.issues[1].State)
	}
}
