package validate

import (
	"strings"
	"testing"
)

// TestExampleCountMessagesCountRight: a count of one takes the singular
// ("1 variable", "1 example value"), as every count waform prints.
func TestExampleCountMessagesCountRight(t *testing.T) {
	body := func(text, values string) []byte {
		return []byte("name: a\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: \"" + text +
			"\"\n    example:\n      body_text: [[" + values + "]]\n")
	}
	for _, tc := range []struct {
		name string
		src  []byte
		want string
	}{
		{"extra", body("Hello {{1}}, your order is ready for pickup at the counter", "Ana, Bob"),
			"2 example values for 1 variable; remove the last 1"},
		{"missing", body("Hello {{1}}, your order {{2}} is ready for pickup at the counter", "Ana"),
			"1 example value for 2 variables; add a value for {{2}}"},
		{"plural", body("Hello {{1}}, your order {{2}} is ready {{3}} for pickup at the counter", "Ana"),
			"1 example value for 3 variables; add a value for {{2}}, {{3}}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := checkBytes("e.yaml", tc.src)
			var msgs []string
			for _, d := range ds {
				msgs = append(msgs, d.Message)
			}
			if len(ds) != 1 || ds[0].Message != tc.want {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(msgs, "\n  "), tc.want)
			}
		})
	}
}
