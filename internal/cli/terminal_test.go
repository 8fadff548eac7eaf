package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Only a terminal counts: not a pipe or buffer, not a regular file, and
// not the null device, which is a character device too.
func TestTerminalOf(t *testing.T) {
	env := func(k string) string {
		if k == "COLUMNS" {
			return "120"
		}
		return ""
	}
	if terminalOf(strings.NewReader("yes\n"), env).TTY {
		t.Error("a strings.Reader is a terminal")
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if terminalOf(null, env).TTY {
		t.Error(os.DevNull + " is a terminal")
	}
	file, err := os.Create(filepath.Join(t.TempDir(), "answers"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if terminalOf(file, env).TTY {
		t.Error("a regular file is a terminal")
	}
	// The pseudo-terminal multiplexer is a character device like a real
	// terminal; where the system has one, it must count.
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal to test with: %v", err)
	}
	defer ptmx.Close()
	if got := terminalOf(ptmx, env); !got.TTY || got.Width != 120 {
		t.Errorf("terminalOf(/dev/ptmx) = %+v; want a terminal 120 columns wide", got)
	}
}
