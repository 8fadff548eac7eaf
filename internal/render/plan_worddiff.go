package render

import (
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// wordSpan is one piece of a word diff: text kept, removed or added.
type wordSpan struct {
	op   diffmatchpatch.Operation
	text string
}

// maxWordTokens bounds the distinct tokens a word diff maps to runes (below
// the surrogate range and the Unicode maximum); beyond it the diff is a
// whole replacement. Template texts are at most a few thousand characters.
const maxWordTokens = 0xD000

// wordDiff diffs before and after word by word: both are cut into runs of
// spaces and runs of other characters, each distinct run becomes one rune
// (as DiffLinesToChars does for lines), the rune strings are diffed, and the
// runs are put back. DiffTimeout is 0 so the result never depends on the
// machine's speed.
func wordDiff(before, after string) []wordSpan {
	ta, tb := splitWords(before), splitWords(after)
	table := map[string]rune{}
	var words []string
	encode := func(tokens []string) ([]rune, bool) {
		out := make([]rune, len(tokens))
		for i, t := range tokens {
			r, ok := table[t]
			if !ok {
				if len(words) == maxWordTokens {
					return nil, false
				}
				r = rune(len(words) + 1)
				table[t] = r
				words = append(words, t)
			}
			out[i] = r
		}
		return out, true
	}
	ra, okA := encode(ta)
	rb, okB := encode(tb)
	if !okA || !okB {
		return []wordSpan{{diffmatchpatch.DiffDelete, before}, {diffmatchpatch.DiffInsert, after}}
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	spans := make([]wordSpan, 0, len(diffs))
	for _, d := range diffs {
		var b strings.Builder
		for _, r := range d.Text {
			b.WriteString(words[r-1])
		}
		spans = append(spans, wordSpan{op: d.Type, text: b.String()})
	}
	return spans
}

// splitWords cuts s into alternating runs of white space and of anything
// else; joined, the runs give s back.
func splitWords(s string) []string {
	var out []string
	start, inSpace := 0, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if i > start && space != inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
