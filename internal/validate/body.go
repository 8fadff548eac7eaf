package validate

import (
	"strings"
	"unicode"
)

// checkBodyVariables applies the body-only rules: no variable at either end
// (top-level body only), none adjacent, not too many for the length.
func (c *checker) checkBodyVariables(text string, vars []variable, textPtr string, topLevel bool) {
	if topLevel {
		lead := len(text) - len(strings.TrimLeftFunc(text, isEdgeFiller))
		trail := len(strings.TrimRightFunc(text, isEdgeFiller))
		switch {
		case vars[0].start == lead:
			c.report(textPtr, "body-variable-edge", "body starts with {{%s}}; Meta rejects a body that starts or ends with a variable: add words before it", vars[0].name)
		case vars[len(vars)-1].end == trail:
			c.report(textPtr, "body-variable-edge", "body ends with {{%s}} (punctuation after it does not count); Meta rejects a body that starts or ends with a variable: add words after it", vars[len(vars)-1].name)
		}
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
			"body has %d variables and %d other words; Meta rejects too many variables for the length (a rule of thumb is %d words for %d variables): add %d word%s or remove variables",
			len(vars), words, need, len(vars), need-words, plural(need-words))
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
