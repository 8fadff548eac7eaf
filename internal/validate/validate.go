// Package validate checks templates offline: the JSON Schema first (shape,
// types, unknown keys, enum values), then Meta's component rules (lengths,
// counts, variables, examples, category restrictions), each reported with a
// stable rule id, a position and a message that says what to change.
package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/parallel"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/schema"
)

// nowhere locates nothing: a bare JSON payload has no positions, so
// Payload's diagnostics carry none.
type nowhere struct{}

func (nowhere) Pos(string) diag.Pos    { return diag.Pos{} }
func (nowhere) KeyPos(string) diag.Pos { return diag.Pos{} }

// Files loads the template files and folders in paths and checks them. The
// diagnostics cover loading and validation, sorted by file and line. Each
// file is checked as soon as it is parsed, and its documents are returned
// released (spec.Document.Release): Decode gives their templates.
func Files(paths ...string) ([]*spec.Document, []diag.Diagnostic) {
	var mu sync.Mutex
	byDoc := map[*spec.Document]docResult{}
	docs, ds := spec.LoadEach(func(file []*spec.Document) {
		for _, d := range file {
			r := checkDoc(d)
			d.Release()
			mu.Lock()
			byDoc[d] = r
			mu.Unlock()
		}
	}, paths...)
	results := make([]docResult, len(docs))
	for i, d := range docs {
		results[i] = byDoc[d]
	}
	ds = append(ds, finish(docs, results)...)
	diag.Sort(ds)
	return docs, ds
}

// Check validates documents: the schema per document, the component rules on
// documents that passed it, then the rules that span documents (one category
// per name). A document's "# waform:ignore" comments mark its diagnostics
// suppressed. The result is sorted.
func Check(docs []*spec.Document) []diag.Diagnostic {
	all := finish(docs, checkAll(docs))
	diag.Sort(all)
	return all
}

// finish gathers each document's diagnostics and adds those of the rules
// that span documents.
func finish(docs []*spec.Document, results []docResult) []diag.Diagnostic {
	var all []diag.Diagnostic
	checked := make([]checkedDoc, 0, len(docs))
	for i, r := range results {
		if r.ok {
			checked = append(checked, checkedDoc{doc: docs[i], t: r.t})
		}
		all = append(all, r.ds...)
	}
	return append(all, acrossDocuments(checked)...)
}

// Across runs only the rules that span documents (categories and
// translations of one name) on documents already known to pass the schema,
// such as the ones import generates. The result is sorted.
func Across(docs []*spec.Document) []diag.Diagnostic {
	checked := make([]checkedDoc, 0, len(docs))
	for _, d := range docs {
		if t, err := d.Decode(); err == nil {
			checked = append(checked, checkedDoc{doc: d, t: normalized(t)})
		}
	}
	all := acrossDocuments(checked)
	diag.Sort(all)
	return all
}

type docResult struct {
	ds []diag.Diagnostic
	t  template.Template
	ok bool
}

// checkAll checks documents on every CPU: the schema step dominates and
// documents are independent (a compiled schema is safe for concurrent use).
func checkAll(docs []*spec.Document) []docResult {
	results := make([]docResult, len(docs))
	parallel.For(len(docs), func(i int) {
		results[i] = checkDoc(docs[i])
	})
	return results
}

// checkDoc checks one document, marking what its comments suppress.
func checkDoc(d *spec.Document) docResult {
	var r docResult
	r.ds, r.t, r.ok = checkOne(d.Value, d.Decode, d)
	diag.Suppress(r.ds, d.Ignore)
	return r
}

// Payload validates one JSON create-request body, as the emulator receives
// it. Diagnostics have no position; the rule id maps to Meta's error subcode
// through Lookup.
func Payload(body []byte) []diag.Diagnostic {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []diag.Diagnostic{diag.Errorf(diag.Pos{}, schema.Rule, "request body is not valid JSON: %v", err)}
	}
	ds, _, _ := checkOne(v, func() (template.Template, error) { return spec.DecodeValue(v) }, nowhere{})
	diag.Sort(ds)
	return ds
}

type checkedDoc struct {
	doc *spec.Document
	t   template.Template
}

// checkOne runs the schema and the component rules. When the schema finds
// errors, the rules still check the parts of the template it did not
// fault, so one run lists every problem. ok reports whether the template
// passed the schema, decoded, and can join cross-document checks; t is the
// template with its enum values upper-cased. decode decodes value (a
// document decodes once and keeps the result).
func checkOne(value any, decode func() (template.Template, error), loc schema.Locator) (ds []diag.Diagnostic, t template.Template, ok bool) {
	ds, where := schema.CheckWhere(schema.TemplateKind, value, loc)
	ok = !diag.HasErrors(ds)
	if ok {
		var err error
		if t, err = decode(); err != nil {
			return append(ds, diag.Errorf(loc.Pos(""), "decode", "template does not fit waform's model: %v", err)), t, false
		}
	} else {
		t = spec.DecodePartial(value)
	}
	t = normalized(t)
	c := &checker{t: &t, loc: loc, broken: brokenParts(where)}
	for _, rule := range templateRules {
		rule(c)
	}
	return append(ds, c.ds...), t, ok
}

// brokenParts widens the schema's error locations to the parts the rules
// must leave alone: the whole component (or top-level key) holding an
// error, since a rule reading a half-decoded component would only restate
// the schema's finding, or invent one.
func brokenParts(where []string) []string {
	parts := make([]string, 0, len(where))
	for _, ptr := range where {
		tokens := strings.SplitN(ptr, "/", 4) // "", "components", "N", rest
		switch {
		case len(tokens) >= 3 && tokens[1] == "components":
			ptr = "/components/" + tokens[2]
		case len(tokens) >= 2:
			ptr = "/" + tokens[1]
		}
		parts = append(parts, ptr)
	}
	return parts
}

// inBroken reports whether a finding at ptr touches a broken part: lies
// inside it, or is about something containing it (the whole template, the
// component list), which the broken part may be why.
func (c *checker) inBroken(ptr string) bool {
	for _, part := range c.broken {
		if ptr == part || part == "" || ptr == "" ||
			strings.HasPrefix(ptr, part+"/") || strings.HasPrefix(part, ptr+"/") {
			return true
		}
	}
	return false
}

// templateRules run in order on every template that passed the schema.
var templateRules = []func(*checker){
	checkStructure,
	checkLengths,
	checkVariables,
	checkButtons,
	checkCategories,
	checkAuthentication,
	checkCarousel,
	checkTopLevel,
	checkPromotional,
	checkMediaFiles,
}

// checker carries one template through the rules and collects what they
// report.
type checker struct {
	t      *template.Template
	loc    schema.Locator
	ds     []diag.Diagnostic
	broken []string // parts the schema faulted: see brokenParts

	components []visited // every component, listed by eachComponent's first call
}

// report adds a diagnostic at the value ptr points to, with the severity the
// rule table gives the rule.
func (c *checker) report(ptr, rule, format string, args ...any) {
	if !c.inBroken(ptr) {
		c.add(c.loc.Pos(ptr), rule, format, args...)
	}
}

// reportKey adds a diagnostic at the key naming the value ptr points to.
func (c *checker) reportKey(ptr, rule, format string, args ...any) {
	if !c.inBroken(ptr) {
		c.add(c.loc.KeyPos(ptr), rule, format, args...)
	}
}

func (c *checker) add(pos diag.Pos, rule, format string, args ...any) {
	sev := diag.Error
	if r, ok := ruleIndex[rule]; ok {
		sev = r.Severity
	}
	c.ds = append(c.ds, diag.Diagnostic{Pos: pos, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// normalized returns t with the enum values Meta accepts in either case
// upper-cased, so the rules compare one spelling. t is left as it is (a
// decoded document's template is shared): slices are copied only where a
// value changes.
func normalized(t template.Template) template.Template {
	t.Category = strings.ToUpper(t.Category)
	t.ParameterFormat = strings.ToUpper(t.ParameterFormat)
	t.Components = normalizedComponents(t.Components)
	return t
}

func normalizedComponents(cs []template.Component) []template.Component {
	out := cs
	copied := false
	set := func(i int, c template.Component) {
		if !copied {
			out, copied = slices.Clone(cs), true
		}
		out[i] = c
	}
	for i, c := range cs {
		n := c
		n.Type, n.Format = strings.ToUpper(c.Type), strings.ToUpper(c.Format)
		n.Buttons = normalizedButtons(c.Buttons)
		n.Cards = normalizedCards(c.Cards)
		if n.Type != c.Type || n.Format != c.Format || !sameSlice(n.Buttons, c.Buttons) || !sameSlice(n.Cards, c.Cards) {
			set(i, n)
		}
	}
	return out
}

func normalizedButtons(bs []template.Button) []template.Button {
	out := bs
	for i, b := range bs {
		typ, otp := strings.ToUpper(b.Type), strings.ToUpper(b.OTPType)
		if typ == b.Type && otp == b.OTPType {
			continue
		}
		if sameSlice(out, bs) {
			out = slices.Clone(bs)
		}
		out[i].Type, out[i].OTPType = typ, otp
	}
	return out
}

func normalizedCards(cards []template.Card) []template.Card {
	out := cards
	for i, card := range cards {
		cs := normalizedComponents(card.Components)
		if sameSlice(cs, card.Components) {
			continue
		}
		if sameSlice(out, cards) {
			out = slices.Clone(cards)
		}
		out[i].Components = cs
	}
	return out
}

// sameSlice reports whether a and b share their backing array and length.
func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// acrossDocuments runs the rules that compare the languages of a name.
func acrossDocuments(docs []checkedDoc) []diag.Diagnostic {
	// firstOf[i] is the index of the first document named as docs[i].
	firstOf := make([]int, len(docs))
	first := make(map[string]int, len(docs))
	for i, d := range docs {
		at, seen := first[d.t.Name]
		if !seen {
			at = i
			first[d.t.Name] = i
		}
		firstOf[i] = at
	}
	return append(crossDocument(docs, firstOf), checkTranslations(docs, firstOf)...)
}

// crossDocument checks what no single document shows: languages of one
// name that differ in category, compared with the first document read. It
// is a warning, never an error: Meta recategorises each language on its own
// (a real account holds sample_issue_resolution as UTILITY in en_US and
// MARKETING in es), so files mirroring an account must validate; only a new
// language with another category is refused, which plan cannot tell apart
// offline.
func crossDocument(docs []checkedDoc, firstOf []int) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for i, d := range docs {
		prev := docs[firstOf[i]]
		if firstOf[i] == i || d.t.Category == prev.t.Category {
			continue
		}
		one := []diag.Diagnostic{diag.Warnf(d.doc.Pos("/category"), "category-consistency",
			"%s is %s but %s (%s) is %s: Meta recategorises languages one by one, so an account may hold this, "+
				"but it refuses a new language whose category differs from the existing ones; use %s for a new language",
			d.t.Key(), d.t.Category, prev.t.Key(), prev.doc.Pos("/category"), prev.t.Category, prev.t.Category)}
		diag.Suppress(one, d.doc.Ignore)
		ds = append(ds, one...)
	}
	return ds
}
