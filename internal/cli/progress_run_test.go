package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/waform/waform/internal/cli"
	"github.com/waform/waform/internal/render"
)

// runApply applies the samples to a fresh --local account, stderr marked a
// terminal or not.
func runApply(t *testing.T, errTTY bool) (int, string, string) {
	t.Helper()
	inSampleDir(t)
	var out, errOut bytes.Buffer
	s := cli.Streams{In: strings.NewReader(""), Out: &out, Err: &errOut, ErrTerm: render.Terminal{TTY: errTTY}}
	code := cli.Run(context.Background(), []string{"apply", "--local", "--auto-approve"}, s, func(string) string { return "" })
	return code, out.String(), errOut.String()
}

// On a terminal, stderr carries a live counter redrawn in place, ending
// on its final state and a newline; stdout keeps the result lines.
func TestApplyProgressOnTerminal(t *testing.T) {
	code, out, errOut := runApply(t, true)
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%q", code, out, errOut)
	}
	n := strings.Count(out, "created (id ")
	if n == 0 {
		t.Fatalf("no creates on stdout:\n%s", out)
	}
	final := "\r" + render.ApplyProgressLine(n, n, 0) + "\x1b[K\n"
	if !strings.HasSuffix(errOut, final) {
		t.Errorf("stderr does not end with the final counter %q:\n%q", final, errOut)
	}
	if !strings.Contains(errOut, "\r"+render.ApplyProgressLine(1, n, 0)+"\x1b[K") {
		t.Errorf("stderr lacks the first count:\n%q", errOut)
	}
	if !strings.Contains(errOut, "\rplan: listed 1 page (0 templates)\x1b[K\n") {
		t.Errorf("stderr lacks the listing's progress:\n%q", errOut)
	}
	if strings.Contains(out, "\r") || strings.Contains(out, "actions done") {
		t.Errorf("progress leaked into stdout:\n%q", out)
	}
}

// Off a terminal no carriage return is written: a quick run prints no
// progress at all, since plain lines come only every few seconds.
func TestApplyProgressOffTerminal(t *testing.T) {
	code, out, errOut := runApply(t, false)
	if code != 0 || !strings.Contains(out, "created (id ") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if strings.ContainsAny(out+errOut, "\r\x1b") || strings.Contains(errOut, "actions done") {
		t.Errorf("progress printed off a terminal:\nstdout:\n%q\nstderr:\n%q", out, errOut)
	}
}
