package schema_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/schema"
)

// template's lists of known component, header-format and button types
// decide which parts of a remote template are read and which are reported
// as unknown; they must be exactly the schema's, the one contract.
func TestKnownTypesMatchSchema(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.Template, &doc); err != nil {
		t.Fatal(err)
	}
	upperSet := func(def, prop string) []string {
		var out []string
		for _, v := range doc.Defs[def].Properties[prop].Enum {
			if v == strings.ToUpper(v) {
				out = append(out, v)
			}
		}
		slices.Sort(out)
		return out
	}
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"component types", sorted(template.ComponentTypes), upperSet("component", "type")},
		{"header formats", sorted(template.HeaderFormats), upperSet("header", "format")},
		{"button types", sorted(template.ButtonTypes), upperSet("button", "type")},
	} {
		if len(c.want) == 0 || !slices.Equal(c.got, c.want) {
			t.Errorf("%s: template has %v, the schema %v", c.name, c.got, c.want)
		}
	}
}
