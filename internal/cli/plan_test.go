package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/template"
)

const planTestKey = "sk-test-SECRET-4242"

// planAccount is an emulator served over httptest, counting every request,
// with a workspace (waform.yaml + templates/) as the working directory.
type planAccount struct {
	emu      *emulator.Server
	requests atomic.Int64
	lists    atomic.Int64
	env      map[string]string
}

func newPlanAccount(t testing.TB, config string, files map[string]string) *planAccount {
	t.Helper()
	t.Chdir(t.TempDir())
	emu, err := emulator.New(emulator.Options{APIKey: planTestKey, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	a := &planAccount{emu: emu}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.requests.Add(1)
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/message_templates") {
			a.lists.Add(1)
		}
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	a.env = map[string]string{
		"KAPSO_API_KEY":                planTestKey,
		"KAPSO_API_BASE_URL":           srv.URL,
		"WHATSAPP_BUSINESS_ACCOUNT_ID": emu.BusinessAccountID(),
	}
	writeFiles(t, map[string]string{"waform.yaml": config})
	writeFiles(t, files)
	return a
}

func writeFiles(t testing.TB, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (a *planAccount) seed(t testing.TB, status string, ts ...template.Template) {
	t.Helper()
	for _, tp := range ts {
		if _, err := a.emu.Seed(a.emu.BusinessAccountID(), tp, status); err != nil {
			t.Fatal(err)
		}
	}
}

func (a *planAccount) run(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), append([]string{"plan"}, args...), strings.NewReader(""), &out, &errOut,
		func(k string) string { return a.env[k] })
	return code, out.String(), errOut.String()
}

func utility(name, text string) template.Template {
	return template.Template{Name: name, Language: "en_US", Category: "UTILITY",
		Components: []template.Component{{Type: "BODY", Text: text}}}
}

func templateFile(name, text string) string {
	return fmt.Sprintf("name: %s\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: %q\n", name, text)
}

const planConfig = "templates: templates\nmanage:\n  ignore: [hello_world]\n"

func TestPlanCommand(t *testing.T) {
	a := newPlanAccount(t, planConfig, map[string]string{
		"templates/order.yaml":   templateFile("order_update", "Your order is on its way to you."),
		"templates/welcome.yaml": templateFile("welcome", "Welcome to the shop, we are glad you are here."),
	})
	a.seed(t, "APPROVED",
		utility("order_update", "Your order has shipped to you."),
		utility("old_promo", "Old promotion text for everyone."),
		utility("hello_world", "Hello"))

	code, out, errOut := a.run(t)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"~ update order_update (en_US)",
		"~ components.BODY.text: Your order [-has shipped-]{+is on its way+} to you.",
		"+ create welcome (en_US) templates/welcome.yaml:1",
		"Plan: 1 to create, 1 to update, 0 to delete, 0 blocked (0 unchanged).",
		"2 remote templates not managed: 1 ignored, 1 not in files (prune is off).",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour written to a buffer, not a terminal")
	}
	// An account that fits in one page costs one request.
	if lists, all := a.lists.Load(), a.requests.Load(); lists != 1 || all != lists {
		t.Errorf("%d requests (%d lists), want one list request and nothing else", all, lists)
	}

	if code, _, _ := a.run(t, "--detailed-exitcode"); code != 2 {
		t.Errorf("--detailed-exitcode with changes: exit %d, want 2", code)
	}

	code, out, errOut = a.run(t, "--prune", "--format", "json")
	if code != 0 {
		t.Fatalf("--prune --format json: exit %d: %s", code, errOut)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("JSON plan: %v\n%s", err, out)
	}
	if p.FormatVersion != plan.FormatVersion || p.Summary.Delete != 1 || p.Actions[0].Kind != plan.Delete || p.Actions[0].Key.Name != "old_promo" {
		t.Errorf("JSON plan with prune: %+v", p)
	}

	_, out, _ = a.run(t, "--format", "markdown")
	if !strings.HasPrefix(out, render.PlanMarker+"\n") || strings.Count(out, "<summary><code>") != 2 {
		t.Errorf("markdown plan:\n%s", out)
	}
}

func TestPlanDetailedExitcodeInSync(t *testing.T) {
	a := newPlanAccount(t, planConfig, map[string]string{"templates/a.yaml": templateFile("order_update", "Same text as the remote one.")})
	a.seed(t, "APPROVED", utility("order_update", "Same text as the remote one."))
	code, out, errOut := a.run(t, "--detailed-exitcode")
	if code != 0 || !strings.Contains(out, "(1 unchanged)") {
		t.Errorf("in sync: exit %d\n%s%s", code, out, errOut)
	}
}

func TestPlanInvalidTemplatesChangeNothing(t *testing.T) {
	a := newPlanAccount(t, planConfig, map[string]string{
		"templates/bad.yaml": "name: Bad Name\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: hi\n",
	})
	code, out, errOut := a.run(t)
	if code != 1 || out != "" {
		t.Errorf("invalid template: exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "templates/bad.yaml:1:") || !strings.Contains(errOut, "nothing was planned or sent") {
		t.Errorf("stderr does not point at the file:\n%s", errOut)
	}
	// The template list is read while the files are checked (reading
	// changes nothing); nothing else may be sent.
	if all, lists := a.requests.Load(), a.lists.Load(); all != lists {
		t.Errorf("%d requests sent for an invalid template, of which only %d lists", all, lists)
	}
}

func TestPlanScopeErrors(t *testing.T) {
	a := newPlanAccount(t, planConfig+"  max_deletes: 2\n", map[string]string{
		"templates/hello.yaml": templateFile("hello_world", "Declared although it is ignored."),
	})
	code, _, errOut := a.run(t)
	if code != 1 || !strings.Contains(errOut, `templates/hello.yaml:1:1 declares hello_world (en_US), which manage.ignore pattern "hello_world" excludes`) {
		t.Errorf("declared ignored template: exit %d: %s", code, errOut)
	}

	writeFiles(t, map[string]string{"templates/hello.yaml": templateFile("kept", "The one template that stays.")})
	a.seed(t, "APPROVED", utility("gone_a", "a text"), utility("gone_b", "b text"), utility("gone_c", "c text"))
	code, out, errOut := a.run(t, "--prune", "--out", "plan.json")
	if code != 1 || !strings.Contains(errOut, "deletes 3 remote templates, more than manage.max_deletes (2)") ||
		!strings.Contains(errOut, "--force") {
		t.Errorf("too many deletes: exit %d: %s", code, errOut)
	}
	if strings.Count(out, "- delete gone_") != 3 {
		t.Errorf("the refused plan must still show the deletes:\n%s", out)
	}
	if _, err := os.Stat("plan.json"); !os.IsNotExist(err) {
		t.Errorf("a refused plan was saved: %v", err)
	}
	if code, _, errOut := a.run(t, "--prune", "--force"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, errOut)
	}
}

func TestPlanOutSavesNoSecret(t *testing.T) {
	a := newPlanAccount(t, planConfig, map[string]string{"templates/a.yaml": templateFile("welcome", "Welcome to the shop, friend.")})
	code, _, errOut := a.run(t, "--out", "plan.json")
	if code != 0 || !strings.Contains(errOut, "Saved the plan to") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile("plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(planTestKey)) || bytes.Contains(data, []byte("SECRET")) {
		t.Fatalf("the plan file carries the API key:\n%s", data)
	}
	p, err := plan.ReadFile("plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if p.Settings.BusinessAccountID != a.emu.BusinessAccountID() || !strings.HasPrefix(p.CreatedBy, "waform ") ||
		p.Fingerprints.Remote == "" || p.Fingerprints.Desired == "" || p.Summary.Create != 1 {
		t.Errorf("saved plan: %+v", p)
	}
}

// A plan reads the whole account with one list request per page of 100,
// and nothing else: no per-template reads.
func TestPlanListsSixThousandTemplatesInSixtyRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 6,000 templates")
	}
	a := newPlanAccount(t, planConfig, map[string]string{"templates/a.yaml": templateFile("t_00042", "Template number 42 of many.")})
	for i := range 6000 {
		a.seed(t, "APPROVED", utility(fmt.Sprintf("t_%05d", i), fmt.Sprintf("Template number %d of many.", i)))
	}
	code, out, errOut := a.run(t)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Plan: 0 to create, 0 to update, 0 to delete, 0 blocked (1 unchanged).") ||
		!strings.Contains(out, "5999 remote templates not managed: 5999 not in files (prune is off).") {
		t.Errorf("plan of 6,000:\n%s", out)
	}
	if lists, all := a.lists.Load(), a.requests.Load(); lists != 60 || all != 60 {
		t.Errorf("%d list requests of %d in all, want exactly ceil(6000/100) = 60", lists, all)
	}
}
