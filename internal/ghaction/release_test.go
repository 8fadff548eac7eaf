package ghaction

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The release workflow moves the major tag (v1) to the tag it released, so
// that uses: waform/waform@v1 runs the newest 1.x; a patch to an older line
// (v1.2.5 after v1.3.0) must leave it where it is.
func TestReleaseMovesTheMajorTagOnlyForward(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	script := stepScript(t, filepath.Join("..", "..", ".github", "workflows", "release.yml"), "Move the major tag")
	dir := t.TempDir()
	remote, work := filepath.Join(dir, "remote.git"), filepath.Join(dir, "work")
	env := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	run := func(extra []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = work
		cmd.Env = append(env, extra...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("git", "init", "-q", "--bare", remote).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if out, err := exec.Command("git", "init", "-q", work).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	run(nil, "git", "remote", "add", "origin", remote)
	commit := func(tag string) string {
		run(nil, "git", "commit", "-q", "--allow-empty", "-m", tag)
		run(nil, "git", "tag", tag)
		run(nil, "git", "push", "-q", "origin", "refs/tags/"+tag)
		return run(nil, "git", "rev-parse", "HEAD")
	}
	major := func() string { return run(nil, "git", "ls-remote", remote, "refs/tags/v1") }
	release := func(tag string) {
		run([]string{"TAG=" + tag}, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	}

	v130 := commit("v1.3.0")
	release("v1.3.0")
	if !strings.HasPrefix(major(), v130) {
		t.Fatalf("after v1.3.0, v1 is %q; want %s", major(), v130)
	}
	commit("v1.2.5")
	release("v1.2.5")
	if !strings.HasPrefix(major(), v130) {
		t.Errorf("after the backport v1.2.5, v1 is %q; want it still at v1.3.0 (%s)", major(), v130)
	}
	v131 := commit("v1.3.1")
	release("v1.3.1")
	if !strings.HasPrefix(major(), v131) {
		t.Errorf("after v1.3.1, v1 is %q; want %s", major(), v131)
	}
}
