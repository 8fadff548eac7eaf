package importer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/plan/plantest"
	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/internal/validate"
)

// One unreadable template is named and left out; it never stops the others
// from being written. A legacy category and unsupported parts are noted in
// the file they concern.
func TestRunRealAccountShapes(t *testing.T) {
	_, remotes := plantest.Account(3)
	odd := template.Remote{Template: template.Template{Name: "login_code", Language: "es"}, ID: "9",
		Unreadable: "components.add_security_recommendation is a string, waform reads a bool"}
	legacy := template.Remote{ID: "10", Template: template.Template{Name: "number_confirmation", Language: "pt_BR",
		Category: "TRANSACTIONAL", Components: []template.Component{{Type: "BODY", Text: "Seu número foi confirmado."}}}}
	banner := template.Remote{ID: "11", Unknown: []string{"components[1]: type PRODUCT_BANNER"},
		Template: template.Template{Name: "spring_banner", Language: "en_US", Category: "MARKETING",
			Components: []template.Component{{Type: "BODY", Text: "Spring sale this week."}, {Type: "PRODUCT_BANNER"}}}}
	dir := t.TempDir()
	res, err := Run(append(remotes, odd, legacy, banner), Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != len(remotes)+2 || len(res.Failed) != 0 || len(res.Unreadable) != 1 || res.Unreadable[0].ID != "9" {
		t.Fatalf("written %d, failed %v, unreadable %v", len(res.Written), res.Failed, res.Unreadable)
	}
	if _, err := os.Stat(filepath.Join(dir, "login_code.es.yaml")); !os.IsNotExist(err) {
		t.Errorf("the unreadable template was written: %v", err)
	}
	for file, want := range map[string]string{
		"number_confirmation.pt_BR.yaml": "# waform: Meta lists category TRANSACTIONAL, from before its 2023 category change; written as UTILITY",
		"spring_banner.en_US.yaml":       "# waform: not imported, since waform does not support them yet: components[1]: type PRODUCT_BANNER",
	} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || !strings.Contains(string(data), want) || strings.Contains(string(data), "PRODUCT_BANNER\n") {
			t.Errorf("%s: %v\n%s", file, err, data)
		}
	}
}

// Languages of one name that Meta holds with different parameters import
// into files that validate: each names the rule spanning documents it
// breaks, as older templates name the rules of one document.
func TestRunLanguagesThatDiffer(t *testing.T) {
	body := func(text string, ex ...string) []template.Component {
		c := template.Component{Type: "BODY", Text: text}
		if len(ex) > 0 {
			c.Example = &template.Example{BodyText: template.Matrix{ex}}
		}
		return []template.Component{c}
	}
	remotes := []template.Remote{
		{ID: "1", Template: template.Template{Name: "greeting", Language: "en_US", Category: "UTILITY",
			Components: body("Hi {{1}}, your order {{2}} has shipped today.", "Ann", "A-1")}},
		{ID: "2", Template: template.Template{Name: "greeting", Language: "es", Category: "MARKETING",
			Components: body("Hola {{1}}, tu pedido ha sido enviado hoy.", "Ana")}},
	}
	dir := t.TempDir()
	if _, err := Run(remotes, Options{Root: dir}); err != nil {
		t.Fatal(err)
	}
	_, ds := validate.Files(dir)
	if diag.HasErrors(ds) {
		t.Errorf("imported languages do not validate: %v", ds)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "greeting.es.yaml"))
	if !strings.Contains(string(data), "# waform:ignore translation-consistency") {
		t.Errorf("no ignore comment:\n%s", data)
	}
	if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Rule == "category-consistency" && !d.Suppressed }) {
		t.Errorf("the category warning should stay visible: %v", ds)
	}
}
