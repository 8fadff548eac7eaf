package schema_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/schema"
)

// decode parses JSON the way the validator hands values to the schema:
// numbers stay json.Number.
func decode(t *testing.T, src []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(src))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, src)
	}
	return v
}

// leaves flattens a validation error to its leaf findings, "location:
// message", which is what the validator will show users. Containers (allOf,
// if-then, $ref) only say that a cause failed, so they are dropped.
func leaves(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{"not a validation error: " + err.Error()}
	}
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, e.InstanceLocation+": "+e.Message)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

func mustSchema(t *testing.T, get func() (*jsonschema.Schema, error)) *jsonschema.Schema {
	t.Helper()
	s, err := get()
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return s
}

func TestSchemasCompileOnce(t *testing.T) {
	for name, get := range map[string]func() (*jsonschema.Schema, error){
		"template": schema.TemplateSchema,
		"config":   schema.ConfigSchema,
	} {
		a, b := mustSchema(t, get), mustSchema(t, get)
		if a != b {
			t.Errorf("%s: compiled twice, want one shared *Schema", name)
		}
	}
}

func TestIDsMatchFiles(t *testing.T) {
	for id, src := range map[string][]byte{schema.TemplateID: schema.Template, schema.ConfigID: schema.Config} {
		var doc struct {
			ID     string `json:"$id"`
			Schema string `json:"$schema"`
		}
		if err := json.Unmarshal(src, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.ID != id {
			t.Errorf("$id = %q, want %q", doc.ID, id)
		}
		if doc.Schema != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %q, want draft 2020-12", id, doc.Schema)
		}
	}
}

// corpusExcluded lists valid create bodies that use features waform does not
// model on purpose; each must still FAIL the schema, so that the list is
// shortened when the schema grows.
var corpusExcluded = map[string]string{
	"create__utility__from_template_library_url_input__my_delivery_update.json": "Template Library clone: " +
		"library_template_name / library_template_button_inputs instead of components; waform manages " +
		"templates whose content lives in the file",
}

// corpusRejected lists invalid bodies whose fault is one of shape, so the
// schema itself must reject them (the rest are the component rules' job).
var corpusRejected = map[string]string{
	"invalid__body_text_example_flat_array_not_2d__test_v2.json":                     "/components/0/example/body_text/0",
	"invalid__legacy_category_transactional__number_confirmation.json":               "/category",
	"invalid__name_uppercase_and_space__bad_name.json":                               "/name",
	"invalid__questionable__auth_code_expiration_on_body_not_footer__login_otp.json": "/components/0",
}

func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	return dir
}

func TestCorpusValidCreateBodies(t *testing.T) {
	dir := corpusDir(t, "valid")
	files, err := filepath.Glob(filepath.Join(dir, "create__*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no create bodies in %s (err %v)", dir, err)
	}
	s := mustSchema(t, schema.TemplateSchema)
	seen := map[string]bool{}
	for _, f := range files {
		base := filepath.Base(f)
		seen[base] = true
		t.Run(base, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			err = s.Validate(decode(t, src))
			if reason, excluded := corpusExcluded[base]; excluded {
				if err == nil {
					t.Errorf("excluded (%s) but now validates: drop it from corpusExcluded", reason)
				}
				return
			}
			if err != nil {
				t.Errorf("valid create body rejected:\n%s", strings.Join(leaves(err), "\n"))
			}
		})
	}
	for name := range corpusExcluded {
		if !seen[name] {
			t.Errorf("corpusExcluded names %s, which is not in the corpus", name)
		}
	}
}

func TestCorpusShapeErrorsRejected(t *testing.T) {
	dir := corpusDir(t, "invalid")
	s := mustSchema(t, schema.TemplateSchema)
	for name, at := range corpusRejected {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			err = s.Validate(decode(t, src))
			if err == nil {
				t.Fatal("accepted, want a schema error")
			}
			if !slices.ContainsFunc(leaves(err), func(l string) bool { return strings.HasPrefix(l, at+": ") }) {
				t.Errorf("no error at %s; got:\n%s", at, strings.Join(leaves(err), "\n"))
			}
		})
	}
}

// subschemaKeywords are the keywords whose values are schemas (or maps or
// lists of schemas) in the subset of draft 2020-12 these files use.
var (
	schemaMaps  = []string{"properties", "$defs", "patternProperties"}
	schemaLists = []string{"allOf", "anyOf", "oneOf", "prefixItems"}
	schemaOnes  = []string{"additionalProperties", "unevaluatedProperties", "items", "if", "then", "else", "not", "contains", "propertyNames"}
	// described are the schemas an editor shows on hover or completion.
	described = []string{"properties", "$defs", "patternProperties", "additionalProperties", "items"}
)

// walkSchema calls visit for every subschema with the keyword that holds it.
func walkSchema(node any, path, keyword string, visit func(path, keyword string, s map[string]any)) {
	s, ok := node.(map[string]any)
	if !ok {
		return
	}
	visit(path, keyword, s)
	for _, kw := range schemaMaps {
		if m, ok := s[kw].(map[string]any); ok {
			for k, v := range m {
				walkSchema(v, path+"/"+kw+"/"+k, kw, visit)
			}
		}
	}
	for _, kw := range schemaLists {
		if l, ok := s[kw].([]any); ok {
			for i, v := range l {
				walkSchema(v, fmt.Sprintf("%s/%s/%d", path, kw, i), kw, visit)
			}
		}
	}
	for _, kw := range schemaOnes {
		walkSchema(s[kw], path+"/"+kw, kw, visit)
	}
}

func parseSchema(t *testing.T, src []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestEveryPropertyIsDescribed(t *testing.T) {
	for name, src := range map[string][]byte{"template": schema.Template, "config": schema.Config} {
		checked := 0
		walkSchema(parseSchema(t, src), "#", "", func(path, keyword string, s map[string]any) {
			// An if is a condition, not a place where a key is defined.
			if keyword != "" && !slices.Contains(described, keyword) || strings.Contains(path, "/if/") {
				return
			}
			checked++
			if d, _ := s["description"].(string); strings.TrimSpace(d) == "" {
				t.Errorf("%s: %s has no description", name, path)
			}
		})
		if checked < 20 {
			t.Errorf("%s: only %d schemas checked; the walk is missing parts of the file", name, checked)
		}
	}
}

// Every enum of Meta's (all template enums but language) lists each value in
// upper and in lower case, as Meta's create API accepts both.
func TestTemplateEnumsListBothCases(t *testing.T) {
	enums := 0
	walkSchema(parseSchema(t, schema.Template), "#", "", func(path, _ string, s map[string]any) {
		values, ok := s["enum"].([]any)
		if !ok || path == "#/properties/language" {
			return
		}
		enums++
		for _, v := range values {
			str, _ := v.(string)
			for _, form := range []string{strings.ToUpper(str), strings.ToLower(str)} {
				if !slices.Contains(values, any(form)) {
					t.Errorf("%s: enum has %q but not %q", path, str, form)
				}
			}
		}
	})
	if enums < 10 {
		t.Errorf("found %d enums, want every enum of the schema (at least 10)", enums)
	}
}

func TestLanguageEnumIsMetasList(t *testing.T) {
	doc := parseSchema(t, schema.Template)
	langs := doc["properties"].(map[string]any)["language"].(map[string]any)["enum"].([]any)
	set := map[any]bool{}
	for _, l := range langs {
		set[l] = true
	}
	if len(langs) != 111 || len(set) != 111 {
		t.Errorf("language enum has %d entries (%d distinct), want Meta's 111", len(langs), len(set))
	}
	for _, l := range []string{"en_US", "fil", "prs_AF", "pt_BR", "zh_HK", "zu"} {
		if !set[l] {
			t.Errorf("language enum lacks %s", l)
		}
	}
}

// jsonKeys returns the JSON names of a struct's fields.
func jsonKeys(v any) []string {
	var out []string
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// propertyUnion returns the property names declared by the named $defs (or
// by the root when a name is "").
func propertyUnion(doc map[string]any, defs ...string) []string {
	set := map[string]bool{}
	for _, d := range defs {
		s := doc
		if d != "" {
			s = doc["$defs"].(map[string]any)[d].(map[string]any)
		}
		for k := range s["properties"].(map[string]any) {
			set[k] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The schema allows exactly the keys internal/template decodes, in the places
// it decodes them: a key the model gains must be added here, and a key the
// schema allows must reach the model.
func TestSchemaMatchesModel(t *testing.T) {
	doc := parseSchema(t, schema.Template)
	buttons := []string{}
	for k := range doc["$defs"].(map[string]any) {
		if strings.HasSuffix(k, "Button") {
			buttons = append(buttons, k)
		}
	}
	cases := []struct {
		model any
		defs  []string
	}{
		{template.Template{}, []string{""}},
		{template.Component{}, []string{"component", "header", "body", "footer", "buttons", "carousel", "limitedTimeOffer", "callPermissionRequest"}},
		{template.Card{}, []string{"card"}},
		{template.Example{}, []string{"headerExample", "bodyExample"}},
		{template.NamedParam{}, []string{"namedParam"}},
		{template.LimitedTimeOffer{}, []string{"limitedTimeOfferDetails"}},
		{template.Button{}, append([]string{"button"}, buttons...)},
		{template.SupportedApp{}, []string{"supportedApp"}},
	}
	for _, c := range cases {
		want, got := jsonKeys(c.model), propertyUnion(doc, c.defs...)
		if !slices.Equal(want, got) {
			t.Errorf("%T: model keys %v, schema keys %v", c.model, want, got)
		}
	}
}

// A definition nothing refers to is dead weight that editors never show.
func TestEveryDefinitionIsUsed(t *testing.T) {
	for name, src := range map[string][]byte{"template": schema.Template, "config": schema.Config} {
		refs := map[string]bool{}
		walkSchema(parseSchema(t, src), "#", "", func(_, _ string, s map[string]any) {
			if r, ok := s["$ref"].(string); ok {
				refs[r] = true
			}
		})
		for def := range parseSchema(t, src)["$defs"].(map[string]any) {
			if !refs["#/$defs/"+def] {
				t.Errorf("%s: $defs/%s is never referenced", name, def)
			}
		}
	}
}
