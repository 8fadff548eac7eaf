package spec

import (
	"reflect"
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func ptrTo[T any](v T) *T { return &v }

func TestMarshalTemplateOrderAndComments(t *testing.T) {
	tpl := template.Template{
		Components: []template.Component{
			{Type: "BUTTONS", Buttons: []template.Button{{
				Example: template.Strings{Values: []string{"https://x.example/a"}},
				URL:     "https://x.example/{{1}}", Text: "Open", Type: "URL",
			}}},
			{Example: &template.Example{BodyText: template.Matrix{{"Ana"}}}, Text: "Hi {{1}}", Type: "BODY"},
		},
		ParameterFormat:       "POSITIONAL",
		MessageSendTTLSeconds: ptrTo(3600),
		Category:              "UTILITY",
		Language:              "en_US",
		Name:                  "greet",
	}
	got, err := MarshalTemplate(tpl, MarshalOptions{SchemaURL: "https://s.example/t.json", Ignore: []string{"rule-b", "rule-a", "rule-b"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `# yaml-language-server: $schema=https://s.example/t.json
# waform:ignore rule-a, rule-b
name: greet
language: en_US
category: UTILITY
parameter_format: POSITIONAL
message_send_ttl_seconds: 3600
components:
  - type: BUTTONS
    buttons:
      - type: URL
        text: Open
        url: "https://x.example/{{1}}"
        example:
          - "https://x.example/a"
  - type: BODY
    text: "Hi {{1}}"
    example:
      body_text:
        - - Ana
`
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	docs, diags := Parse("greet.yaml", got)
	if len(diags) != 0 || len(docs) != 1 {
		t.Fatalf("parse back: %d docs, %v", len(docs), diags)
	}
	if !docs[0].Ignore["rule-a"] || !docs[0].Ignore["rule-b"] || len(docs[0].Ignore) != 2 {
		t.Errorf("ignores read back = %v", docs[0].Ignore)
	}
}

// Strings that YAML would read as another type or as syntax must come back
// as the same strings.
func TestMarshalTemplateRoundTripsAwkwardStrings(t *testing.T) {
	for _, text := range []string{
		"true", "no", "123", "1e3", "null", "~", "{{1}}", "- dash", "# hash", "a: b", "  leading",
		"trailing  ", "line one\nline two", "ends with newline\n", "tab\tinside", "multi\nline with trailing \nspace",
		"'quoted'", `"double"`, "@at", "`tick`", "%pct", "ünïcode ✓ 🎉", "2024-01-02", "0x1F", ".inf",
	} {
		tpl := template.Template{Name: "n", Language: "en", Category: "UTILITY",
			Components: []template.Component{{Type: "BODY", Text: text}}}
		data, err := MarshalTemplate(tpl, MarshalOptions{})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		docs, diags := Parse("t.yaml", data)
		if len(diags) != 0 || len(docs) != 1 {
			t.Fatalf("%q: parse back: %v\n%s", text, diags, data)
		}
		back, err := docs[0].Decode()
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if back.Components[0].Text != text {
			t.Errorf("%q came back as %q from:\n%s", text, back.Components[0].Text, data)
		}
	}
}

// Every sample template, written and read back, is the same template.
func TestMarshalTemplateRoundTripsSamples(t *testing.T) {
	docs, diags := Load("../../templates")
	if len(diags) != 0 || len(docs) == 0 {
		t.Fatalf("load samples: %d docs, %v", len(docs), diags)
	}
	for _, d := range docs {
		want, err := d.Decode()
		if err != nil {
			t.Fatal(err)
		}
		data, err := MarshalTemplate(template.Canonical(want), MarshalOptions{})
		if err != nil {
			t.Fatalf("%s: %v", d.File, err)
		}
		back, ds := Parse(d.File, data)
		if len(ds) != 0 || len(back) != 1 {
			t.Fatalf("%s: parse back: %v\n%s", d.File, ds, data)
		}
		got, err := back[0].Decode()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(template.Canonical(got), template.Canonical(want)) {
			t.Errorf("%s: round trip changed the template:\n%s", d.File, data)
		}
		if !strings.HasPrefix(string(data), "name: ") {
			t.Errorf("%s: document does not start with name:\n%s", d.File, data)
		}
	}
}
