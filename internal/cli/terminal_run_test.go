package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/cli"
	"github.com/waform/waform/internal/render"
)

// inSampleDir runs the test in a fresh folder holding the repository's
// sample templates, so --local starts from an empty account.
func inSampleDir(t *testing.T) {
	t.Helper()
	samples, err := filepath.Abs(filepath.Join("..", "..", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "templates"), os.DirFS(samples)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
}

// runTerminal runs waform with stdin and stdout marked as terminals.
func runTerminal(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	s := cli.Streams{
		In: strings.NewReader(stdin), Out: &out, Err: &errOut,
		InTerm: render.Terminal{TTY: true}, OutTerm: render.Terminal{TTY: true, Width: 100},
	}
	code := cli.Run(context.Background(), args, s, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

// On a terminal apply asks, and "yes" applies while anything else cancels.
func TestApplyPromptOnTerminal(t *testing.T) {
	inSampleDir(t)
	code, out, errOut := runTerminal(t, "no\n", nil, "apply", "--local")
	if code != 1 || !strings.Contains(out, "Apply these changes? Only 'yes' is accepted:") || !strings.Contains(errOut, "apply cancelled") {
		t.Fatalf("answer no: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, errOut = runTerminal(t, "yes\n", nil, "apply", "--local")
	if code != 0 || !strings.Contains(out, "created (id ") {
		t.Fatalf("answer yes: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	code, out, _ = runTerminal(t, "", nil, "plan", "--local")
	if code != 0 || !strings.Contains(out, "No changes") {
		t.Fatalf("plan after apply: exit %d\n%s", code, out)
	}
}

// A terminal gets colour unless NO_COLOR or --no-color says no; anything
// else never does.
func TestColourOnTerminal(t *testing.T) {
	inSampleDir(t)
	for _, tc := range []struct {
		name  string
		env   map[string]string
		args  []string
		color bool
	}{
		{"terminal", nil, []string{"plan", "--local"}, true},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1"}, []string{"plan", "--local"}, false},
		{"--no-color", nil, []string{"--no-color", "plan", "--local"}, false},
		{"render on a terminal", nil, []string{"render", "order_confirmation", "-l", "en_US"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runTerminal(t, "", tc.env, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := strings.Contains(out, "\x1b["); got != tc.color {
				t.Errorf("colour = %v, want %v:\n%q", got, tc.color, out)
			}
		})
	}
	var out bytes.Buffer
	code := cli.Run(context.Background(), []string{"plan", "--local"}, cli.Streams{In: strings.NewReader(""), Out: &out, Err: &out},
		func(string) string { return "" })
	if code != 0 || strings.Contains(out.String(), "\x1b[") {
		t.Errorf("not a terminal: exit %d, output has colour: %q", code, out.String())
	}
}
