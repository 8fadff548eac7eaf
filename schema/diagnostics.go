package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
)

// Rule is the rule id of every JSON Schema violation: unknown keys,
// missing keys, wrong types and values outside an enum.
const Rule = "schema"

// Locator maps a JSON pointer into the checked document to a position.
type Locator interface {
	Pos(ptr string) diag.Pos
	KeyPos(ptr string) diag.Pos
}

// Kind picks one of the two schemas.
type Kind int

const (
	TemplateKind Kind = iota
	ConfigKind
)

// The schemas as JSON values, read to name the allowed keys and values in
// messages (the validator's own messages list enums in both cases and do
// not say which keys are allowed).
var (
	templateJSON = sync.OnceValue(func() any { return parse(Template) })
	configJSON   = sync.OnceValue(func() any { return parse(Config) })
)

func parse(src []byte) any {
	var v any
	if err := json.Unmarshal(src, &v); err != nil {
		return nil // this package's tests guarantee both parse
	}
	return v
}

func (k Kind) compiled() (*jsonschema.Schema, error) {
	if k == ConfigKind {
		return ConfigSchema()
	}
	return TemplateSchema()
}

func (k Kind) source() any {
	if k == ConfigKind {
		return configJSON()
	}
	return templateJSON()
}

func (k Kind) root() string {
	if k == ConfigKind {
		return "waform.yaml"
	}
	return "the template"
}

// Check validates a document's JSON value against the schema of kind and
// turns each leaf error into one positioned diagnostic.
func Check(kind Kind, value any, loc Locator) []diag.Diagnostic {
	ds, _ := CheckWhere(kind, value, loc)
	return ds
}

// CheckWhere is Check that also returns the JSON pointers of what is wrong:
// the value that fails, the unknown key, or the missing key. A value the
// fast check accepts is valid; only one it refuses pays for jsonschema,
// which finds and words the errors.
func CheckWhere(kind Kind, value any, loc Locator) (ds []diag.Diagnostic, where []string) {
	if f := kind.fast(); f != nil && f.valid(value) {
		return nil, nil
	}
	sch, err := kind.compiled()
	if err != nil {
		return []diag.Diagnostic{diag.Errorf(loc.Pos(""), Rule, "load template schema: %v", err)}, []string{""}
	}
	err = sch.Validate(value)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []diag.Diagnostic{diag.Errorf(loc.Pos(""), Rule, "validate against schema: %v", err)}, []string{""}
	}
	seen := map[string]bool{}
	add := func(pos diag.Pos, key, ptr, format string, args ...any) {
		where = append(where, ptr)
		if !seen[key] {
			seen[key] = true
			ds = append(ds, diag.Errorf(pos, Rule, format, args...))
		}
	}
	for _, leaf := range leaves(ve, nil) {
		describeLeaf(kind, leaf, value, loc, add)
	}
	return ds, where
}

// leaves collects the errors that say what is wrong; their ancestors only
// say "doesn't validate with".
func leaves(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(out, ve)
	}
	for _, c := range ve.Causes {
		out = leaves(c, out)
	}
	return out
}

// addFunc reports one error at pos, once per key, about the value at ptr.
type addFunc func(pos diag.Pos, key, ptr, format string, args ...any)

func describeLeaf(kind Kind, leaf *jsonschema.ValidationError, value any, loc Locator, add addFunc) {
	inst := leaf.InstanceLocation
	keyword := leaf.KeywordLocation[strings.LastIndexByte(leaf.KeywordLocation, '/')+1:]
	sub := schemaAt(kind.source(), leaf.AbsoluteKeywordLocation)
	where := describe(kind, inst)
	switch keyword {
	case "additionalProperties":
		allowed := sortedKeys(schemaChild(sub, "properties"))
		obj, _ := pointerValue(value, inst).(map[string]any)
		for _, key := range sortedKeys(obj) {
			if !slices.Contains(allowed, key) {
				ptr := spec.Pointer(inst, key)
				add(loc.KeyPos(ptr), ptr, ptr, "%s", unknownKey(kind, key, where, allowed))
			}
		}
	case "required":
		obj, _ := pointerValue(value, inst).(map[string]any)
		for _, key := range stringList(schemaChild(sub, "required")) {
			if _, ok := obj[key]; !ok {
				add(loc.Pos(inst), inst+"#required", spec.Pointer(inst, key), "%s is missing the required key %s", where, key)
			}
		}
	case "enum":
		got := pointerValue(value, inst)
		choices := stringList(schemaChild(sub, "enum"))
		msg := fmt.Sprintf("%s: %s is not allowed; use %s", where, quoteValue(got), enumChoices(choices))
		if s, ok := got.(string); ok {
			if guess := diag.Suggest(s, choices); guess != "" {
				msg = fmt.Sprintf("%s: %s is not allowed: did you mean %s? Use %s", where, quoteValue(got), guess, enumChoices(choices))
			}
		}
		add(loc.Pos(inst), inst, inst, "%s", msg)
	case "type":
		msg := fmt.Sprintf("%s: %s", where, strings.Replace(leaf.Message, ", but got", ", not", 1))
		items, _ := schemaChild(sub, "items").(map[string]any)
		add(loc.Pos(inst), inst, inst, "%s%s", msg, typeHint(inst, pointerValue(value, inst), typeList(schemaChild(sub, "type")), typeList(items["type"])))
	default:
		add(loc.Pos(inst), inst, inst, "%s: %s", where, leaf.Message)
	}
}

// schemaAt resolves an absolute keyword location ("...schema.json#/$defs/x/enum")
// in the schema source, returning the subschema holding the keyword.
func schemaAt(source any, abs string) map[string]any {
	_, frag, _ := strings.Cut(abs, "#")
	if i := strings.LastIndexByte(frag, '/'); i >= 0 {
		frag = frag[:i]
	}
	m, _ := pointerValue(source, frag).(map[string]any)
	return m
}

func schemaChild(m map[string]any, key string) any { return m[key] }

// pointerValue follows an RFC 6901 pointer through a JSON value.
func pointerValue(v any, ptr string) any {
	if ptr == "" {
		return v
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func sortedKeys(v any) []string {
	m, _ := v.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// typeList reads a schema's "type", a name or a list of names.
func typeList(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	return stringList(v)
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// enumChoices lists an enum once per spelling. Where the schema lists each
// value in upper and lower case (Meta's create API takes both), it says so:
// UTILITY and utility are accepted, Utility is not.
func enumChoices(values []string) string {
	var out []string
	for _, v := range values {
		if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, v) }) {
			out = append(out, v)
		}
	}
	if len(out) > 12 {
		return fmt.Sprintf("one of the %d values the schema lists, such as %s", len(out), strings.Join(out[:3], ", "))
	}
	list := "one of " + strings.Join(out, ", ")
	if len(values) == 2*len(out) && len(out) > 0 && strings.ToLower(out[0]) != out[0] {
		list += " (in upper or lower case)"
	}
	return list
}

// secretKeys are keys people put in waform.yaml hoping to give the API key.
var secretKeys = map[string]bool{
	"api_key": true, "apikey": true, "key": true, "token": true, "access_token": true,
	"kapso_api_key": true, "meta_access_token": true, "secret": true, "password": true,
}

func unknownKey(kind Kind, key, where string, allowed []string) string {
	if kind == ConfigKind && (secretKeys[strings.ToLower(key)] || secretKeys[strings.ToLower(strings.TrimPrefix(key, "api."))]) {
		return fmt.Sprintf("unknown key %q in %s: secrets never go in waform.yaml; they come from the environment: "+
			"KAPSO_API_KEY (provider kapso) or META_ACCESS_TOKEN (provider meta)", key, where)
	}
	if guess := diag.Suggest(key, allowed); guess != "" {
		return fmt.Sprintf("unknown key %q in %s: did you mean %s? Allowed keys are %s", key, where, guess, strings.Join(allowed, ", "))
	}
	return fmt.Sprintf("unknown key %q in %s; allowed keys are %s", key, where, strings.Join(allowed, ", "))
}

// typeHint adds the fix for the type mistakes YAML invites: yes/no where a
// boolean is expected (YAML 1.2 reads them as text), an unquoted number
// where an ID string is expected, and one value where a list of strings
// (items) is expected.
func typeHint(inst string, got any, want, items []string) string {
	key := inst[strings.LastIndexByte(inst, '/')+1:]
	if slices.Contains(want, "array") && slices.Contains(items, "string") {
		switch got.(type) {
		case string, json.Number:
			return fmt.Sprintf("; write a list, even of one: %s: [%q]", key, fmt.Sprint(got))
		}
	}
	switch s := got.(type) {
	case string:
		if !slices.Contains(want, "boolean") {
			return ""
		}
		switch strings.ToLower(s) {
		case "yes", "y", "on", "true":
			return "; write true"
		case "no", "n", "off", "false":
			return "; write false"
		}
	case json.Number:
		if slices.Contains(want, "string") {
			return fmt.Sprintf("; quote it, as YAML reads an unquoted number as a number: %s: \"%s\"", key, s)
		}
	}
	return ""
}

func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}

// describe names an instance location for messages: "components[1].buttons[0]".
func describe(kind Kind, ptr string) string {
	if ptr == "" {
		return kind.root()
	}
	var b strings.Builder
	for _, tok := range strings.Split(ptr[1:], "/") {
		if tok != "" && strings.Trim(tok, "0123456789") == "" {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~"))
	}
	return b.String()
}
