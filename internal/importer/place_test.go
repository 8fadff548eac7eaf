package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		name, lang, want string
	}{
		{"order_confirmation", "en_US", "order_confirmation.en_US.yaml"},
		{"../evil", "en_US", "_evil-"},
		{".hidden", "en_US", "hidden-"},
		{"a/b", "en", "a_b-"},
		{"", "en", "-"},
		{strings.Repeat("x", 300), "en_US", strings.Repeat("x", 255-len("-0123456789.en_US.yaml")) + "-"},
	} {
		got := FileName(template.Key{Name: tc.name, Language: tc.lang})
		if !strings.HasPrefix(got, tc.want) || len(got) > maxNameBytes || strings.ContainsAny(got, `/\`) {
			t.Errorf("FileName(%q, %q) = %q, want it to start with %q, hold no separator and fit in %d bytes",
				tc.name, tc.lang, got, tc.want, maxNameBytes)
		}
	}
	// Two names that clean and shorten to the same text stay apart.
	a := FileName(template.Key{Name: strings.Repeat("x", 300) + "a", Language: "en"})
	b := FileName(template.Key{Name: strings.Repeat("x", 300) + "b", Language: "en"})
	if a == b {
		t.Errorf("two long names share the file name %s", a)
	}
	// A multi-byte character is never cut in half.
	if got := FileName(template.Key{Name: strings.Repeat("é", 200), Language: "en"}); !strings.HasPrefix(got, "é") || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("cut a character: %q", got)
	}
}

func doc(t *testing.T, name, text string) Document {
	t.Helper()
	d, err := Convert(template.Remote{Status: "APPROVED", Template: template.Template{
		Name: name, Language: "en_US", Category: "UTILITY",
		Components: []template.Component{{Type: "BODY", Text: text}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// replaceDocuments replaces exactly the document declaring a template,
// whatever marks its start and end, and keeps everything else byte for byte.
func TestReplaceDocuments(t *testing.T) {
	newB := "# b's head comment\nname: b\nlanguage: en_US\ncategory: UTILITY\nparameter_format: POSITIONAL\ncomponents:\n  - type: BODY\n    text: New text.\n"
	for _, tc := range []struct{ name, in, want string }{{
		"middle document",
		"# a\nname: a\nlanguage: en_US\n---\n# b's head comment\n# waform:ignore body-length\n# waform: a note from an earlier import\nname: b # inline\nlanguage: en_US\ncategory: utility\ncomponents: [{type: BODY, text: Old}]\n# b's foot comment\n\n---\nname: c\nlanguage: en_US\n",
		"# a\nname: a\nlanguage: en_US\n---\n" + newB + "# b's foot comment\n---\nname: c\nlanguage: en_US\n",
	}, {
		"directive, end marker and a document on its marker line",
		"%YAML 1.2\n---\nname: a\nlanguage: en_US\n...\n--- # b's head comment\nname: b\nlanguage: en_US\ncomponents: [{type: BODY, text: Old}]\n...\n",
		"%YAML 1.2\n---\nname: a\nlanguage: en_US\n...\n--- # b's head comment\nname: b\nlanguage: en_US\ncategory: UTILITY\nparameter_format: POSITIONAL\ncomponents:\n  - type: BODY\n    text: New text.\n...\n",
	}, {
		"last document without a final newline",
		"name: a\nlanguage: en_US\n---\n# b's head comment\nname: b\nlanguage: en_US\ncomponents: [{type: BODY, text: Old}]",
		"name: a\nlanguage: en_US\n---\n" + newB,
	}, {
		"a file with CRLF line endings keeps them",
		"name: a\r\nlanguage: en_US\r\n---\r\n# b's head comment\r\nname: b\r\nlanguage: en_US\r\ncomponents: [{type: BODY, text: Old}]\r\n# b's foot comment\r\n",
		"name: a\r\nlanguage: en_US\r\n---\r\n" + strings.ReplaceAll(newB, "\n", "\r\n") + "# b's foot comment\r\n",
	}, {
		"only document",
		"# b's head comment\nname: b\nlanguage: en_US\ncomponents:\n  - type: BODY\n    text: |\n      Old\n\n      text\n",
		newB,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			b := doc(t, "b", "New text.")
			got, err := replaceDocuments("f.yaml", []byte(tc.in), map[template.Key]Document{b.Key: b})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestReplaceDocumentsRefusesAFileThatChanged(t *testing.T) {
	b := doc(t, "b", "New text.")
	if _, err := replaceDocuments("f.yaml", []byte("name: a\nlanguage: en_US\n"), map[template.Key]Document{b.Key: b}); err == nil {
		t.Error("replaced a template the file does not declare")
	}
}

// A new template whose file name is taken (by a file declaring something
// else, or by another template of the same import) gets another name that
// still fits.
func TestFreeName(t *testing.T) {
	dir := t.TempDir()
	long := template.Key{Name: strings.Repeat("x", 300), Language: "en_US"}
	short := template.Key{Name: "order", Language: "en_US"}
	used := map[string]bool{}
	seen := map[string]bool{}
	for range 3 {
		for _, k := range []template.Key{short, long} {
			file, err := freeName(dir, k, used)
			if err != nil {
				t.Fatal(err)
			}
			if seen[file] || len(filepath.Base(file)) > maxNameBytes {
				t.Errorf("%s: name %s given twice or too long (%d bytes)", k, filepath.Base(file), len(filepath.Base(file)))
			}
			seen[file] = true
			if err := os.WriteFile(file, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			delete(used, strings.ToLower(file)) // taken on disk now, not by this import
		}
	}
}
