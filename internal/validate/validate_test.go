package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"

	"github.com/waform/waform/schema"
)

// TestSampleTemplatesValid runs the shipped templates through the
// validator: templates/ and every templates/ folder under examples/ (the
// rest of examples/ is config and CI files). They must pass with no error
// and no warning.
func TestSampleTemplatesValid(t *testing.T) {
	dirs, _ := filepath.Glob("../../examples/*/templates")
	if _, err := os.Stat("../../templates"); err == nil {
		dirs = append(dirs, "../../templates")
	}
	if len(dirs) == 0 {
		t.Skip("no templates/ folder")
	}
	for _, dir := range dirs {
		docs, ds := Files(dir)
		if len(docs) == 0 {
			t.Errorf("%s: no templates read", dir)
		}
		for _, d := range ds {
			t.Errorf("%s", d)
		}
	}
}

func TestSuppressionMarksButDoesNotFail(t *testing.T) {
	src := `# waform:ignore body-variable-edge
name: tracking
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "Your order has shipped and is on its way to you. Track it here: {{1}}"
    example:
      body_text: [["https://example.com/t/1"]]
`
	ds := checkBytes("t.yaml", []byte(src))
	if len(ds) != 1 || ds[0].Rule != "body-variable-edge" || !ds[0].Suppressed {
		t.Fatalf("want one suppressed body-variable-edge, got %v", ds)
	}
	if diag.HasErrors(ds) {
		t.Error("a suppressed error fails the run")
	}
	other := strings.Replace(src, "body-variable-edge", "footer-variable", 1)
	if ds := checkBytes("t.yaml", []byte(other)); !diag.HasErrors(ds) {
		t.Errorf("ignoring another rule silenced body-variable-edge: %v", ds)
	}
}

func TestFilesReportsEveryFileSorted(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("b.yaml", "name: b\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: FOOTER\n    text: x {{1}}\n")
	write("a.yaml", "name: a\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: ok\n  - type: BODY\n    text: ok again\n")
	write("c.yaml", "name: [\n")
	_, ds := Files(dir)
	got := brief(ds)
	want := []string{"7:11 error component-duplicate", "5:3 error body-missing", "6:11 error footer-variable", "1:0 error yaml-syntax"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	var files []string
	for _, d := range ds {
		files = append(files, filepath.Base(d.File))
	}
	if !slices.Equal(files, []string{"a.yaml", "b.yaml", "b.yaml", "c.yaml"}) {
		t.Errorf("files in order %v", files)
	}
}

func TestPayload(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // rule ids
	}{
		{"valid", `{"name":"a","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hello there, friend."}]}`, nil},
		{"not json", `{"name":`, []string{schema.Rule}},
		{"schema", `{"name":"a","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"x","colour":1}]}`, []string{schema.Rule}},
		{"rule", `{"name":"a","language":"en_US","category":"UTILITY","components":[{"type":"FOOTER","text":"Hi"}]}`, []string{"body-missing"}},
		{"lowercase enums", `{"name":"a","language":"en_US","category":"marketing","components":[{"type":"body","text":"Hi there"},{"type":"footer","text":"Bye"},{"type":"limited_time_offer","limited_time_offer":{"text":"Soon"}}]}`, []string{"lto-footer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Payload([]byte(tt.body))
			var got []string
			for _, d := range ds {
				got = append(got, d.Rule)
				if d.Pos != (diag.Pos{}) {
					t.Errorf("payload diagnostic has a position: %v", d)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v: %v", got, tt.want, ds)
			}
		})
	}
	if r, _ := Lookup("body-missing"); r.Subcode != 0 {
		t.Errorf("body-missing subcode %d", r.Subcode)
	}
}

func TestSchemaMessages(t *testing.T) {
	src := "name: a\nlanguage: en_US\ncategory: transactional\ncomponents:\n  - type: BODY\n    txet: hi\n"
	ds := checkBytes("s.yaml", []byte(src))
	want := []string{
		`s.yaml:3:11: error[schema]: category: "transactional" is not allowed; use one of AUTHENTICATION, MARKETING, UTILITY (in upper or lower case)`,
		`s.yaml:6:5: error[schema]: unknown key "txet" in components[0]: did you mean text? Allowed keys are add_security_recommendation, example, text, type`,
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestLengthMessageSaysWhatToChange(t *testing.T) {
	src := "name: a\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: " + strings.Repeat("é", 1031) + "\n"
	ds := checkBytes("l.yaml", []byte(src))
	if len(ds) != 1 || ds[0].Message != "body text is 1,031 characters; Meta allows 1,024: shorten it by 7" {
		t.Fatalf("got %v", ds)
	}
}
