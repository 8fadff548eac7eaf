// Package validate checks templates offline: the JSON Schema first (shape,
// types, unknown keys, enum values), then Meta's component rules (lengths,
// counts, variables, examples, category restrictions), each reported with a
// stable rule id, a position and a message that says what to change.
package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/waform/waform/internal/diag"
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
// diagnostics cover loading and validation, sorted by file and line.
func Files(paths ...string) ([]*spec.Document, []diag.Diagnostic) {
	docs, ds := spec.Load(paths...)
	ds = append(ds, Check(docs)...)
	diag.Sort(ds)
	return docs, ds
}

// Check validates documents: the schema per document, the component rules on
// documents that passed it, then the rules that span documents (one category
// per name). A document's "# waform:ignore" comments mark its diagnostics
// suppressed. The result is sorted.
func Check(docs []*spec.Document) []diag.Diagnostic {
	results := checkAll(docs)
	var all []diag.Diagnostic
	checked := make([]checkedDoc, 0, len(docs))
	for i, r := range results {
		if r.ok {
			checked = append(checked, checkedDoc{doc: docs[i], t: r.t})
		}
		all = append(all, r.ds...)
	}
	all = append(all, crossDocument(checked)...)
	all = append(all, checkTranslations(checked)...)
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
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(docs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(docs) {
					return
				}
				r := &results[i]
				r.ds, r.t, r.ok = checkOne(docs[i].Value, docs[i])
				diag.Suppress(r.ds, docs[i].Ignore)
			}
		})
	}
	wg.Wait()
	return results
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
	ds, _, _ := checkOne(v, nowhere{})
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
// passed the schema, decoded, and can join cross-document checks.
func checkOne(value any, loc schema.Locator) (ds []diag.Diagnostic, t template.Template, ok bool) {
	ds, where := schema.CheckWhere(schema.TemplateKind, value, loc)
	ok = !diag.HasErrors(ds)
	if ok {
		var err error
		if t, err = spec.DecodeValue(value); err != nil {
			return append(ds, diag.Errorf(loc.Pos(""), "decode", "template does not fit waform's model: %v", err)), t, false
		}
	} else {
		t = spec.DecodePartial(value)
	}
	normalize(&t)
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

// normalize upper-cases the enum values Meta accepts in either case, so the
// rules compare one spelling.
func normalize(t *template.Template) {
	t.Category = strings.ToUpper(t.Category)
	t.ParameterFormat = strings.ToUpper(t.ParameterFormat)
	normalizeComponents(t.Components)
}

func normalizeComponents(cs []template.Component) {
	for i := range cs {
		c := &cs[i]
		c.Type = strings.ToUpper(c.Type)
		c.Format = strings.ToUpper(c.Format)
		for j := range c.Buttons {
			c.Buttons[j].Type = strings.ToUpper(c.Buttons[j].Type)
			c.Buttons[j].OTPType = strings.ToUpper(c.Buttons[j].OTPType)
		}
		for j := range c.Cards {
			normalizeComponents(c.Cards[j].Components)
		}
	}
}

// crossDocument checks what no single document shows: languages of one
// name that differ in category, compared with the first document read. It
// is a warning, never an error: Meta recategorises each language on its own
// (a real account holds sample_issue_resolution as UTILITY in en_US and
// MARKETING in es), so files mirroring an account must validate; only a new
// language with another category is refused, which plan cannot tell apart
// offline.
func crossDocument(docs []checkedDoc) []diag.Diagnostic {
	var ds []diag.Diagnostic
	first := map[string]checkedDoc{}
	for _, d := range docs {
		prev, seen := first[d.t.Name]
		if !seen {
			first[d.t.Name] = d
			continue
		}
		if d.t.Category == prev.t.Category {
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
