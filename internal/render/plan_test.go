package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

func body(text string) template.Component { return template.Component{Type: "BODY", Text: text} }

func tpl(name, lang, category string, cs ...template.Component) template.Template {
	return template.Template{Name: name, Language: lang, Category: category, Components: cs}
}

// fixturePlan has one action of every kind, noops, and unmanaged remotes.
func fixturePlan(t *testing.T) *plan.Plan {
	t.Helper()
	yes := true
	order := tpl("order_update", "en_US", "UTILITY",
		body("Hi {{1}}, your order has shipped and will arrive soon."),
		template.Component{Type: "BUTTONS", Buttons: []template.Button{
			{Type: "URL", Text: "Track", URL: "https://example.com/t/{{1}}"},
			{Type: "QUICK_REPLY", Text: "Stop"},
		}})
	orderFile := tpl("order_update", "en_US", "UTILITY",
		body("Hi {{1}}, your order is on its way and will arrive soon."),
		template.Component{Type: "FOOTER", Text: "Reply STOP to opt out"},
		template.Component{Type: "BUTTONS", Buttons: []template.Button{
			{Type: "URL", Text: "Track", URL: "https://example.com/t/{{1}}"},
		}})
	welcome := tpl("welcome", "es", "MARKETING",
		template.Component{Type: "HEADER", Format: "TEXT", Text: "¡Hola!"},
		body("Bienvenido a ```Acme```.\nGracias."),
		template.Component{Type: "LIMITED_TIME_OFFER", LimitedTimeOffer: &template.LimitedTimeOffer{Text: "Oferta", HasExpiration: &yes}})
	promo := tpl("promo", "en_US", "MARKETING", body("Sale now"))
	ten := 10
	login := tpl("login_code", "en_US", "AUTHENTICATION",
		template.Component{Type: "BODY", AddSecurityRecommendation: &yes},
		template.Component{Type: "FOOTER", CodeExpirationMinutes: &ten},
		template.Component{Type: "BUTTONS", Buttons: []template.Button{{Type: "OTP", OTPType: "COPY_CODE", Text: "Copy code"}}})
	desired := []plan.Desired{
		{Template: orderFile, Source: "templates/orders.yaml:1"},
		{Template: welcome, Source: "templates/welcome.yaml:4"},
		{Template: login, Source: "templates/login.yaml:1"},
		{Template: tpl("promo", "en_US", "UTILITY", body("Sale now")), Source: "templates/promo.yaml:1"},
		{Template: tpl("review", "en_US", "UTILITY", body("New text")), Source: "templates/review.yaml:1"},
		{Template: tpl("same_a", "en_US", "UTILITY", body("A")), Source: "templates/same.yaml:1"},
		{Template: tpl("same_b", "en_US", "UTILITY", body("B")), Source: "templates/same.yaml:9"},
	}
	remote := []template.Remote{
		{Template: order, ID: "101", Status: "APPROVED", LastUpdatedTime: "2026-03-01T10:00:00+0000"},
		{Template: promo, ID: "102", Status: "APPROVED"},
		{Template: tpl("review", "en_US", "UTILITY", body("Old text")), ID: "103", Status: "PENDING"},
		{Template: tpl("same_a", "en_US", "UTILITY", body("A")), ID: "104", Status: "APPROVED"},
		{Template: tpl("same_b", "en_US", "UTILITY", body("B")), ID: "105", Status: "APPROVED"},
		{Template: tpl("old_promo", "en_US", "MARKETING", body("Old")), ID: "106", Status: "APPROVED"},
		{Template: tpl("hello_world", "en_US", "UTILITY", body("Hello")), ID: "107", Status: "APPROVED"},
	}
	p, err := plan.Compute(desired, remote, plan.Policy{
		Ignore: []string{"hello_world"}, Prune: true, MaxDeletes: 5,
		Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	p.CreatedBy = "waform test"
	p.Settings.BusinessAccountID = "1234567890"
	p.Settings.Env = "staging"
	return p
}

func TestPlanTextGolden(t *testing.T) {
	p := fixturePlan(t)
	for _, tc := range []struct {
		file   string
		colour bool
	}{{"plan.txt", false}, {"plan.colour.txt", true}} {
		var b bytes.Buffer
		if err := PlanText(&b, p, tc.colour); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("plan", tc.file), b.Bytes())
		if hasEscape := strings.Contains(b.String(), "\x1b["); hasEscape != tc.colour {
			t.Errorf("%s: colour %v but escapes present: %v", tc.file, tc.colour, hasEscape)
		}
	}
	out := mustText(t, p)
	for _, want := range []string{
		"Plan: 2 to create, 1 to update, 1 to delete, 2 blocked (2 unchanged).",
		"1 remote template not managed: 1 ignored.",
		"your order [-has shipped-]{+is on its way+} and will arrive soon.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text plan lacks %q", want)
		}
	}
}

func mustText(t *testing.T, p *plan.Plan) string {
	t.Helper()
	var b bytes.Buffer
	if err := PlanText(&b, p, false); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPlanTextInSync(t *testing.T) {
	p, err := plan.Compute(nil, []template.Remote{{Template: tpl("a", "en", "UTILITY", body("x")), ID: "1"}},
		plan.Policy{MaxDeletes: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := "No changes: the remote templates match the files.\n" +
		"Plan: 0 to create, 0 to update, 0 to delete, 0 blocked (0 unchanged).\n" +
		"1 remote template not managed: 1 not in files (prune is off).\n" +
		"    not in files: a (en)\n"
	if got := mustText(t, p); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A warning several actions share word for word is printed once, after
// the actions, with the templates it concerns.
func TestPlanTextSharedWarningOnce(t *testing.T) {
	quota := "edit quota: Meta allows an APPROVED template 10 edits per 30 days and does not report how many are used"
	p := &plan.Plan{Actions: []plan.Action{
		{Kind: plan.Update, Key: template.Key{Name: "a", Language: "en"}, ID: "1", Warnings: []string{quota}},
		{Kind: plan.Update, Key: template.Key{Name: "b", Language: "en"}, ID: "2", Warnings: []string{quota, "only b"}},
		{Kind: plan.Update, Key: template.Key{Name: "c", Language: "en"}, ID: "3", Warnings: []string{quota}},
	}}
	got := mustText(t, p)
	if n := strings.Count(got, quota); n != 1 {
		t.Errorf("the shared warning is printed %d times:\n%s", n, got)
	}
	if !strings.Contains(got, "warning: "+quota+"\n    for a (en), b (en), c (en)\n") || !strings.Contains(got, "    warning: only b\n") {
		t.Errorf("shared warning not listed once with its templates, or b's own warning lost:\n%s", got)
	}
}

// sharedWarningPlan updates three APPROVED templates, whose edit-quota
// warning is the same, and one whose last edit time is unknown, whose
// warning is its own.
func sharedWarningPlan(t *testing.T) *plan.Plan {
	t.Helper()
	var desired []plan.Desired
	var remote []template.Remote
	for i, name := range []string{"order_update", "order_shipped", "order_delayed", "welcome"} {
		desired = append(desired, plan.Desired{Template: tpl(name, "en_US", "UTILITY", body("Your order arrives on Monday.")), Source: name + ".yaml:1"})
		r := template.Remote{Template: tpl(name, "en_US", "UTILITY", body("Your order arrives on Friday.")), ID: strings.Repeat("1", i+1), Status: "APPROVED"}
		if name != "welcome" {
			r.LastUpdatedTime = "2026-01-02T10:00:00+0000"
		}
		remote = append(remote, r)
	}
	p, err := plan.Compute(desired, remote, plan.Policy{MaxDeletes: 5, Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The Markdown plan, like the text one, says a warning several updates
// share once, above the sections, with the templates it concerns.
func TestPlanMarkdownSharedWarningOnce(t *testing.T) {
	p := sharedWarningPlan(t)
	var b bytes.Buffer
	if err := PlanMarkdown(&b, p, 0); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("plan", "shared-warning.md"), b.Bytes())
	quota := p.Actions[0].Warnings[0]
	if n := strings.Count(b.String(), quota); n != 1 {
		t.Errorf("the shared warning is printed %d times", n)
	}
	if !strings.Contains(b.String(), "For order_delayed (en_US), order_shipped (en_US), order_update (en_US)\n") {
		t.Error("the shared warning does not name its templates")
	}
	if own := p.Actions[3].Warnings[0]; p.Actions[3].Key.Name != "welcome" || strings.Count(b.String(), own) != 1 {
		t.Errorf("welcome's own warning is not in its section:\n%s", b.String())
	}
}

// Long lists of names stop at unmanagedShown and say how many more.
func TestPlanNameListsCapped(t *testing.T) {
	quota := "edit quota: Meta allows an APPROVED template 10 edits per 30 days and does not report how many are used"
	p := &plan.Plan{Unmanaged: plan.Unmanaged{NotInFiles: 25, PruneOff: true}}
	for i := range 25 {
		k := template.Key{Name: fmt.Sprintf("t%02d", i), Language: "en"}
		p.Actions = append(p.Actions, plan.Action{Kind: plan.Update, Key: k, ID: "1", Warnings: []string{quota}})
		p.Unmanaged.Templates = append(p.Unmanaged.Templates, plan.UnmanagedTemplate{Key: template.Key{Name: fmt.Sprintf("r%02d", i), Language: "en"}, Reason: plan.UnmanagedNotInFiles})
	}
	p.Summary.Update = 25
	var md bytes.Buffer
	if err := PlanMarkdown(&md, p, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "> For t00 (en), t01 (en), ") || !strings.Contains(md.String(), "t19 (en), and 5 more (plan --format json lists them all)\n") ||
		strings.Contains(md.String(), "t20 (en)") {
		t.Errorf("the shared warning's names are not capped at 20:\n%s", md.String())
	}
	if !strings.Contains(md.String(), "r19 (en), and 5 more (plan --format json lists them all)") || strings.Contains(md.String(), "r20 (en)") {
		t.Errorf("the unmanaged names are not capped at 20:\n%s", md.String())
	}
}

func TestPlanMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := PlanMarkdown(&b, fixturePlan(t), 0); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("plan", "plan.md"), b.Bytes())
	if !strings.HasPrefix(b.String(), PlanMarker+"\n") {
		t.Error("the marker comment must come first")
	}
	if n := strings.Count(b.String(), "<summary><code>"); n != 6 {
		t.Errorf("%d sections, want one per changed template (6)", n)
	}
	if !strings.Contains(b.String(), "````diff\n") {
		t.Error("a body with ``` (WhatsApp's monospace) needs a longer fence")
	}
}

func TestPlanMarkdownTruncates(t *testing.T) {
	long := strings.Repeat("word ", 200)
	var desired []plan.Desired
	for i := range 400 {
		name := "t" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26))
		desired = append(desired, plan.Desired{Template: tpl(name, "en_US", "UTILITY", body(long)), Source: "f.yaml:1"})
	}
	p, err := plan.Compute(desired, nil, plan.Policy{MaxDeletes: 5})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := PlanMarkdown(&b, p, 0); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if len(out) >= GitHubCommentLimit {
		t.Errorf("%d bytes, want under %d", len(out), GitHubCommentLimit)
	}
	shown := strings.Count(out, "<summary><code>")
	if shown == 0 || shown == len(desired) {
		t.Fatalf("%d of %d sections shown; want a truncated, non-empty comment", shown, len(desired))
	}
	note := strings.TrimSpace(truncationNote(len(desired) - shown))
	if !strings.Contains(out, note) {
		t.Errorf("missing or wrong truncation note; want %q", note)
	}
	if strings.Count(out, "<details") != strings.Count(out, "</details>") {
		t.Error("a section was cut in the middle")
	}
}

func TestPlanJSONGolden(t *testing.T) {
	var b bytes.Buffer
	if err := PlanJSON(&b, fixturePlan(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("plan", "plan.json"), b.Bytes())
	var doc struct {
		FormatVersion string `json:"format_version"`
		Actions       []struct {
			Kind   string             `json:"kind"`
			Before *template.Template `json:"before"`
			After  *template.Template `json:"after"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.FormatVersion != plan.FormatVersion || len(doc.Actions) != 8 {
		t.Fatalf("format %q with %d actions", doc.FormatVersion, len(doc.Actions))
	}
	for _, a := range doc.Actions {
		if a.Kind == "update" && (a.Before == nil || a.After == nil) {
			t.Errorf("an update lacks before or after")
		}
	}
}

func TestWordDiff(t *testing.T) {
	tests := []struct{ before, after, want string }{
		{"Your order has shipped.", "Your order is on its way.", "Your order [-has shipped.-]{+is on its way.+}"},
		{"a b c", "a b c d", "a b c{+ d+}"},
		{"", "new", "{+new+}"},
		{"keep\nthis line", "keep\nthat line", "keep\n      [-this-]{+that+} line"},
		{"naïve café", "naïve bar", "naïve [-café-]{+bar+}"},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		w := textWriter{out: bufio.NewWriter(&b)}
		w.words(wordDiff(tc.before, tc.after))
		w.out.Flush()
		if got := b.String(); got != tc.want {
			t.Errorf("wordDiff(%q, %q) = %q, want %q", tc.before, tc.after, got, tc.want)
		}
	}
}

func TestSplitWordsRoundTrips(t *testing.T) {
	for _, s := range []string{"", " lead", "trail ", "a  b\t\nc", "\u00a0nbsp\u00a0x", "日本語 テキスト"} {
		if got := strings.Join(splitWords(s), ""); got != s {
			t.Errorf("splitWords(%q) joins to %q", s, got)
		}
	}
	if got := splitWords("a\u00a0b"); len(got) != 3 {
		t.Errorf("a no-break space must separate words: %q", got)
	}
}

// A long section is folded; a multi-line text keeps its lines in the word
// diff; unmanaged templates are named.
func TestPlanMarkdownFoldsLongSections(t *testing.T) {
	long := strings.Repeat("line\n", 20) + "end"
	p := &plan.Plan{
		Summary: plan.Summary{Update: 2},
		Actions: []plan.Action{
			{Kind: plan.Update, Key: template.Key{Name: "long", Language: "en_US"}, Changes: []template.Change{
				{Kind: template.Changed, Path: "components.BODY.text", Before: long, After: strings.Replace(long, "end", "the end", 1)}}},
			{Kind: plan.Update, Key: template.Key{Name: "short", Language: "en_US"}, Changes: []template.Change{
				{Kind: template.Changed, Path: "components.BODY.text", Before: "Please arrive ten\nminutes early", After: "Please arrive fifteen\nminutes early"}}},
		},
		Unmanaged: plan.Unmanaged{NotInFiles: 1, PruneOff: true, Templates: []plan.UnmanagedTemplate{
			{Key: template.Key{Name: "legacy_promo", Language: "en_US"}, Reason: plan.UnmanagedNotInFiles}}},
	}
	var buf bytes.Buffer
	if err := PlanMarkdown(&buf, p, 0); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"<details><summary><code>~ update</code> <b>long</b>",
		"<details open><summary><code>~ update</code> <b>short</b>",
		"<pre>Please arrive <del>ten</del><ins>fifteen</ins>\nminutes early</pre>",
		"- not in files: legacy_promo (en_US)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown plan lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, `\n`) {
		t.Errorf("Markdown plan has \\n escapes:\n%s", md)
	}
}
