package validate

import (
	"strings"
	"unicode"
)

// checkBodyVariables applies the body-only rules: no variable at either end
// (top-level body only), none adjacent, not too many for the length.
func (c *checker) checkBodyVariables(text string, vars []variable, textPtr string, topLevel bool) {
	if topLevel {
		c.checkBodyEdges(text, vars, textPtr)
	}
	for i := 1; i < len(vars); i++ {
		if strings.TrimSpace(text[vars[i-1].end:vars[i].start]) == "" {
			c.report(textPtr, "variable-adjacent", "{{%s}} and {{%s}} have no text between them; put words between variables",
				vars[i-1].name, vars[i].name)
			break
		}
	}
	if words, need := fixedWords(text, vars), 2*len(vars)+1; words < need {
		c.report(textPtr, "variable-density",
			"body has %d variable%s and %d other word%s; Meta rejects too many variables for the length (a rule of thumb is %d words for %d variable%s): add %d word%s or remove variables",
			len(vars), plural(len(vars)), words, plural(words), need, len(vars), plural(len(vars)), need-words, plural(need-words))
	}
}

// checkBodyEdges reports a body that starts or ends with a variable
// (2388299). A bare variable at either end is an error. One separated from
// the end only by punctuation or formatting ("... is {{order_number}}.") is
// a warning: a third-party validator reports Meta rejecting it, but Meta's
// own template overview prints exactly that shape as a working example and
// real accounts hold APPROVED templates with it (TEMPLATE-RULES §5.6).
func (c *checker) checkBodyEdges(text string, vars []variable, textPtr string) {
	first, last := vars[0], vars[len(vars)-1]
	lead := len(text) - len(strings.TrimLeftFunc(text, isEdgeFiller))
	trail := len(strings.TrimRightFunc(text, isEdgeFiller))
	const why = "Meta rejects a body that starts or ends with a variable (2388299)"
	switch {
	case first.start == len(text)-len(strings.TrimLeftFunc(text, unicode.IsSpace)):
		c.report(textPtr, "body-variable-edge", "body starts with {{%s}}; %s: add words before it", first.name, why)
	case last.end == len(strings.TrimRightFunc(text, unicode.IsSpace)):
		c.report(textPtr, "body-variable-edge", "body ends with {{%s}}; %s: add words after it", last.name, why)
	case first.start == lead:
		c.report(textPtr, "body-variable-edge-punctuation",
			"body starts with {{%s}} after only punctuation; Meta has approved this shape and rejected it: add words before it to be safe", first.name)
	case last.end == trail:
		c.report(textPtr, "body-variable-edge-punctuation",
			"body ends with {{%s}} followed only by punctuation; Meta's overview shows this shape as valid, but it was reported rejected (2388299): add words after it to be safe", last.name)
	}
}

// isEdgeFiller is what does not count as text at the ends of a body:
// spaces, punctuation and WhatsApp's formatting marks. Braces are not,
// since they belong to the variable.
func isEdgeFiller(r rune) bool {
	if r == '{' || r == '}' {
		return false
	}
	return unicode.IsSpace(r) || unicode.IsPunct(r) || r == '~' || r == '`'
}

// fixedWords counts the words outside variables: space-separated tokens
// with at least one letter or digit.
func fixedWords(text string, vars []variable) int {
	words, prev := 0, 0
	for i := 0; i <= len(vars); i++ {
		stop := len(text)
		if i < len(vars) {
			stop = vars[i].start
		}
		for _, tok := range strings.Fields(text[prev:stop]) {
			if strings.IndexFunc(tok, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				words++
			}
		}
		if i < len(vars) {
			prev = vars[i].end
		}
	}
	return words
}
