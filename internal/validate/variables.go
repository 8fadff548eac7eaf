package validate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/template"
)

// variable is one {{...}} in a text.
type variable struct {
	name       string // what stands between the braces
	start, end int    // byte offsets of "{{" and just past "}}"
}

func (v variable) positional() bool {
	if v.name == "" {
		return false
	}
	for i := 0; i < len(v.name); i++ {
		if v.name[i] < '0' || v.name[i] > '9' {
			return false
		}
	}
	return true
}

// scanVars finds the variables of s. badBraces reports a "{{" with no "}}",
// a stray "}}", or braces inside a variable ("{{{1}}}").
func scanVars(s string) (vars []variable, badBraces bool) {
	pos := 0
	for {
		i := strings.Index(s[pos:], "{{")
		if i < 0 {
			return vars, badBraces || strings.Contains(s[pos:], "}}")
		}
		i += pos
		if strings.Contains(s[pos:i], "}}") {
			badBraces = true
		}
		k := strings.Index(s[i+2:], "}}")
		if k < 0 {
			return vars, true
		}
		end := i + 2 + k + 2
		name := s[i+2 : i+2+k]
		switch {
		case strings.ContainsAny(name, "{}"), end < len(s) && s[end] == '}':
			badBraces = true
		default:
			vars = append(vars, variable{name: name, start: i, end: end})
		}
		pos = end
	}
}

type varStyle int

const (
	styleNone varStyle = iota
	stylePositional
	styleNamed
	styleMixed
)

func styleOf(vars []variable) varStyle {
	s := styleNone
	for _, v := range vars {
		this := styleNamed
		if v.positional() {
			this = stylePositional
		}
		if s != styleNone && s != this {
			return styleMixed
		}
		s = this
	}
	return s
}

// distinctNames lists variable names once each, in order of first use.
func distinctNames(vars []variable) []string {
	var names []string
	for _, v := range vars {
		if !slices.Contains(names, v.name) {
			names = append(names, v.name)
		}
	}
	return names
}

func braced(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{" + n + "}}"
	}
	return strings.Join(out, ", ")
}

// styleSeen remembers where each variable style first appeared, for the
// template-wide rules (no mixing, matches parameter_format).
type styleSeen struct {
	positional, named string // text pointers; "" when not seen
	mixedAt           string // where the second style showed up
	example           string // a named variable, for the message
}

func checkVariables(c *checker) {
	var seen styleSeen
	c.eachComponent(func(comp *template.Component, ptr string, inCard bool) {
		if comp.Text == "" || (comp.Type != template.ComponentHeader && comp.Type != template.ComponentBody && comp.Type != template.ComponentFooter) {
			return
		}
		if c.isAuth() && comp.Type != template.ComponentHeader {
			return // auth-body-text / auth-footer-text already say to remove the text
		}
		textPtr := ptr + "/text"
		vars, bad := scanVars(comp.Text)
		if bad {
			c.report(textPtr, "variable-braces",
				"text has a {{ without a matching }} (or the reverse); write variables as {{1}} or {{name}}")
		}
		if len(vars) == 0 {
			c.checkExamples(comp, ptr, nil, styleNone)
			return
		}
		if comp.Type == template.ComponentFooter {
			c.report(textPtr, "footer-variable", "footer text has %s; footers cannot have variables: move it to the body",
				braced(distinctNames(vars)))
			return
		}
		namesOK := c.checkNames(vars, textPtr)
		if comp.Type == template.ComponentHeader && len(vars) > 1 {
			c.report(textPtr, "header-variable-count", "header text has %d variables; a header may have one: move the others to the body", len(vars))
		}
		style := styleOf(vars)
		if style != styleNamed {
			c.checkSequence(vars, textPtr)
		}
		if namesOK {
			seen.note(style, textPtr, vars)
			if style != styleMixed {
				c.checkExamples(comp, ptr, vars, style)
			}
		}
		if comp.Type == template.ComponentBody {
			c.checkBodyVariables(comp.Text, vars, textPtr, !inCard)
		}
	})
	c.checkStyles(seen)
}

func (s *styleSeen) note(style varStyle, ptr string, vars []variable) {
	if style == styleMixed || style == styleNamed {
		if s.named == "" {
			s.named = ptr
			for _, v := range vars {
				if !v.positional() {
					s.example = v.name
					break
				}
			}
		}
	}
	if style == styleMixed || style == stylePositional {
		if s.positional == "" {
			s.positional = ptr
		}
	}
	if s.mixedAt == "" && s.named != "" && s.positional != "" {
		s.mixedAt = ptr
	}
}

func (c *checker) checkStyles(s styleSeen) {
	format := c.t.ParameterFormat
	switch {
	case s.mixedAt != "":
		c.report(s.mixedAt, "variable-style-mixed",
			"template mixes positional ({{1}}) and named ({{%s}}) variables; use one style throughout", s.example)
	case s.named != "" && format != template.ParameterFormatNamed:
		where := s.named
		if format != "" {
			where = "/parameter_format"
		}
		c.report(where, "parameter-format-mismatch",
			"template uses named variables ({{%s}}) but parameter_format is %s; set parameter_format: NAMED",
			s.example, formatOrDefault(format))
	case s.positional != "" && format == template.ParameterFormatNamed:
		c.report("/parameter_format", "parameter-format-mismatch",
			"template uses positional variables ({{1}}) but parameter_format is NAMED; name the variables or set parameter_format: POSITIONAL")
	}
}

func formatOrDefault(f string) string {
	if f == "" {
		return "POSITIONAL (the default)"
	}
	return f
}

// checkNames reports badly named variables and says whether every name is
// usable (a warning does not count against it).
func (c *checker) checkNames(vars []variable, textPtr string) bool {
	ok := true
	for _, name := range distinctNames(vars) {
		v := variable{name: name}
		switch {
		case strings.ContainsAny(name, "#$%"):
			c.report(textPtr, "variable-special-chars", "{{%s}} contains #, $ or %%; variables cannot: rename it", name)
			ok = false
		case v.positional():
		case !namedPattern(name):
			c.report(textPtr, "named-variable-pattern",
				"{{%s}} is not a valid variable name; use lowercase letters, digits and underscores, starting with a letter (like {{first_name}}) or a number (like {{1}})", name)
			ok = false
		case strings.ContainsAny(name, "0123456789"):
			c.report(textPtr, "named-variable-digits",
				"{{%s}} has digits; Meta documents named variables as lowercase letters and underscores only: consider renaming it", name)
		}
	}
	return ok
}

// namedPattern is ^[a-z_][a-z0-9_]*$, written out to keep the hot path
// free of regexp.
func namedPattern(name string) bool {
	if name == "" || (name[0] >= '0' && name[0] <= '9') {
		return false
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_') {
			return false
		}
	}
	return true
}

// checkSequence reports positional numbers that are not exactly 1..n.
func (c *checker) checkSequence(vars []variable, textPtr string) {
	var nums []int
	var found []string
	for _, name := range distinctNames(vars) {
		if !(variable{name: name}).positional() {
			continue
		}
		n, err := strconv.Atoi(name)
		if err != nil || strconv.Itoa(n) != name {
			c.report(textPtr, "positional-sequence", "{{%s}} is not a plain number; write positional variables as {{1}}, {{2}}, ...", name)
			return
		}
		nums = append(nums, n)
		found = append(found, name)
	}
	sorted := slices.Clone(nums)
	slices.Sort(sorted)
	for i, n := range sorted {
		if n != i+1 {
			want := make([]string, len(sorted))
			for j := range want {
				want[j] = strconv.Itoa(j + 1)
			}
			c.report(textPtr, "positional-sequence",
				"positional variables must be numbered from 1 with no gaps; found %s: use %s", braced(found), braced(want))
			return
		}
	}
}
