package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/plan/plantest"
	"github.com/waform/waform/internal/template"
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
