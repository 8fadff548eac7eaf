//go:build unix

package cli_test

import (
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// The prompt test needs a controlling terminal (Setsid, Setctty), which
// only Unix has; elsewhere the script skips before using the command.
func init() { signalCmds["prompt-ctrl-c"] = promptCtrlC }

func promptCtrlC(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: prompt-ctrl-c waform ARGS...")
	}
	controller, term, err := openPTY()
	if err != nil {
		ts.Fatalf("prompt-ctrl-c: %v", err)
	}
	defer controller.Close()
	path, err := exec.LookPath(args[0])
	ts.Check(err)
	cmd := exec.Command(path, args[1:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = childEnv(ts)
	// The terminal is the child's stdin and controlling terminal, so Ctrl-C
	// typed on it sends SIGINT to the child, as in a shell.
	cmd.Stdin = term
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	stdout, err := cmd.StdoutPipe()
	ts.Check(err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	ts.Check(cmd.Start())
	term.Close()
	const prompt = "Only 'yes' is accepted: "
	var out strings.Builder
	buf := make([]byte, 4096)
	for !strings.HasSuffix(out.String(), prompt) {
		n, err := stdout.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			ts.Fatalf("waform ended before asking (%v):\n%s\n%s", err, out.String(), stderr.String())
		}
	}
	// Ctrl-C alone: waform must end without waiting for Enter. Should it
	// wait, "yes" typed a while later must not apply anything either.
	_, err = controller.Write([]byte("\x03"))
	ts.Check(err)
	exited := make(chan error, 1)
	go func() {
		rest, _ := io.ReadAll(stdout)
		out.Write(rest)
		exited <- cmd.Wait()
	}()
	waited := false
	select {
	case err = <-exited:
	case <-time.After(5 * time.Second):
		waited = true
		_, _ = controller.Write([]byte("yes\n"))
		err = <-exited
	}
	fmt.Fprint(ts.Stdout(), out.String())
	fmt.Fprint(ts.Stderr(), stderr.String())
	if waited {
		ts.Fatalf("waform did not end at Ctrl-C: it waited for an answer")
	}
	if got := cmd.ProcessState.ExitCode(); got != 130 {
		ts.Fatalf("waform exited %d (%v), want 130", got, err)
	}
}
