package validate

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// literalFilter is a cheap necessary condition for a set of regular
// expressions: a text none of whose folded literals occurs in it matches
// none of them, so the expressions (whose unanchored search with Unicode
// classes costs far more) run only on the few texts that pass.
type literalFilter struct {
	lits []string // case-folded; nil: no condition found, everything passes
}

func newLiteralFilter(res ...*regexp.Regexp) literalFilter {
	var all []string
	for _, re := range res {
		parsed, err := syntax.Parse(re.String(), syntax.Perl)
		if err != nil {
			return literalFilter{}
		}
		lits := required(parsed.Simplify())
		if lits == nil {
			return literalFilter{}
		}
		all = append(all, lits...)
	}
	return literalFilter{lits: all}
}

// may reports whether text can match.
func (f literalFilter) may(text string) bool {
	if f.lits == nil {
		return true
	}
	folded := fold(text)
	for _, l := range f.lits {
		if strings.Contains(folded, l) {
			return true
		}
	}
	return false
}

// required returns folded literals one of which every match of re
// contains, or nil when it cannot tell.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil
		}
		return []string{fold(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		// Every part is in every match: keep the part whose literals are
		// the most telling (their shortest is longest).
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			if lits := required(sub); lits != nil && shortest(lits) > bestLen {
				best, bestLen = lits, shortest(lits)
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			lits := required(sub)
			if lits == nil {
				return nil
			}
			out = append(out, lits...)
		}
		return out
	}
	return nil
}

func shortest(lits []string) int {
	n := len(lits[0])
	for _, l := range lits[1:] {
		n = min(n, len(l))
	}
	return n
}

// fold maps every rune to the smallest rune of its case-folding orbit,
// the equivalence (?i) matches by, so folded strings compare as (?i) does.
func fold(s string) string {
	if isASCII(s) {
		// Most texts are ASCII, whose letters' least folds are their upper
		// case (also for k and s, whose other folds, U+212A and U+017F,
		// are larger): TestFoldASCII.
		return strings.ToUpper(s)
	}
	return foldRunes(s)
}

func foldRunes(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
