package cli

import (
	"strings"
	"testing"
)

func TestReadYes(t *testing.T) {
	for in, want := range map[string]bool{
		"yes\n": true, "  yes  \r\n": true, "yes": true,
		"y\n": false, "YES\n": false, "\n": false, "": false, "no\nyes\n": false,
	} {
		got, err := readYes(strings.NewReader(in))
		if err != nil || got != want {
			t.Errorf("readYes(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
