package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// fastSchema answers only "valid or not" for a JSON value, built at init
// from the same embedded schema file jsonschema compiles. Check runs it
// first: on a valid document (the common case) it is all that runs, and
// jsonschema/v5, which builds an error value for every failing "if" branch,
// runs only to explain a document that fails, so messages come from one
// place. TestFastAgrees keeps the two in step on every fixture.
type fastSchema struct {
	types    []string // "object", "string", ... ; empty: any
	props    map[string]*fastSchema
	propList []namedSchema // props, sorted by name
	addl     *fastSchema   // additionalProperties as a schema
	noAddl   bool          // additionalProperties: false
	required []string
	enum     []any
	strEnum  map[string]bool // the strings of enum
	hasConst bool
	constant any
	ref      string
	refTo    *fastSchema
	ifS      *fastSchema
	thenS    *fastSchema
	elseS    *fastSchema
	allOf    []*fastSchema
	anyOf    []*fastSchema
	oneOf    []*fastSchema
	not      *fastSchema
	items    *fastSchema
	minItems int
	maxItems int // -1: no limit
	minLen   int
	maxLen   int // -1: no limit
	pattern  *regexp.Regexp
	minimum  *big.Rat
	maximum  *big.Rat
	exclMin  *big.Rat
	exclMax  *big.Rat
	unique   bool
	minProps int
	maxProps int // -1: no limit
	patProps []patternProp
	names    *fastSchema // propertyNames
	never    bool        // the schema false
}

type namedSchema struct {
	name string
	s    *fastSchema
}

type patternProp struct {
	re *regexp.Regexp
	s  *fastSchema
}

// annotations are keywords that never change whether a value is valid.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$comment": true, "$defs": true, "title": true,
	"description": true, "examples": true, "default": true, "deprecated": true,
	"readOnly": true, "writeOnly": true, "format": true,
}

// buildFast compiles a schema source for fastSchema, or fails naming the
// keyword it does not implement (then Check always runs jsonschema).
func buildFast(src []byte) (*fastSchema, error) {
	var root any
	dec := json.NewDecoder(strings.NewReader(string(src)))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	b := &fastBuilder{root: root, refs: map[string]*fastSchema{}}
	s, err := b.build(root, "#")
	if err != nil {
		return nil, err
	}
	// Definitions refer to further definitions: resolve until none is new.
	resolved := map[string]bool{}
	for len(resolved) < len(b.refs) {
		for _, ptr := range slices.Sorted(maps.Keys(b.refs)) {
			if resolved[ptr] {
				continue
			}
			resolved[ptr] = true
			node := pointerValue(root, strings.TrimPrefix(ptr, "#"))
			if node == nil {
				return nil, fmt.Errorf("$ref %s: no such definition", ptr)
			}
			built, err := b.build(node, ptr)
			if err != nil {
				return nil, err
			}
			*b.refs[ptr] = *built
		}
	}
	return s, nil
}

type fastBuilder struct {
	root any
	refs map[string]*fastSchema // "#/$defs/x" → its schema, filled after the walk
}

func (b *fastBuilder) build(node any, at string) (*fastSchema, error) {
	s := &fastSchema{maxItems: -1, maxLen: -1, maxProps: -1}
	switch n := node.(type) {
	case bool:
		s.never = !n
		return s, nil
	case map[string]any:
		for k, v := range n {
			if err := b.keyword(s, k, v, at); err != nil {
				return nil, err
			}
		}
		return s, nil
	}
	return nil, fmt.Errorf("%s: a schema must be an object or a boolean", at)
}

func (b *fastBuilder) keyword(s *fastSchema, k string, v any, at string) error {
	if annotations[k] {
		return nil
	}
	sub := func(name string, node any) (*fastSchema, error) { return b.build(node, at+"/"+name) }
	var err error
	switch k {
	case "type":
		switch t := v.(type) {
		case string:
			s.types = []string{t}
		case []any:
			s.types = stringList(t)
		}
	case "properties":
		m, _ := v.(map[string]any)
		s.props = make(map[string]*fastSchema, len(m))
		for name, p := range m {
			if s.props[name], err = sub(k+"/"+name, p); err != nil {
				return err
			}
			s.propList = append(s.propList, namedSchema{name, s.props[name]})
		}
		slices.SortFunc(s.propList, func(a, b namedSchema) int { return strings.Compare(a.name, b.name) })
	case "additionalProperties":
		if flag, ok := v.(bool); ok {
			s.noAddl = !flag
			return nil
		}
		s.addl, err = sub(k, v)
	case "required":
		s.required = stringList(v)
	case "enum":
		s.enum, _ = v.([]any)
		s.strEnum = map[string]bool{}
		for _, e := range s.enum {
			if str, ok := e.(string); ok {
				s.strEnum[str] = true
			}
		}
	case "const":
		s.hasConst, s.constant = true, v
	case "$ref":
		ref, _ := v.(string)
		if !strings.HasPrefix(ref, "#") {
			return fmt.Errorf("%s: $ref %q is not local", at, ref)
		}
		s.ref = ref
		if b.refs[ref] == nil {
			b.refs[ref] = &fastSchema{}
		}
		s.refTo = b.refs[ref]
	case "if":
		s.ifS, err = sub(k, v)
	case "then":
		s.thenS, err = sub(k, v)
	case "else":
		s.elseS, err = sub(k, v)
	case "allOf", "anyOf", "oneOf":
		list, _ := v.([]any)
		out := make([]*fastSchema, len(list))
		for i, item := range list {
			if out[i], err = sub(k+"/"+strconv.Itoa(i), item); err != nil {
				return err
			}
		}
		switch k {
		case "allOf":
			s.allOf = out
		case "anyOf":
			s.anyOf = out
		default:
			s.oneOf = out
		}
	case "not":
		s.not, err = sub(k, v)
	case "items":
		s.items, err = sub(k, v)
	case "uniqueItems":
		s.unique, _ = v.(bool)
	case "patternProperties":
		m, _ := v.(map[string]any)
		for _, pat := range slices.Sorted(maps.Keys(m)) {
			re, err := regexp.Compile(pat)
			if err != nil {
				return fmt.Errorf("%s/%s: %v", at, k, err)
			}
			ps, err := sub(k+"/"+pat, m[pat])
			if err != nil {
				return err
			}
			s.patProps = append(s.patProps, patternProp{re, ps})
		}
	case "propertyNames":
		s.names, err = sub(k, v)
	case "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties":
		n, perr := strconv.Atoi(fmt.Sprint(v))
		if perr != nil {
			return fmt.Errorf("%s/%s: %v", at, k, perr)
		}
		switch k {
		case "minItems":
			s.minItems = n
		case "maxItems":
			s.maxItems = n
		case "minLength":
			s.minLen = n
		case "maxLength":
			s.maxLen = n
		case "minProperties":
			s.minProps = n
		default:
			s.maxProps = n
		}
	case "pattern":
		p, _ := v.(string)
		s.pattern, err = regexp.Compile(p)
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		r, ok := new(big.Rat).SetString(fmt.Sprint(v))
		if !ok {
			return fmt.Errorf("%s/%s: not a number", at, k)
		}
		switch k {
		case "minimum":
			s.minimum = r
		case "maximum":
			s.maximum = r
		case "exclusiveMinimum":
			s.exclMin = r
		default:
			s.exclMax = r
		}
	default:
		return fmt.Errorf("%s: keyword %q is not implemented by the fast check", at, k)
	}
	return err
}

// valid reports whether v satisfies s.
func (s *fastSchema) valid(v any) bool {
	if s.never {
		return false
	}
	if len(s.types) > 0 && !hasType(v, s.types) {
		return false
	}
	if s.refTo != nil && !s.refTo.valid(v) {
		return false
	}
	if str, ok := v.(string); ok && s.enum != nil {
		if !s.strEnum[str] {
			return false // a string equals only a string
		}
	} else if s.enum != nil && !inEnum(v, s.enum) {
		return false
	}
	if s.hasConst && !jsonEqual(v, s.constant) {
		return false
	}
	switch x := v.(type) {
	case map[string]any:
		if !s.validObject(x) {
			return false
		}
	case []any:
		if len(x) < s.minItems || (s.maxItems >= 0 && len(x) > s.maxItems) {
			return false
		}
		if s.items != nil {
			for _, item := range x {
				if !s.items.valid(item) {
					return false
				}
			}
		}
		if s.unique {
			for i := range x {
				for j := range i {
					if jsonEqual(x[i], x[j]) {
						return false
					}
				}
			}
		}
	case string:
		if s.minLen > 0 || s.maxLen >= 0 {
			n := utf8.RuneCountInString(x)
			if n < s.minLen || (s.maxLen >= 0 && n > s.maxLen) {
				return false
			}
		}
		if s.pattern != nil && !s.pattern.MatchString(x) {
			return false
		}
	case json.Number, float64:
		if (s.minimum != nil || s.maximum != nil || s.exclMin != nil || s.exclMax != nil) && !s.inRange(x) {
			return false
		}
	}
	if s.ifS != nil {
		if s.ifS.valid(v) {
			if s.thenS != nil && !s.thenS.valid(v) {
				return false
			}
		} else if s.elseS != nil && !s.elseS.valid(v) {
			return false
		}
	}
	for _, sub := range s.allOf {
		if !sub.valid(v) {
			return false
		}
	}
	if s.anyOf != nil && !countValid(s.anyOf, v, func(n int) bool { return n > 0 }) {
		return false
	}
	if s.oneOf != nil && !countValid(s.oneOf, v, func(n int) bool { return n == 1 }) {
		return false
	}
	return s.not == nil || !s.not.valid(v)
}

func (s *fastSchema) validObject(m map[string]any) bool {
	for _, key := range s.required {
		if _, ok := m[key]; !ok {
			return false
		}
	}
	if len(m) < s.minProps || (s.maxProps >= 0 && len(m) > s.maxProps) {
		return false
	}
	if s.names == nil && s.patProps == nil && s.addl == nil && len(s.propList) <= lookupsPerKey*len(m) {
		// Keys outside properties are then only refused or allowed, so a
		// lookup per property (cheaper than ranging over a map) tells all:
		// the value has another key when fewer than all of its keys are
		// properties.
		found := 0
		for _, p := range s.propList {
			if val, ok := m[p.name]; ok {
				found++
				if !p.s.valid(val) {
					return false
				}
			}
		}
		return !s.noAddl || found == len(m)
	}
	for key, val := range m {
		if s.names != nil && !s.names.valid(key) {
			return false
		}
		p, known := s.props[key]
		if known && !p.valid(val) {
			return false
		}
		for _, pp := range s.patProps {
			if pp.re.MatchString(key) {
				known = true
				if !pp.s.valid(val) {
					return false
				}
			}
		}
		if !known && (s.noAddl || (s.addl != nil && !s.addl.valid(val))) {
			return false
		}
	}
	return true
}

// lookupsPerKey bounds when validObject looks properties up rather than
// ranging over the value's keys: past it, the lookups of properties the
// value lacks cost more than the range.
const lookupsPerKey = 4

func countValid(list []*fastSchema, v any, ok func(int) bool) bool {
	n := 0
	for _, sub := range list {
		if sub.valid(v) {
			n++
		}
	}
	return ok(n)
}

func (s *fastSchema) inRange(v any) bool {
	r, ok := rat(v)
	if !ok {
		return false
	}
	return (s.minimum == nil || r.Cmp(s.minimum) >= 0) && (s.maximum == nil || r.Cmp(s.maximum) <= 0) &&
		(s.exclMin == nil || r.Cmp(s.exclMin) > 0) && (s.exclMax == nil || r.Cmp(s.exclMax) < 0)
}

func rat(v any) (*big.Rat, bool) {
	switch x := v.(type) {
	case json.Number:
		return new(big.Rat).SetString(string(x))
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, false
		}
		return new(big.Rat).SetFloat64(x), true
	}
	return nil, false
}

func hasType(v any, types []string) bool {
	for _, t := range types {
		switch t {
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		case "number":
			if _, ok := rat(v); ok {
				return true
			}
		case "integer":
			if r, ok := rat(v); ok && r.IsInt() {
				return true
			}
		}
	}
	return false
}

func inEnum(v any, enum []any) bool {
	for _, e := range enum {
		if jsonEqual(v, e) {
			return true
		}
	}
	return false
}

// jsonEqual compares two JSON values as JSON Schema does: numbers by value.
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	case json.Number, float64:
		ra, ok1 := rat(a)
		rb, ok2 := rat(b)
		return ok1 && ok2 && ra.Cmp(rb) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

// The fast checks, built once. A nil check means the schema uses a keyword
// fastSchema does not implement; TestFastBuilds fails then.
var (
	fastTemplate = sync.OnceValues(func() (*fastSchema, error) { return buildFast(Template) })
	fastConfig   = sync.OnceValues(func() (*fastSchema, error) { return buildFast(Config) })
)

func (k Kind) fast() *fastSchema {
	f, err := fastTemplate()
	if k == ConfigKind {
		f, err = fastConfig()
	}
	if err != nil {
		return nil
	}
	return f
}
