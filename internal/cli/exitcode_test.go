package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exitCodeRows is exitCodes as the README's Markdown table rows.
func exitCodeRows() string {
	var b strings.Builder
	for _, e := range exitCodes {
		fmt.Fprintf(&b, "| `%d` | %s |\n", e.code, e.meaning)
	}
	return b.String()
}

// The README's exit code table and --help say the same, from exitCodes.
func TestExitCodesDocumented(t *testing.T) {
	readme := readFile(t, filepath.Join(repoRoot, "README.md"))
	if !strings.Contains(readme, "| exit code | meaning |\n| --- | --- |\n"+exitCodeRows()) {
		t.Errorf("README's exit code table differs from exitCodes; it should read:\n%s", exitCodeRows())
	}
	var out bytes.Buffer
	Main(context.Background(), []string{"--help"}, nil, &out, &out, func(string) string { return "" })
	for _, e := range exitCodes {
		if !strings.Contains(out.String(), fmt.Sprintf("%-3d  %s", e.code, e.meaning)) {
			t.Errorf("--help does not list exit code %d:\n%s", e.code, out.String())
		}
	}
}

// One test per exit code, run as a user would (130 and 143 need a real
// signal to a real process: testdata/script/apply_interrupt_*.txtar).
func TestExitCodes(t *testing.T) {
	samples, err := filepath.Abs(filepath.Join(repoRoot, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.CopyFS("templates", os.DirFS(samples)); err != nil {
		t.Fatal(err)
	}
	pending := "name: shipping_update\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: \"Hi {{1}}, it ships today.\"\n    example:\n      body_text: [[\"Ana\"]]\n"
	env := map[string]string{envLocalApprove: "never"}
	steps := []struct {
		name  string
		setup func()
		args  []string
		code  int
	}{
		{"valid files", nil, []string{"validate"}, exitOK},
		{"bad flag", nil, []string{"plan", "--no-such-flag"}, exitUsage},
		{"plan differs", nil, []string{"plan", "--local", "--detailed-exitcode"}, exitChanges},
		{"no confirmation", nil, []string{"apply", "--local"}, exitFailure},
		{"applied", nil, []string{"apply", "--local", "--auto-approve"}, exitOK},
		{"in sync", nil, []string{"plan", "--local", "--detailed-exitcode"}, exitOK},
		{"edit of a PENDING template planned", func() { writeFile(t, "templates/shipping_update.en_US.yaml", pending) },
			[]string{"plan", "--local", "--detailed-exitcode"}, exitChanges},
		{"blocked is not done", nil, []string{"apply", "--local", "--auto-approve"}, exitFailure},
		{"stale plan file", nil, []string{"apply", "--local", "missing.json"}, exitFailure},
		{"invalid file", func() { writeFile(t, "templates/bad.yaml", "name: bad\n") }, []string{"validate"}, exitFailure},
	}
	for _, st := range steps {
		if st.setup != nil {
			st.setup()
		}
		var out bytes.Buffer
		got := Main(context.Background(), st.args, strings.NewReader(""), &out, &out, func(k string) string { return env[k] })
		if got != st.code {
			t.Errorf("%s: waform %s exited %d, want %d\n%s", st.name, strings.Join(st.args, " "), got, st.code, out.String())
		}
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
