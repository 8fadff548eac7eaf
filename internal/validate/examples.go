package validate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/template"
)

// exampleKeys names where a component's text examples live: header_text or
// body_text for positional variables, the *_named_params list for named ones.
type exampleKeys struct {
	positional, named string
	values            []string // the positional example values
	hasPositional     bool
	params            []template.NamedParam
}

func keysFor(comp *template.Component) exampleKeys {
	ex := comp.Example
	if ex == nil {
		ex = &template.Example{}
	}
	if comp.Type == template.ComponentHeader {
		return exampleKeys{positional: "header_text", named: "header_text_named_params",
			values: ex.HeaderText, hasPositional: ex.HeaderText != nil, params: ex.HeaderTextNamedParams}
	}
	k := exampleKeys{positional: "body_text", named: "body_text_named_params",
		hasPositional: ex.BodyText != nil, params: ex.BodyTextNamedParams}
	if len(ex.BodyText) > 0 {
		k.values = ex.BodyText[0]
	}
	return k
}

// checkExamples checks a header's or body's examples against its variables:
// each variable has a value, in the documented shape, and nothing more.
func (c *checker) checkExamples(comp *template.Component, ptr string, vars []variable, style varStyle) {
	if comp.Type == template.ComponentFooter {
		return
	}
	k := keysFor(comp)
	exPtr := ptr + "/example"
	names := distinctNames(vars)
	switch style {
	case styleNone:
		if k.hasPositional {
			c.report(exPtr+"/"+k.positional, "example-extra", "text has no variables; remove example.%s", k.positional)
		}
		if k.params != nil {
			c.report(exPtr+"/"+k.named, "example-extra", "text has no variables; remove example.%s", k.named)
		}
	case stylePositional:
		c.checkPositionalExamples(k, exPtr, ptr+"/text", names)
	case styleNamed:
		c.checkNamedExamples(k, exPtr, ptr+"/text", names)
	}
}

func (c *checker) checkPositionalExamples(k exampleKeys, exPtr, textPtr string, names []string) {
	valuesPtr := exPtr + "/" + k.positional
	switch {
	case !k.hasPositional && k.params != nil:
		c.report(exPtr+"/"+k.named, "example-shape",
			"text uses positional variables; give their examples as example.%s, not %s", k.positional, k.named)
		return
	case !k.hasPositional:
		c.report(textPtr, "example-missing", "text has %s but no example; add example.%s with one value per variable",
			braced(names), k.positional)
		return
	}
	if k.positional == "body_text" {
		valuesPtr += "/0"
	}
	switch n, want := len(k.values), len(names); {
	case n < want:
		c.report(valuesPtr, "example-missing", "%d example value%s for %d variable%s; add a value for %s",
			n, plural(n), want, plural(want), braced(positionalNames(n+1, want)))
	case n > want:
		c.report(valuesPtr+"/"+strconv.Itoa(want), "example-extra", "%d example value%s for %d variable%s; remove the last %d",
			n, plural(n), want, plural(want), n-want)
	}
	for i, v := range k.values {
		if strings.TrimSpace(v) == "" && i < len(names) {
			c.report(valuesPtr+"/"+strconv.Itoa(i), "example-shape", "example value for {{%d}} is empty; give a realistic sample", i+1)
		}
	}
}

func positionalNames(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, strconv.Itoa(i))
	}
	return out
}

func (c *checker) checkNamedExamples(k exampleKeys, exPtr, textPtr string, names []string) {
	paramsPtr := exPtr + "/" + k.named
	switch {
	case k.params == nil && k.hasPositional:
		c.report(exPtr+"/"+k.positional, "example-shape",
			"text uses named variables; give their examples as example.%s ({param_name, example} entries), not %s", k.named, k.positional)
		return
	case k.params == nil:
		c.report(textPtr, "example-missing", "text has %s but no example; add example.%s with a {param_name, example} per variable",
			braced(names), k.named)
		return
	}
	given := map[string]bool{}
	for i, p := range k.params {
		at := paramsPtr + "/" + strconv.Itoa(i)
		switch {
		case given[p.ParamName]:
			c.report(at+"/param_name", "example-shape", "a second example for %q; keep one", p.ParamName)
		case !slices.Contains(names, p.ParamName):
			c.report(at+"/param_name", "example-extra", "example for %q, but the text has no {{%s}}; remove it or fix the name",
				p.ParamName, p.ParamName)
		case strings.TrimSpace(p.Example) == "":
			c.report(at+"/example", "example-shape", "example for %q is empty; give a realistic sample", p.ParamName)
		}
		given[p.ParamName] = true
	}
	var missing []string
	for _, n := range names {
		if !given[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		c.report(paramsPtr, "example-missing", "no example for %s; add {param_name: %s, example: ...}", braced(missing), missing[0])
	}
}
