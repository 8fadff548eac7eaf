package validate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
)

const findBody = `category: UTILITY
components:
  - type: BODY
    text: "Your order {{1}} has shipped."
    example:
      body_text: [["ORD-1"]]
`

func TestFind(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"shipped.en_US.yaml": "name: shipped\nlanguage: en_US\n" + findBody,
		"shipped.es.yaml":    "name: shipped\nlanguage: es\n" + findBody,
		"solo.yaml":          "name: solo\nlanguage: en_US\n" + findBody,
		"broken.yaml":        "name: broken\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: \"{{1}}\"\n",
		"junk.yaml":          "name: [unclosed\n",
		"dense.yaml":         "name: dense\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: \"Hi {{1}} {{2}} ok\"\n    example:\n      body_text: [[\"a\", \"b\"]]\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tpl, file, ds, err := Find(dir, "solo", "")
	if err != nil || tpl.Name != "solo" || file != filepath.Join(dir, "solo.yaml") || len(ds) != 0 {
		t.Errorf("solo: %s in %s, %v, %v", tpl.Key(), file, ds, err)
	}
	// A valid template's warnings come with it, so render and send show them.
	tpl, _, ds, err = Find(dir, "dense", "")
	if err != nil || tpl.Name != "dense" || len(ds) == 0 || diag.HasErrors(ds) {
		t.Errorf("dense: %s, %v, %v; want its warnings", tpl.Key(), ds, err)
	}
	if tpl, _, _, err := Find(dir, "shipped", "es"); err != nil || tpl.Language != "es" {
		t.Errorf("shipped es: %s, %v", tpl.Key(), err)
	}
	for _, c := range []struct {
		name, language, err string
		diags               bool
	}{
		{"shipped", "", "find template: shipped exists in en_US, es; choose one with --language", false},
		{"shipped", "fr", "find template: shipped has no fr version; it exists in en_US, es", false},
		// the file that does not parse may be the one looked for
		{"missing", "", `find template: no template named "missing" in ` + dir, true},
		{"broken", "", "template is invalid: broken", true},
	} {
		_, _, ds, err := Find(dir, c.name, c.language)
		if err == nil || err.Error() != c.err || (len(ds) > 0) != c.diags {
			t.Errorf("%s %q: %v with %d diagnostics; want %q, diagnostics %v", c.name, c.language, err, len(ds), c.err, c.diags)
		}
		for _, d := range ds {
			if d.Severity != diag.Error || (c.name == "missing") != strings.HasSuffix(d.File, "junk.yaml") {
				t.Errorf("%s: diagnostic %v", c.name, d)
			}
		}
	}
	if _, _, _, err := Find(dir, "broken", ""); !errors.Is(err, ErrTemplateInvalid) {
		t.Errorf("broken: %v, want ErrTemplateInvalid", err)
	}
}
