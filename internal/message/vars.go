package message

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// varRE matches a template variable, positional ({{1}}) or named
// ({{first_name}}); the validator has already refused malformed ones.
var varRE = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\s*\}\}`)

// variables lists the distinct variables of text. Positional ones come in
// numeric order, which is the order Meta expects their values in; named
// ones in order of first appearance.
func variables(text string) []string {
	var names []string
	for _, m := range varRE.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(names, m[1]) {
			names = append(names, m[1])
		}
	}
	slices.SortStableFunc(names, func(a, b string) int {
		na, errA := strconv.Atoi(a)
		nb, errB := strconv.Atoi(b)
		if errA != nil || errB != nil {
			return 0
		}
		return na - nb
	})
	return names
}

// fill replaces each variable of text with its value; a variable without
// one stays as written, so a preview shows what is missing.
func fill(text string, values map[string]string) string {
	return varRE.ReplaceAllStringFunc(text, func(m string) string {
		name := varRE.FindStringSubmatch(m)[1]
		if v, ok := values[name]; ok {
			return v
		}
		return m
	})
}

// isPositional reports whether a variable name is a number.
func isPositional(name string) bool {
	_, err := strconv.Atoi(name)
	return err == nil
}

// urlSuffixExample derives a URL button's suffix from its example, which
// Meta documents both as the suffix alone and as the full URL.
func urlSuffixExample(url, example string) string {
	prefix, _, _ := strings.Cut(url, "{{")
	if rest, ok := strings.CutPrefix(example, prefix); ok && prefix != "" {
		return rest
	}
	if !strings.Contains(example, "://") {
		return example
	}
	// A full URL that does not share the template's prefix (Meta's own LTO
	// sample does this): its last path segment or query value is the
	// closest thing to a suffix.
	if i := strings.LastIndexAny(example, "/="); i >= 0 && i+1 < len(example) {
		return example[i+1:]
	}
	return ""
}
