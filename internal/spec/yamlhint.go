package spec

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/waform/waform/internal/diag"
)

// yaml.v3's syntax errors name the parser's state, often on a line before
// the mistake ("did not find expected key" on the components: line). The
// hints below look at the text itself for the mistakes people make writing
// templates by hand and say what to change, where.

// plainValue matches "key: value" or "- key: value" with an unquoted value:
// group 1 is everything before the value.
var plainValue = regexp.MustCompile(`^(\s*(?:-\s+)*[A-Za-z_][\w-]*:[ \t]+)([^"'\s|>&*!].*)$`)

// syntaxHint returns a diagnostic naming the mistake behind a syntax error
// yaml.v3 reported at line errLine (1-based, 0 when unknown), or false when
// no known mistake is found.
func syntaxHint(file string, data []byte, errLine int) (diag.Diagnostic, bool) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	at := func(i, col int) diag.Pos { return diag.Pos{File: file, Line: i + 1, Column: col} }
	quoted := continuations(lines)
	// A tab in the indentation is an error wherever it is (but in the text
	// of a block or quoted value), so the first one is the one to fix.
	for i, l := range lines {
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 && strings.TrimSpace(l) != "" && !quoted[i] {
			return diag.Errorf(at(i, j+1), RuleYAMLSyntax,
				"a tab indents this line; YAML indents with spaces only: replace the tab with spaces"), true
		}
	}
	for i, l := range lines {
		if quoted[i] {
			continue // part of a value begun above
		}
		if m := anyValue.FindStringSubmatch(l); m != nil && !strings.HasPrefix(m[2], "{{") {
			if d, ok := indicatorHint(at(i, len(m[1])+1), m[1], strings.TrimRight(m[2], " \t")); ok {
				return d, true
			}
		}
		m := plainValue.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		value, col := m[2], len(m[1])+1
		if strings.HasPrefix(value, "{{") {
			return unquotedBraces(at(i, col), m[1], value), true
		}
		// The error is reported on this line or the next; a ": " earlier
		// in the file parsed (as a nested mapping) and is left to the schema.
		if errLine != i+1 && errLine != i+2 {
			continue
		}
		what, j := `holds ": "`, strings.Index(value, ": ")
		if trimmed := strings.TrimRight(value, " \t"); j < 0 && strings.HasSuffix(trimmed, ":") {
			what, j, value = `ends with ":"`, len(trimmed)-1, trimmed
		}
		if j >= 0 {
			return diag.Errorf(at(i, col+j), RuleYAMLSyntax,
				`this value %s, which YAML reads as the start of another key: put the whole value in double quotes: %s"%s"`,
				what, strings.TrimLeft(m[1], " -"), escapeQuoted(value)), true
		}
	}
	if pos, msg, ok := listIndentHint(lines); ok {
		pos.File = file
		return diag.Errorf(pos, RuleYAMLSyntax, "%s", msg), true
	}
	if pos, msg, ok := keyIndentHint(lines); ok {
		pos.File = file
		return diag.Errorf(pos, RuleYAMLSyntax, "%s", msg), true
	}
	for i, l := range lines {
		if m := noSpaceKey.FindStringSubmatch(l); m != nil && !quoted[i] && (errLine == i+1 || errLine == i+2) {
			return diag.Errorf(at(i, len(m[1])+len(m[2])+1), RuleYAMLSyntax,
				"YAML needs a space after the colon of a key: write %s: %s", m[2], m[3]), true
		}
	}
	// Last, as a quoted value may span lines: one that never closes ends
	// the file inside it, or pairs with the next value's opening quote.
	for i, l := range lines {
		if m := anyValue.FindStringSubmatch(l); m != nil && !quoted[i] && (m[2][0] == '"' || m[2][0] == '\'') && quotedEnd(m[2]) < 0 &&
			!closedBelow(lines[i+1:], m[2][0]) {
			return diag.Errorf(at(i, len(m[1])+1), RuleYAMLSyntax,
				"the quote that opens this value is not closed on its line, so YAML reads the lines below as part of it: close it at the end of the text"), true
		}
	}
	return diag.Diagnostic{}, false
}

// noSpaceKey matches "key:value" (no space after the colon), which YAML
// reads as one word rather than a key: group 1 is the indentation and list
// markers, 2 the key, 3 the value. A URL's "//" is not a value.
var noSpaceKey = regexp.MustCompile(`^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):([^\s/].*)$`)

// anyValue matches "key: value" or "- key: value": group 1 is everything
// before the value.
var anyValue = regexp.MustCompile(`^(\s*(?:-\s+)*[A-Za-z_][\w-]*:[ \t]+)(\S.*)$`)

// indicatorReadings says how YAML reads a value starting with a character
// that cannot start plain text, as WhatsApp's *bold* and ```monospace``` do.
var indicatorReadings = map[byte]string{
	'*': "an alias", '[': "a list", '{': "a mapping", '@': "reserves", '`': "reserves", '%': "a directive",
	'|': "the start of a block of lines below it", '>': "the start of a block of lines below it",
}

// indicatorHint explains a value that is not the text it looks like: one
// starting with a YAML indicator (other than a flow collection or block
// scalar that ends where it should), or a quoted part followed by more text.
// A value that is well-formed YAML gets no hint.
func indicatorHint(pos diag.Pos, key, value string) (diag.Diagnostic, bool) {
	key = strings.TrimLeft(key, " -")
	quoteIt := fmt.Sprintf(`put the whole value in double quotes: %s"%s"`, key, escapeQuoted(value))
	switch c := value[0]; c {
	case '"', '\'':
		end := quotedEnd(value)
		if end < 0 || followedByNothing(value[end+1:]) {
			return diag.Diagnostic{}, false
		}
		return diag.Errorf(pos, RuleYAMLSyntax,
			`the quotes of this value end at column %d and text follows them: put the whole value in double quotes, writing \" for a quote inside: %s"%s"`,
			pos.Column+end, key, requoted(value)), true
	case '[', '{':
		end := flowEnd(value)
		if end < 0 || followedByNothing(value[end+1:]) {
			return diag.Diagnostic{}, false
		}
	case '|', '>':
		if followedByNothing(strings.TrimLeft(value[1:], "+-0123456789")) {
			return diag.Diagnostic{}, false
		}
	case '-', '?':
		if len(value) > 1 && value[1] != ' ' {
			return diag.Diagnostic{}, false
		}
		reading := "a list item"
		if c == '?' {
			reading = "a mapping key"
		}
		return diag.Errorf(pos, RuleYAMLSyntax, "this value starts with %q, which YAML reads as %s, not text: %s", string(c), reading, quoteIt), true
	default:
		if _, ok := indicatorReadings[c]; !ok {
			return diag.Diagnostic{}, false
		}
	}
	reading := indicatorReadings[value[0]]
	if reading != "reserves" {
		reading = "reads as " + reading
	}
	return diag.Errorf(pos, RuleYAMLSyntax, "this value starts with %q, which YAML %s, not text: %s", value[:1], reading, quoteIt), true
}

// requoted is the inside of the double-quoted value meant by value, which
// quotes cut short: when it starts and ends with the same quote, those are
// the intended delimiters and only the quotes inside need escaping (a
// doubled quote inside single quotes is an apostrophe); otherwise every
// character is text.
func requoted(value string) string {
	q := value[0]
	if len(value) < 2 || value[len(value)-1] != q {
		return escapeQuoted(value)
	}
	inner := value[1 : len(value)-1]
	if q == '\'' {
		return escapeQuoted(strings.ReplaceAll(inner, "''", "'"))
	}
	var b strings.Builder
	for i := 0; i < len(inner); i++ {
		switch {
		case inner[i] == '\\' && i+1 < len(inner):
			b.WriteString(inner[i : i+2]) // already an escape
			i++
		case inner[i] == '"':
			b.WriteString(`\"`)
		default:
			b.WriteByte(inner[i])
		}
	}
	return b.String()
}

// closedBelow reports whether a value quoted with q that continues past its
// line closes on a line below as a multi-line value does, rather than at
// the opening quote of another key's value (or never).
func closedBelow(lines []string, q byte) bool {
	for _, l := range lines {
		if m := anyValue.FindStringSubmatch(l); m != nil && m[2][0] == q && quotedEnd(string(q)+m[1]) < 0 {
			return false // the first quote on the line opens another value
		}
		if quotedEnd(string(q)+l) >= 0 {
			return true
		}
	}
	return false
}

// quotedEnd is the index of the quote closing the quoted scalar value
// starts with, or -1 when it does not close on this line.
func quotedEnd(value string) int {
	q := value[0]
	for i := 1; i < len(value); i++ {
		switch {
		case q == '"' && value[i] == '\\':
			i++
		case value[i] == q && q == '\'' && i+1 < len(value) && value[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case value[i] == q:
			return i
		}
	}
	return -1
}

// flowEnd is the index of the bracket closing the flow collection value
// starts with, or -1 when it does not close on this line.
func flowEnd(value string) int {
	depth := 0
	for i := 0; i < len(value); i++ {
		switch value[i] {
		case '"', '\'':
			end := quotedEnd(value[i:])
			if end < 0 {
				return -1
			}
			i += end
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// followedByNothing reports whether rest, what follows a complete value on
// its line, is empty or a comment.
func followedByNothing(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	return rest == "" || rest[0] == '#'
}

// unquotedBraces explains a value starting with {{, which YAML reads as a
// mapping inside a mapping.
func unquotedBraces(pos diag.Pos, key, value string) diag.Diagnostic {
	value = strings.TrimSpace(value)
	return diag.Errorf(pos, RuleYAMLSyntax,
		`this value starts with {{, which YAML reads as a mapping: quote it: %s"%s"`,
		strings.TrimLeft(key, " -"), escapeQuoted(value))
}

func escapeQuoted(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}
