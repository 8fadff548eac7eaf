package spec

import (
	"strings"
	"testing"
)

// plainAsIs stands in for asking yaml.v3: it may only say "plain" where
// yaml.v3 agrees. Every string of up to three characters over an alphabet
// of the characters that decide (indicators, spaces, breaks, digits, the
// first letters of YAML's words, unprintable and non-ASCII characters) is
// checked, with YAML's words and their neighbours.
func TestPlainAsIsAgreesWithYAML(t *testing.T) {
	alphabet := []string{"a", "Z", "y", "Y", "n", "N", "t", "T", "f", "F", "o", "O", "e", "E", "x", "_", "0", "1",
		"-", "+", ".", " ", ":", "#", "\t", "\n", "\r", `"`, "'", "|", ">", "!", "&", "*", "?", ",", "[", "]", "{",
		"}", "%", "@", "`", "~", "<", "=", "/", "\\", "é", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff",
		"\ufffe", "\ufffd", "\ue000", "\u007f", "\x00", "\x1b", "\xff", "🙏", "中"}
	var all []string
	for _, a := range alphabet {
		all = append(all, a)
		for _, b := range alphabet {
			all = append(all, a+b)
			for _, c := range alphabet {
				all = append(all, a+b+c)
			}
		}
	}
	words := []string{"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "yes", "Yes",
		"YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n", "nan", "inf", "Infinity",
		"trueish", "Nope", "offline", "Off peak", "nullable", "yes!", "No.", "order_12", "en_US", "A-12",
		"tRUE", "nO", "oN", "yEs", "oFF", "nULL", "Y1", "TEXT", "NONE", "Tap", "name", "type",
		"Reply STOP to opt out", "Hola, usa el código", "a - b", "a -b", "a --- b", "a ... b", "a? b", "a, b"}
	for _, w := range words {
		all = append(all, w, w+" ", w+"x", w+"1", strings.ToLower(w), strings.ToUpper(w))
	}
	claimed := 0
	for _, s := range all {
		if !plainAsIs(s) {
			continue
		}
		claimed++
		if yamlQuotes(s) {
			t.Errorf("plainAsIs(%q) is true, but yaml.v3 quotes it", s)
		}
	}
	if claimed < 1000 {
		t.Errorf("plainAsIs claimed only %d of %d strings: the test checks nothing", claimed, len(all))
	}
}

func FuzzPlainAsIs(f *testing.F) {
	for _, s := range []string{"order_12", "Reply STOP", "Yes", "no way", "a\u2028b", "a\tb", "x🙏"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainAsIs(s) && yamlQuotes(s) {
			t.Fatalf("plainAsIs(%q) is true, but yaml.v3 quotes it", s)
		}
	})
}
