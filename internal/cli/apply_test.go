package cli

import (
	"os"
	"path/filepath"
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

// Only a terminal counts: not a pipe or buffer, not a regular file, and
// not the null device, which is a character device too.
func TestIsTerminal(t *testing.T) {
	if isTerminal(strings.NewReader("yes\n")) {
		t.Error("a strings.Reader is a terminal")
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Error(os.DevNull + " is a terminal")
	}
	file, err := os.Create(filepath.Join(t.TempDir(), "answers"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if isTerminal(file) {
		t.Error("a regular file is a terminal")
	}
}
