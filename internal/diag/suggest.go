package diag

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the choice the user most likely meant by got: the one
// equal to it ignoring case, else the nearest within two edits (ignoring
// case), else "". Ties go to the earlier choice, so callers list their
// preferred spelling first.
func Suggest(got string, choices []string) string {
	for _, c := range choices {
		if strings.EqualFold(c, got) {
			return c
		}
	}
	best, bestDist := "", 3
	lower := strings.ToLower(got)
	for _, c := range choices {
		// Short words are all within two edits of each other.
		if utf8.RuneCountInString(c) <= 3 {
			continue
		}
		if d := editDistance(lower, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
