package cli_test

import (
	"context"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/waform/waform/internal/cli"
)

// On a terminal narrower than the preview box, render draws the box as
// wide as the terminal, which waform asks for its size (shells do not
// export COLUMNS).
func TestRenderFitsANarrowTerminal(t *testing.T) {
	inSampleDir(t)
	controller, term, err := openPTY()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer controller.Close()
	size := struct{ rows, cols, x, y uint16 }{rows: 24, cols: 40}
	if err := ioctl(term, syscall.TIOCSWINSZ, unsafe.Pointer(&size)); err != nil {
		t.Fatal(err)
	}
	output := make(chan string)
	go func() {
		data, _ := io.ReadAll(controller) // ends with EIO once term is closed
		output <- string(data)
	}()
	code := cli.Main(context.Background(), []string{"--no-color", "render", "order_confirmation", "-l", "en_US"},
		strings.NewReader(""), term, os.Stderr, func(string) string { return "" })
	term.Close()
	out := <-output
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(out, "\r\n", "\n")), "\n")
	for _, l := range lines {
		if n := utf8.RuneCountInString(l); n != 40 {
			t.Errorf("line %d columns wide, want 40: %q", n, l)
		}
	}
	if len(lines) < 5 {
		t.Errorf("too little output: %q", out)
	}
}
