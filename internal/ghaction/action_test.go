package ghaction

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// actionScript returns the run: | block of the action.yml step with the
// given name, as GitHub hands it to bash. The steps take their inputs from
// env:, never from ${{ }} inside the script, so the text runs as it is.
func actionScript(t *testing.T, step string) string {
	return stepScript(t, filepath.Join("..", "..", "action.yml"), step)
}

// stepScript returns the run: | block of the step named step in the
// workflow or action file.
func stepScript(t *testing.T, file, step string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "- name: "+step {
			continue
		}
		for j := i + 1; j < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[j]), "- "); j++ {
			if strings.TrimSpace(lines[j]) != "run: |" {
				continue
			}
			indent := strings.Repeat(" ", len(lines[j])-len(strings.TrimLeft(lines[j], " "))+2)
			var script []string
			for _, s := range lines[j+1:] {
				if s != "" && !strings.HasPrefix(s, indent) {
					break
				}
				script = append(script, strings.TrimPrefix(s, indent))
			}
			return strings.Join(script, "\n")
		}
	}
	t.Fatalf("%s has no step %q with a run: | script", file, step)
	return ""
}

// stepEnv is what a composite step sees: the runner's files and the step's
// env: values.
type stepEnv struct {
	dir, out, summary string
}

// runStep runs a step's script as GitHub does (bash -eo pipefail), with a
// fake waform on PATH that prints its arguments and exits with $FAKE_CODE.
func runStep(t *testing.T, step string, env map[string]string) (stepEnv, int, string) {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	fake := "#!/usr/bin/env bash\necho \"waform $*\"\necho \"stderr of $1\" >&2\nexit \"${FAKE_CODE:-0}\"\n"
	if err := os.WriteFile(filepath.Join(bin, "waform"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	se := stepEnv{dir: dir, out: filepath.Join(dir, "output"), summary: filepath.Join(dir, "summary")}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", actionScript(t, step))
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + bin + ":" + os.Getenv("PATH"), "RUNNER_TEMP=" + dir, "GITHUB_OUTPUT=" + se.out, "GITHUB_STEP_SUMMARY=" + se.summary}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return se, code, string(out)
}

func (se stepEnv) read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

func TestActionRunStep(t *testing.T) {
	const step = "Run waform ${{ inputs.command }}"
	t.Run("plan with changes", func(t *testing.T) {
		se, code, log := runStep(t, step, map[string]string{"COMMAND": "plan", "ENVIRONMENT": "production", "ARGS": "--prune  --force", "FAKE_CODE": "2"})
		if code != 0 {
			t.Fatalf("the run step failed (exit %d): %s", code, log)
		}
		if got := se.read(t, se.out); got != "exit-code=2\n" {
			t.Errorf("outputs: %q", got)
		}
		if got := se.read(t, filepath.Join(se.dir, "waform", "plan.md")); got != "waform plan --env production --format markdown --detailed-exitcode --prune --force\n" {
			t.Errorf("plan.md: %q", got)
		}
		if got := se.read(t, se.summary); got != "" {
			t.Errorf("plan writes its own summary; the step added %q", got)
		}
	})
	t.Run("plan fails", func(t *testing.T) {
		se, code, log := runStep(t, step, map[string]string{"COMMAND": "plan", "FAKE_CODE": "1"})
		if code != 0 || se.read(t, se.out) != "exit-code=1\n" {
			t.Fatalf("exit %d, outputs %q: %s", code, se.read(t, se.out), log)
		}
		if s := se.read(t, se.summary); !strings.Contains(s, "### waform plan failed (exit 1)") || !strings.Contains(s, "stderr of plan") {
			t.Errorf("summary: %q", s)
		}
		if got := se.read(t, filepath.Join(se.dir, "waform", "err.txt")); got != "stderr of plan\n" {
			t.Errorf("err.txt (the comment's error): %q", got)
		}
	})
	t.Run("apply blocked", func(t *testing.T) {
		se, code, log := runStep(t, step, map[string]string{"COMMAND": "apply", "ENVIRONMENT": "staging", "ARGS": "--wait", "FAKE_CODE": "1"})
		if code != 0 || se.read(t, se.out) != "exit-code=1\n" {
			t.Fatalf("exit %d, outputs %q: %s", code, se.read(t, se.out), log)
		}
		s := se.read(t, se.summary)
		if !strings.Contains(s, "### waform apply (staging) (exit 1)") || !strings.Contains(s, "waform apply --env staging --auto-approve --wait") {
			t.Errorf("summary: %q", s)
		}
	})
	t.Run("validate with SARIF", func(t *testing.T) {
		se, code, log := runStep(t, step, map[string]string{"COMMAND": "validate", "SARIF": "true"})
		if code != 0 || se.read(t, se.out) != "exit-code=0\n" {
			t.Fatalf("exit %d, outputs %q: %s", code, se.read(t, se.out), log)
		}
		if got := se.read(t, filepath.Join(se.dir, "waform", "waform.sarif")); got != "waform validate --format sarif\n" {
			t.Errorf("waform.sarif: %q", got)
		}
		if s := se.read(t, se.summary); s != "### waform validate: valid\n" {
			t.Errorf("summary: %q", s)
		}
	})
}

func TestActionChooseStep(t *testing.T) {
	const step = "Choose the command"
	se, code, log := runStep(t, step, map[string]string{"COMMAND": "plan", "FORK": "true"})
	if code != 0 || se.read(t, se.out) != "command=validate\n" {
		t.Fatalf("fork: exit %d, outputs %q: %s", code, se.read(t, se.out), log)
	}
	if s := se.read(t, se.summary); !strings.Contains(s, "this pull request comes from a fork, so only `validate` ran") {
		t.Errorf("fork summary: %q", s)
	}
	if !strings.Contains(log, "::notice title=waform::pull request from a fork: validate only") {
		t.Errorf("fork log: %s", log)
	}
	se, code, _ = runStep(t, step, map[string]string{"COMMAND": "apply", "FORK": "false"})
	if code != 0 || se.read(t, se.out) != "command=apply\n" || se.read(t, se.summary) != "" {
		t.Errorf("same repository: exit %d, outputs %q", code, se.read(t, se.out))
	}
	if _, code, log := runStep(t, step, map[string]string{"COMMAND": "destroy"}); code == 0 || !strings.Contains(log, "command must be validate, plan, apply, status or drift") {
		t.Errorf("unknown command: exit %d: %s", code, log)
	}
}

func TestActionResultStep(t *testing.T) {
	for _, tc := range []struct {
		command, code string
		fail          bool
	}{
		{"plan", "0", false}, {"plan", "2", false}, {"drift", "2", false}, {"plan", "1", true},
		{"apply", "0", false}, {"apply", "1", true}, {"apply", "2", true}, {"validate", "1", true}, {"status", "130", true},
	} {
		_, code, log := runStep(t, "Result", map[string]string{"COMMAND": tc.command, "CODE": tc.code})
		if (code != 0) != tc.fail {
			t.Errorf("%s exit %s: the step exited %d: %s", tc.command, tc.code, code, log)
		}
	}
}
