package spec

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{{
		name: "key order, enums, quoting, comments",
		in: `# yaml-language-server: $schema=../schema/template.schema.json
components:  # what the reader sees
    - text: 'Hi {{1}}, your code: 12'
      type: body
      example: {body_text: [[Ana]]}
    # the buttons
    - buttons:
        - url: https://x.example/{{1}}
          type: url
          text: Open
          example: ["https://x.example/a"]
      type: buttons
category: utility
name: greet
language: en_US
parameter_format: positional
`,
		want: `# yaml-language-server: $schema=../schema/template.schema.json
name: greet
language: en_US
category: UTILITY
parameter_format: POSITIONAL
components: # what the reader sees
  - type: BODY
    text: "Hi {{1}}, your code: 12"
    example: {body_text: [[Ana]]}
  # the buttons
  - type: BUTTONS
    buttons:
      - type: URL
        text: Open
        url: "https://x.example/{{1}}"
        example: ["https://x.example/a"]
`,
	}, {
		name: "multi-document file, multi-line text, nested cards",
		in: `name: a
language: en
category: marketing
components:
  - type: carousel
    cards:
      - components:
          - text: >-
              folded
              text
            type: body
---
# second
language: es
name: a
components:
  - type: body
    text: |
      line one
      line two
`,
		want: `name: a
language: en
category: MARKETING
components:
  - type: CAROUSEL
    cards:
      - components:
          - type: BODY
            text: folded text
---
# second
name: a
language: es
components:
  - type: BODY
    text: |
      line one
      line two
`,
	}, {
		name: "strings YAML would misread stay strings; unknown keys keep their place",
		in: `name: "plain"
language: 'en'
zz: 'true'
aa: "123"
components: [{type: BODY, text: " padded", hash: 'a #b', dash: '- x', percent: '25%'}]
`,
		want: `name: plain
language: en
components: [{type: BODY, text: " padded", hash: "a #b", dash: "- x", percent: 25%}]
zz: "true"
aa: "123"
`,
	}, {
		name: "comment-only file is left as it is",
		in:   "# nothing here yet\n",
		want: "# nothing here yet\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := Format("t.yaml", []byte(tc.in))
			if len(diags) != 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			assertFormatted(t, "t.yaml", got)
		})
	}
}

func TestFormatRefusesWhatTheLoaderRefuses(t *testing.T) {
	for _, tc := range []struct{ in, rule, pos string }{
		{"name: a\ncomponents:\n  - type: BODY\n   text: x\n", RuleYAMLSyntax, "t.yaml:4:4"},
		{"name: a\nname: b\n", RuleDuplicateKey, "t.yaml:2:1"},
		{"name: &n a\nlanguage: *n\n", RuleYAMLAlias, "t.yaml:1:7"},
		// An anchor on a mapping key escaped the alias rule and made fmt
		// not idempotent (found by fuzzing).
		{"&k : x\n", RuleYAMLAlias, "t.yaml:1:1"},
		{"name: a\n&k language: en\n", RuleYAMLAlias, "t.yaml:2:1"},
	} {
		got, diags := Format("t.yaml", []byte(tc.in))
		if got != nil || len(diags) == 0 || diags[0].Rule != tc.rule || !strings.HasPrefix(diags[0].Pos.String(), tc.pos) {
			t.Errorf("Format(%q) = %q, %v; want nil and %s at %s", tc.in, got, diags, tc.rule, tc.pos)
		}
	}
}

// The sample templates are formatted, and so is what import writes for them.
func TestFormatSamplesAndMarshalOutputAreClean(t *testing.T) {
	files, diags := Files("../../templates")
	if len(diags) != 0 || len(files) == 0 {
		t.Fatalf("list samples: %d files, %v", len(files), diags)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got, diags := Format(file, data)
		if len(diags) != 0 || !bytes.Equal(got, data) {
			t.Errorf("%s is not formatted (run waform fmt templates/); formatted:\n%s%v", file, got, diags)
		}
		docs, _ := Parse(file, data)
		for _, d := range docs {
			tpl, err := d.Decode()
			if err != nil {
				t.Fatal(err)
			}
			written, err := MarshalTemplate(template.Canonical(tpl), MarshalOptions{SchemaURL: "https://s.example/t.json", Ignore: []string{"rule"}})
			if err != nil {
				t.Fatal(err)
			}
			if got, diags := Format(file, written); len(diags) != 0 || !bytes.Equal(got, written) {
				t.Errorf("MarshalTemplate output for %s is not formatted:\n%s\nformatted:\n%s%v", file, written, got, diags)
			}
		}
	}
}

// assertFormatted checks what every formatted file must satisfy: formatting
// again changes nothing, and it holds the same templates, up to enum case.
func assertFormatted(t *testing.T, file string, formatted []byte) {
	t.Helper()
	again, diags := Format(file, formatted)
	if len(diags) != 0 || !bytes.Equal(again, formatted) {
		t.Errorf("not idempotent: first:\n%s\nsecond:\n%s%v", formatted, again, diags)
	}
}

// assertSameTemplates checks that formatting kept every value: the
// documents of both versions decode to the same canonical templates.
func assertSameTemplates(t *testing.T, file string, before, after []byte) {
	t.Helper()
	a, _ := Parse(file, before)
	b, _ := Parse(file, after)
	if len(a) != len(b) {
		t.Fatalf("formatting changed the number of documents: %d to %d", len(a), len(b))
	}
	for i := range a {
		if !reflect.DeepEqual(upperEnums(a[i].Value), b[i].Value) {
			t.Errorf("document %d changed:\nbefore %#v\nafter  %#v", i, a[i].Value, b[i].Value)
		}
	}
}

// upperEnums is v with the enum values Format upper-cases upper-cased, so
// that a formatted document can be compared with its source.
func upperEnums(v any) any {
	return upperEnumsIn(v, kindTemplate)
}

func upperEnumsIn(v any, kind objectKind) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, child := range v {
			if s, ok := child.(string); ok && slices.Contains(enumKeys[kind], k) && isEnumWord(s) {
				child = strings.ToUpper(s)
			}
			out[k] = upperEnumsIn(child, childKind(kind, k))
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, child := range v {
			out[i] = upperEnumsIn(child, kind)
		}
		return out
	}
	return v
}

// Formatting the loader's own test inputs keeps their values.
func TestFormatKeepsValues(t *testing.T) {
	inputs, err := filepath.Glob("../../templates/*.yaml")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("glob: %v", err)
	}
	for _, file := range inputs {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// Lower-case the enums and shuffle the quoting, to give Format work.
		messy := strings.NewReplacer("type: BODY", "type: body", `"`, `'`, "category: ", "category: ").Replace(string(data))
		got, diags := Format(file, []byte(messy))
		if len(diags) != 0 {
			t.Fatalf("%s: %v", file, diags)
		}
		assertSameTemplates(t, file, []byte(messy), got)
		assertFormatted(t, file, got)
	}
}

// FuzzFormat checks Format on any input: no panic, and whatever it formats
// is idempotent and holds the same values. Seeds are the sample templates.
func FuzzFormat(f *testing.F) {
	files, _ := Files("../../templates")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("# c\ncomponents: [{text: 'a: b', type: body}]\nname: x\n---\n# only a comment\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, diags := Format("f.yaml", data)
		if got == nil {
			if len(diags) == 0 {
				t.Fatal("refused without a diagnostic")
			}
			return
		}
		assertFormatted(t, "f.yaml", got)
		assertSameTemplates(t, "f.yaml", data, got)
	})
}
