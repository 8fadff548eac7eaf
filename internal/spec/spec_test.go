package spec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/waform/waform/internal/diag"
)

func TestParseKeepsPositions(t *testing.T) {
	src := "name: hello\nlanguage: en_US\ncomponents:\n  - type: BODY\n    text: \"Hi there\"\n"
	docs, diags := Parse("t.yaml", []byte(src))
	if len(diags) != 0 || len(docs) != 1 {
		t.Fatalf("docs=%d diags=%v", len(docs), diags)
	}
	d := docs[0]
	for ptr, want := range map[string]string{
		"":                   "t.yaml:1:1",
		"/name":              "t.yaml:1:7",
		"/components/0/text": "t.yaml:5:11",
		"/components/0/nope": "t.yaml:4:5", // missing: nearest existing ancestor
		"/components/7/text": "t.yaml:4:3", // the components list
	} {
		if got := d.Pos(ptr).String(); got != want {
			t.Errorf("Pos(%q) = %s, want %s", ptr, got, want)
		}
	}
	if got := d.KeyPos("/components/0/text").String(); got != "t.yaml:5:5" {
		t.Errorf("KeyPos = %s, want t.yaml:5:5", got)
	}
	key, ok := d.Key()
	if !ok || key.Name != "hello" || key.Language != "en_US" {
		t.Errorf("Key() = %v, %v", key, ok)
	}
	tmpl, err := d.Decode()
	if err != nil || tmpl.Components[0].Text != "Hi there" {
		t.Errorf("Decode() = %+v, %v", tmpl, err)
	}
}

func TestParseScalarsByTag(t *testing.T) {
	src := "a: 2024-01-02\nb: 0x1F\nc: 1_000\nd: true\ne: ~\nf: 1.5\ng: \"007\"\n"
	docs, diags := Parse("t.yaml", []byte(src))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	m := docs[0].Value.(map[string]any)
	want := map[string]string{"a": "2024-01-02", "b": "31", "c": "1000", "d": "true", "e": "<nil>", "f": "1.5", "g": "007"}
	for k, w := range want {
		if got := toString(m[k]); got != w {
			t.Errorf("%s = %s, want %s", k, got, w)
		}
	}
}

// TestParseScalarShortcuts: the booleans and integers Parse reads without
// yaml's decoder come out as the decoder reads them.
func TestParseScalarShortcuts(t *testing.T) {
	for _, v := range []string{"true", "false", "True", "FALSE", "0", "7", "-12", "10", "123456789012345678",
		"1234567890123456789", "9223372036854775807", "-9223372036854775808", "007", "-0", "0x1F", "1_000", "0o17", "-007"} {
		docs, diags := Parse("t.yaml", []byte("k: "+v+"\n"))
		if len(diags) != 0 {
			t.Fatal(v, diags)
		}
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(v), &root); err != nil {
			t.Fatal(err)
		}
		n := root.Content[0]
		var want any
		switch n.ShortTag() {
		case "!!bool":
			var b bool
			_ = n.Decode(&b)
			want = b
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				t.Fatal(v, err)
			}
			want = json.Number(strconv.FormatInt(i, 10))
		default:
			t.Fatalf("%s is %s", v, n.ShortTag())
		}
		if got := docs[0].Value.(map[string]any)["k"]; got != want {
			t.Errorf("%s: got %#v, want %#v", v, got, want)
		}
	}
}

func toString(v any) string {
	switch v := v.(type) {
	case nil:
		return "<nil>"
	case bool:
		if v {
			return "true"
		}
		return "false"
	case interface{ String() string }:
		return v.String()
	case string:
		return v
	}
	return "?"
}

func TestParseMultipleDocumentsAndIgnores(t *testing.T) {
	src := "# waform:ignore body-variable-edge, example-missing\nname: a\nlanguage: en\n---\n---\n# just a comment\n---\nname: b\nlanguage: en # waform:ignore schema\n"
	docs, diags := Parse("t.yaml", []byte(src))
	if len(diags) != 0 || len(docs) != 2 {
		t.Fatalf("docs=%d diags=%v", len(docs), diags)
	}
	if !docs[0].Ignore["body-variable-edge"] || !docs[0].Ignore["example-missing"] || len(docs[0].Ignore) != 2 {
		t.Errorf("doc 1 ignores = %v", docs[0].Ignore)
	}
	if !docs[1].Ignore["schema"] || docs[1].Index != 1 || docs[1].Start.Line != 8 {
		t.Errorf("doc 2 = %+v", docs[1])
	}
}

func TestParseBadInput(t *testing.T) {
	deep := strings.Repeat("[", 200) + strings.Repeat("]", 200)
	bomb := "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	tests := []struct {
		name, src, want string
	}{
		{"not yaml", "name: [unclosed\n", "t.yaml:1: error[yaml-syntax]: not valid YAML"},
		{"bad indentation", "name: a\n  language: b\n", "t.yaml:2:3: error[yaml-syntax]: this key starts in column 3 but name, the key above it, in column 1"},
		{"invalid utf8", "name: ok\ntext: \"a\xffb\"\n", "t.yaml:2:9: error[yaml-encoding]"},
		{"empty", "", "t.yaml: error[file-empty]"},
		{"only comments", "# nothing here\n# still nothing\n", "t.yaml: error[file-empty]"},
		{"deep nesting", deep, "error[yaml-limit]"},
		{"alias bomb", bomb, "t.yaml:1:4: error[yaml-alias]"},
		{"merge key", "base: {a: 1}\nx:\n  <<: {b: 2}\n", "t.yaml:3:3: error[yaml-tag]"},
		{"custom tag", "name: !secret x\n", "t.yaml:1:7: error[yaml-tag]"},
		{"duplicate key", "name: a\nlanguage: en\nname: b\n", "t.yaml:3:1: error[yaml-duplicate-key]: key \"name\" is already defined at line 1, column 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse("t.yaml", []byte(tt.src))
			if len(diags) == 0 {
				t.Fatalf("no diagnostic, want %q", tt.want)
			}
			if got := diags[0].String(); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestParseRefusesOversizedInput(t *testing.T) {
	data := make([]byte, MaxFileBytes+1)
	_, diags := Parse("big.yaml", data)
	if len(diags) != 1 || diags[0].Rule != RuleYAMLLimit || !strings.Contains(diags[0].Message, "8 MiB") {
		t.Fatalf("diags = %v", diags)
	}
}

func TestLoadFolders(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", "name: hello\nlanguage: en\n")
	write("nested/b.yml", "name: other\nlanguage: en\n---\nname: hello\nlanguage: en\n")
	write("nested/notes.txt", "not a template")
	write(".hidden/c.yaml", "name: hello\nlanguage: en\n")
	write("bad.yaml", "name: [\n")
	write("empty/.keep", "")
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "dangling.yaml")); err != nil {
		t.Fatal(err)
	}

	docs, diags := Load(dir, filepath.Join(dir, "empty"), filepath.Join(dir, "absent.yaml"))
	if len(docs) != 3 {
		t.Errorf("loaded %d documents, want 3 (hidden folders skipped, bad file reported)", len(docs))
	}
	var got []string
	for _, d := range diags {
		got = append(got, strings.TrimPrefix(d.Pos.String(), dir+"/")+" "+d.Rule)
	}
	want := []string{ // sorted by path
		"absent.yaml file-read",
		"bad.yaml:1 yaml-syntax",
		"dangling.yaml file-read",
		"empty no-templates",
		"nested/b.yml:4:7 duplicate-template",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range diags {
		if d.Rule == RuleDuplicateName && !strings.Contains(d.Message, "a.yaml:1:7") {
			t.Errorf("duplicate message does not name the first place: %s", d.Message)
		}
	}
	if diag.HasErrors(nil) {
		t.Error("HasErrors(nil) = true")
	}
}

// ParseWithPositions records while parsing the positions Parse finds again
// later: the same for every value and key of every document.
func TestParseWithPositionsSamePositions(t *testing.T) {
	files, _ := filepath.Glob("../validate/testdata/*/*.yaml")
	if len(files) < 20 {
		t.Fatalf("only %d fixtures", len(files))
	}
	compared := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lazy, ds1 := Parse(f, data)
		eager, ds2 := ParseWithPositions(f, data)
		if len(lazy) != len(eager) || !reflect.DeepEqual(ds1, ds2) {
			t.Fatalf("%s: %d and %d documents, diagnostics %v and %v", f, len(lazy), len(eager), ds1, ds2)
		}
		for i := range lazy {
			if a, b := lazy[i].positions(), eager[i].positions(); !reflect.DeepEqual(a, b) {
				t.Errorf("%s document %d: positions differ:\n%v\n%v", f, i, a, b)
			}
			compared += len(lazy[i].positions().value)
		}
		// Release drops the recorded positions; they are found again.
		for i := range eager {
			eager[i].Release()
			if a, b := lazy[i].positions(), eager[i].positions(); !reflect.DeepEqual(a, b) {
				t.Errorf("%s document %d: positions differ after Release:\n%v\n%v", f, i, a, b)
			}
		}
	}
	if compared < 1000 {
		t.Errorf("compared only %d positions", compared)
	}
}
