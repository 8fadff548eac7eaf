package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/waform/waform/internal/diag"
)

type helpCmd struct {
	Command []string `arg:"" optional:"" help:"The command to explain (default: waform itself)."`
}

func (helpCmd) Help() string {
	return `Prints the help of waform, or of a command: the same text as --help.

Example:
  waform help
  waform help plan`
}

// Run prints the help of the command named, as "waform COMMAND --help" would.
func (c helpCmd) Run(kctx *kong.Context) error {
	if len(c.Command) > 0 {
		var names []string
		for _, n := range kctx.Model.Children {
			names = append(names, n.Name)
		}
		if !slices.Contains(names, c.Command[0]) {
			msg := fmt.Sprintf("no command %q", c.Command[0])
			if guess := diag.Suggest(c.Command[0], names); guess != "" {
				msg += fmt.Sprintf(": did you mean %s?", guess)
			} else {
				msg += "."
			}
			return &exitError{code: exitUsage, msg: msg + " Commands are " + strings.Join(names, ", ")}
		}
	}
	_, err := kctx.Kong.Parse(append(slices.Clone(c.Command), "--help"))
	return err
}

// versionFlag is --version: it prints what 'waform version' prints and
// stops, as in other Go command-line tools.
type versionFlag bool

func (versionFlag) BeforeReset(app *kong.Kong, s Streams) error {
	if err := writeVersion(s.Out); err != nil {
		return err
	}
	app.Exit(exitOK)
	return nil
}

// localCommands are the commands that talk to an account, which --local
// replaces with the embedded emulator.
var localCommands = []string{"plan", "apply", "import", "status", "send"}

// checkLocal refuses --local on a command that would ignore it, so nobody
// believes an offline command ran against the emulator's account.
func checkLocal(local bool, kctx *kong.Context) error {
	cmd := kctx.Selected()
	if !local || cmd == nil || slices.Contains(localCommands, cmd.Name) {
		return nil
	}
	return fmt.Errorf("--local does not apply to %s: it works without an account already; --local applies to %s",
		cmd.Name, strings.Join(localCommands, ", "))
}
