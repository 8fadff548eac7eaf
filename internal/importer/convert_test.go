package importer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// Every full template of the real list responses in ../shared/corpus
// (Meta's samples without examples, authentication templates as Meta
// rewrites them, named and positional, flows, media with CDN handles)
// imports as a file that validates with at most suppressed findings and
// reads back equal to the remote, which is what plan compares.
func TestImportCorpusRemotes(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "valid")
	files, _ := filepath.Glob(filepath.Join(dir, "get__list__*.json"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + dir)
	}
	imported := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var list struct {
			Data []template.Remote `json:"data"`
		}
		if err := json.Unmarshal(data, &list); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, r := range list.Data {
			if len(r.Components) == 0 || r.Category == "" {
				continue // a fields= answer, not a whole template
			}
			f, err := Convert(r)
			if err != nil {
				t.Errorf("%s: %s: %v", filepath.Base(file), r.Key(), err)
				continue
			}
			imported++
			data := f.text("")
			docs, diags := spec.Parse("t.yaml", data)
			if len(diags) != 0 || len(docs) != 1 || len(docs[0].Ignore) != len(f.Ignore) {
				t.Errorf("%s: parse back: %v, ignores %v vs %v", r.Key(), diags, docs[0].Ignore, f.Ignore)
			}
			if r.Category == "AUTHENTICATION" && strings.Contains(string(data), "whatsapp.com/otp") {
				t.Errorf("%s: written with Meta's OTP URL instead of the create form:\n%s", r.Key(), data)
			}
		}
	}
	t.Logf("imported %d corpus templates", imported)
	if imported < 10 {
		t.Errorf("only %d templates imported; the corpus files were not read as expected", imported)
	}
}

// A template Meta approved under older rules (no examples, a body ending
// with a variable) is written with an ignore comment naming exactly the
// rules it breaks; a current template gets none.
func TestConvertIgnores(t *testing.T) {
	old := template.Remote{ID: "1", Status: "APPROVED", Template: template.Template{
		Name: "sample_ticket", Language: "en_US", Category: "UTILITY",
		Components: []template.Component{{Type: "HEADER", Format: "IMAGE"}, {Type: "BODY", Text: "Your seat is {{1}}"}},
	}}
	f, err := Convert(old)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Ignore, ","); got != "body-variable-edge,example-missing,media-header-example" {
		t.Errorf("ignored = %s", got)
	}
	if data := f.text("https://schema"); !strings.HasPrefix(string(data), "# yaml-language-server: $schema=https://schema\n# waform:ignore body-variable-edge, example-missing, media-header-example\nname: sample_ticket\n") {
		t.Errorf("no ignore comment above the document:\n%s", data)
	}

	current := old
	current.Components = []template.Component{{Type: "BODY", Text: "Your seat is {{1}}, enjoy the show.",
		Example: &template.Example{BodyText: template.Matrix{{"12A"}}}}}
	f, err = Convert(current)
	if err != nil || len(f.Ignore) != 0 || strings.Contains(string(f.text("")), "waform:ignore") {
		t.Errorf("current template: ignored %v, err %v:\n%s", f.Ignore, err, f.text(""))
	}
}
