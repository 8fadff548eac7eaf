package plan

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func tmpl(name, lang, category, body string) template.Template {
	return template.Template{
		Name: name, Language: lang, Category: category,
		Components: []template.Component{{Type: "BODY", Text: body}},
	}
}

func want(t template.Template) Desired {
	return Desired{Template: t, Source: "templates/" + t.Name + ".yaml:1"}
}

func remote(t template.Template, id, status string) template.Remote {
	return template.Remote{Template: t, ID: id, Status: status}
}

// only returns the single action of p, failing when there is not exactly one.
func only(t *testing.T, p *Plan) Action {
	t.Helper()
	if len(p.Actions) != 1 {
		t.Fatalf("want 1 action, got %d: %+v", len(p.Actions), p.Actions)
	}
	return p.Actions[0]
}

func TestComputeExisting(t *testing.T) {
	base := tmpl("order", "en_US", "UTILITY", "Your order has shipped.")
	edited := tmpl("order", "en_US", "UTILITY", "Your order is on its way.")
	marketing := tmpl("order", "en_US", "MARKETING", "Your order is on its way.")
	tests := []struct {
		name        string
		file        template.Template
		remote      template.Remote
		kind        Kind
		intent      Kind
		reason      string // substring
		warning     string // substring of the only warning; "" for none
		changePaths []string
	}{
		{name: "equal is noop", file: base, remote: remote(base, "1", "APPROVED"), kind: Noop},
		{name: "lowercase enums are still equal", file: tmpl("order", "en_US", "utility", "Your order has shipped."),
			remote: remote(base, "1", "APPROVED"), kind: Noop},
		{name: "approved edit, last edit unknown", file: edited, remote: remote(base, "1", "APPROVED"),
			kind: Update, warning: "does not say when it was last edited", changePaths: []string{"components.BODY.text"}},
		{name: "approved edit, last edit two days ago", file: edited,
			remote: withUpdated(remote(base, "1", "APPROVED"), "2026-03-08T12:00:00+0000"),
			kind:   Update, warning: "10 edits per 30 days", changePaths: []string{"components.BODY.text"}},
		{name: "approved edit within 24 h", file: edited,
			remote: withUpdated(remote(base, "1", "APPROVED"), "2026-03-10T01:30:00+0000"),
			kind:   Blocked, intent: Update, reason: "plan again after 2026-03-11 01:30 UTC", changePaths: []string{"components.BODY.text"}},
		{name: "unreadable last_updated_time warns", file: edited,
			remote: withUpdated(remote(base, "1", "APPROVED"), "yesterday"), kind: Update, warning: `cannot read last_updated_time "yesterday"`},
		{name: "approved category drift", file: marketing, remote: remote(edited, "1", "APPROVED"),
			kind: Blocked, intent: Update, reason: "set category: UTILITY in the file",
			warning: "category drift: Meta has UTILITY, the file says MARKETING", changePaths: []string{"category"}},
		{name: "paused category change is blocked too", file: marketing, remote: remote(edited, "1", "PAUSED"),
			kind: Blocked, intent: Update, reason: "PAUSED: the category", warning: "category drift"},
		{name: "rejected may change category", file: marketing, remote: remote(base, "1", "REJECTED"),
			kind: Update, changePaths: []string{"category", "components.BODY.text"}},
		{name: "paused edit has no quota", file: edited, remote: remote(base, "1", "PAUSED"), kind: Update},
		{name: "pending with changes", file: edited, remote: remote(base, "1", "PENDING"),
			kind: Blocked, intent: Update, reason: "PENDING: Meta is reviewing it; edits are refused until review ends"},
		{name: "pending without changes", file: base, remote: remote(base, "1", "PENDING"), kind: Noop},
		{name: "in appeal", file: edited, remote: remote(base, "1", "IN_APPEAL"), kind: Blocked, intent: Update, reason: "appeal"},
		{name: "disabled", file: edited, remote: remote(base, "1", "disabled"), kind: Blocked, intent: Update, reason: "DISABLED"},
		{name: "unknown status", file: edited, remote: remote(base, "1", "LIMIT_EXCEEDED"),
			kind: Blocked, intent: Update, reason: "LIMIT_EXCEEDED: only APPROVED, REJECTED or PAUSED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Compute([]Desired{want(tc.file)}, []template.Remote{tc.remote}, Policy{MaxDeletes: 5, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			a := only(t, p)
			if a.Kind != tc.kind || a.Intent != tc.intent || a.ID != "1" {
				t.Fatalf("got kind %q intent %q id %q, want %q %q 1 (reason %q)", a.Kind, a.Intent, a.ID, tc.kind, tc.intent, a.Reason)
			}
			if !strings.Contains(a.Reason, tc.reason) {
				t.Errorf("reason %q does not contain %q", a.Reason, tc.reason)
			}
			checkWarning(t, a.Warnings, tc.warning)
			if tc.changePaths != nil && !slices.Equal(paths(a.Changes), tc.changePaths) {
				t.Errorf("changes %v, want %v", paths(a.Changes), tc.changePaths)
			}
			if a.Kind == Noop && (a.Before != nil || a.After != nil || a.Changes != nil) {
				t.Errorf("noop carries templates or changes: %+v", a)
			}
			if a.Kind != Noop && (a.Before == nil || a.After == nil || len(a.Changes) == 0) {
				t.Errorf("%s lacks before, after or changes: %+v", a.Kind, a)
			}
		})
	}
}

func withUpdated(r template.Remote, at string) template.Remote {
	r.LastUpdatedTime = at
	return r
}

func checkWarning(t *testing.T, got []string, want string) {
	t.Helper()
	if want == "" {
		if len(got) != 0 {
			t.Errorf("unexpected warnings %q", got)
		}
		return
	}
	if len(got) != 1 || !strings.Contains(got[0], want) {
		t.Errorf("warnings %q, want one containing %q", got, want)
	}
}

func paths(cs []template.Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Path
	}
	return out
}

func TestComputeCreateDeleteAndScope(t *testing.T) {
	files := []Desired{
		want(tmpl("welcome", "en_US", "MARKETING", "Hi")),
		want(tmpl("welcome", "es", "MARKETING", "Hola")),       // new language: create
		want(tmpl("order_v2", "en_US", "UTILITY", "Shipped")),  // renamed from order
		want(tmpl("reused", "en_US", "UTILITY", "Back again")), // still being deleted remotely
	}
	remotes := []template.Remote{
		remote(tmpl("welcome", "en_US", "MARKETING", "Hi"), "10", "APPROVED"),
		remote(tmpl("order", "en_US", "UTILITY", "Shipped"), "11", "APPROVED"),
		remote(tmpl("broken", "en_US", "UTILITY", "x"), "12", "DISABLED"),
		remote(tmpl("hello_world", "en_US", "UTILITY", "Hello"), "13", "APPROVED"),
		remote(tmpl("sample_a", "en_US", "UTILITY", "a"), "14", "APPROVED"),
		remote(tmpl("reused", "en_US", "UTILITY", "old"), "15", "PENDING_DELETION"),
		remote(tmpl("gone", "fr", "UTILITY", "old"), "16", "DELETED"),
	}
	policy := Policy{Ignore: []string{"hello_world", "sample_*"}, MaxDeletes: 5, Now: now}

	p, err := Compute(files, remotes, policy)
	if err != nil {
		t.Fatal(err)
	}
	wantActions := []string{"create order_v2 (en_US)", "blocked reused (en_US)", "noop welcome (en_US)", "create welcome (es)"}
	if got := kinds(p); !slices.Equal(got, wantActions) {
		t.Errorf("prune off: actions %v, want %v", got, wantActions)
	}
	key := func(name, lang string) template.Key { return template.Key{Name: name, Language: lang} }
	wantUnmanaged := Unmanaged{Ignored: 2, NotInFiles: 2, BeingDeleted: 1, PruneOff: true, Templates: []UnmanagedTemplate{
		{key("broken", "en_US"), UnmanagedNotInFiles}, {key("gone", "fr"), UnmanagedBeingDeleted},
		{key("hello_world", "en_US"), UnmanagedIgnored}, {key("order", "en_US"), UnmanagedNotInFiles},
		{key("sample_a", "en_US"), UnmanagedIgnored}}}
	if !reflect.DeepEqual(p.Unmanaged, wantUnmanaged) {
		t.Errorf("unmanaged %+v, want %+v", p.Unmanaged, wantUnmanaged)
	}
	reused := p.Actions[1]
	if reused.Intent != Create || reused.ID != "15" || !strings.Contains(reused.Reason, "2388023") {
		t.Errorf("create over a PENDING_DELETION template: %+v", reused)
	}

	policy.Prune = true
	p, err = Compute(files, remotes, policy)
	if err != nil {
		t.Fatal(err)
	}
	wantActions = []string{"blocked broken (en_US)", "delete order (en_US)", "create order_v2 (en_US)",
		"blocked reused (en_US)", "noop welcome (en_US)", "create welcome (es)"}
	if got := kinds(p); !slices.Equal(got, wantActions) {
		t.Errorf("prune on: actions %v, want %v", got, wantActions)
	}
	if b := p.Actions[0]; b.Intent != Delete || !strings.Contains(b.Reason, "DISABLED") {
		t.Errorf("deleting a DISABLED template: %+v", b)
	}
	if d := p.Actions[1]; d.ID != "11" || d.Before == nil || d.Before.Name != "order" {
		t.Errorf("delete must carry the id and the remote template: %+v", d)
	}
	wantUnmanaged = Unmanaged{Ignored: 2, BeingDeleted: 1, Templates: []UnmanagedTemplate{
		{key("gone", "fr"), UnmanagedBeingDeleted}, {key("hello_world", "en_US"), UnmanagedIgnored},
		{key("sample_a", "en_US"), UnmanagedIgnored}}}
	if !reflect.DeepEqual(p.Unmanaged, wantUnmanaged) {
		t.Errorf("unmanaged %+v, want %+v", p.Unmanaged, wantUnmanaged)
	}
	wantSummary := Summary{Create: 2, Delete: 1, Blocked: 2, Noop: 1}
	if p.Summary != wantSummary {
		t.Errorf("summary %+v, want %+v", p.Summary, wantSummary)
	}
}

func kinds(p *Plan) []string {
	out := make([]string, len(p.Actions))
	for i, a := range p.Actions {
		out[i] = string(a.Kind) + " " + a.Key.String()
	}
	return out
}

func TestComputeErrors(t *testing.T) {
	a := want(tmpl("a", "en_US", "UTILITY", "x"))
	tests := []struct {
		name    string
		files   []Desired
		remotes []template.Remote
		ignore  []string
		errs    []string
	}{
		{name: "declared template is ignored", files: []Desired{a, want(tmpl("sample_b", "en_US", "UTILITY", "x"))},
			ignore: []string{"sample_*"},
			errs:   []string{`templates/sample_b.yaml:1 declares sample_b (en_US), which manage.ignore pattern "sample_*" excludes`}},
		{name: "bad glob", files: []Desired{a}, ignore: []string{"a["}, errs: []string{`manage.ignore pattern "a["`}},
		{name: "declared twice", files: []Desired{a, {Template: a.Template, Source: "other.yaml:7"}},
			errs: []string{"other.yaml:7 declares a (en_US), already declared at templates/a.yaml:1"}},
		{name: "listed twice", files: []Desired{a},
			remotes: []template.Remote{remote(a.Template, "1", "APPROVED"), remote(a.Template, "2", "PAUSED")},
			errs:    []string{"lists a (en_US) twice (ids 1 and 2)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Compute(tc.files, tc.remotes, Policy{Ignore: tc.ignore, MaxDeletes: 5})
			if err == nil || p != nil {
				t.Fatalf("want an error and no plan, got %v, %v", p, err)
			}
			for _, e := range tc.errs {
				if !strings.Contains(err.Error(), e) {
					t.Errorf("error %q does not contain %q", err, e)
				}
			}
		})
	}
}

func TestComputeMaxDeletes(t *testing.T) {
	var remotes []template.Remote
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		remotes = append(remotes, remote(tmpl(n, "en_US", "UTILITY", n), "id_"+n, "APPROVED"))
	}
	p, err := Compute(nil, remotes, Policy{Prune: true, MaxDeletes: 5})
	if !errors.Is(err, ErrTooManyDeletes) {
		t.Fatalf("6 deletes with max 5: err %v", err)
	}
	if !strings.Contains(err.Error(), "deletes 6 remote templates, more than manage.max_deletes (5)") ||
		!strings.Contains(err.Error(), "--force") {
		t.Errorf("error does not say how many and what to do: %v", err)
	}
	if p == nil || p.Summary.Delete != 6 {
		t.Fatalf("the plan must come with the error: %+v", p)
	}
	if _, err := Compute(nil, remotes, Policy{Prune: true, MaxDeletes: 5, Force: true}); err != nil {
		t.Errorf("--force: %v", err)
	}
	if _, err := Compute(nil, remotes, Policy{Prune: true, MaxDeletes: 6}); err != nil {
		t.Errorf("exactly max_deletes: %v", err)
	}
}

func TestComputeIsDeterministic(t *testing.T) {
	files := []Desired{want(tmpl("b", "fr", "UTILITY", "x")), want(tmpl("a", "en_US", "UTILITY", "y")), want(tmpl("b", "en", "UTILITY", "z"))}
	remotes := []template.Remote{remote(tmpl("c", "en", "UTILITY", "x"), "3", "APPROVED"), remote(tmpl("a", "en_US", "UTILITY", "old"), "1", "APPROVED")}
	p1, err := Compute(files, remotes, Policy{Prune: true, MaxDeletes: 5})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(files)
	slices.Reverse(remotes)
	p2, err := Compute(files, remotes, Policy{Prune: true, MaxDeletes: 5})
	if err != nil {
		t.Fatal(err)
	}
	wantOrder := []string{"update a (en_US)", "create b (en)", "create b (fr)", "delete c (en)"}
	if !slices.Equal(kinds(p1), wantOrder) || !slices.Equal(kinds(p2), wantOrder) {
		t.Errorf("order %v and %v, want %v", kinds(p1), kinds(p2), wantOrder)
	}
	if p1.Fingerprints.Remote != p2.Fingerprints.Remote || p1.Fingerprints.Desired != p2.Fingerprints.Desired {
		t.Error("fingerprints depend on input order")
	}
}
