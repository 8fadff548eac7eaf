// Package cli wires waform's commands: it parses flags with kong, builds the
// dependencies a command needs and maps results to exit codes. Commands stay
// thin: parse, call, print.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/alecthomas/kong"

	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/render"
)

// Exit codes shared by every command (DESIGN.md "Commands"); exitCodes
// documents them, in --help and in the README.
const (
	exitOK      = 0
	exitFailure = 1
	exitChanges = 2 // plan --detailed-exitcode: the plan has changes
	exitUsage   = 2 // kong's convention for a command line it cannot parse
	// 128 + the signal number: exitSIGINT, exitSIGTERM (see signalExitCode)
	exitSIGINT  = 130
	exitSIGTERM = 143
)

// exitCodes is the one table of exit codes, printed by 'waform --help' and
// copied verbatim in the README (a test keeps both equal).
var exitCodes = []struct {
	code    int
	meaning string
}{
	{exitOK, "success: files valid; plan done (with --detailed-exitcode: the account matches the files); apply: every planned action done, or nothing to do"},
	{exitFailure, "error: invalid files or config, an API error, a refused or stale plan file, a declined confirmation; apply: anything planned not done (blocked, failed or not started); status --wait: a template REJECTED or still PENDING; fmt --check: a file not formatted; gen --check: a generated file missing or out of date"},
	{exitUsage, "a command line waform cannot parse; plan --detailed-exitcode: the account differs from the files (changes or blocked actions)"},
	{exitSIGINT, "interrupted by SIGINT (Ctrl-C); apply reports what was done and what was not started"},
	{exitSIGTERM, "interrupted by SIGTERM (a CI cancel); as for SIGINT"},
}

// exitCodeHelp is exitCodes as the text of --help.
func exitCodeHelp() string {
	var b strings.Builder
	b.WriteString("Exit codes:\n")
	for _, e := range exitCodes {
		fmt.Fprintf(&b, "  %-3d  %s\n", e.code, e.meaning)
	}
	return b.String()
}

// Env is the process environment as a lookup function, so tests can run
// commands with a controlled environment.
type Env func(string) string

// Streams are the standard streams a command reads and writes, with what is
// known of the terminal behind each: Main detects it, tests (through Run)
// set it to exercise the prompt, colour and progress paths.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer

	InTerm, OutTerm, ErrTerm render.Terminal
}

// Globals are the flags every command accepts.
type Globals struct {
	Config  string `help:"Path to waform.yaml (default: ./waform.yaml when present)." placeholder:"FILE"`
	Env     string `help:"Environment from waform.yaml's environments block to use." placeholder:"NAME" name:"env"`
	NoColor bool   `help:"Never colour output (also set by NO_COLOR)." name:"no-color"`
	Verbose bool   `help:"Trace HTTP requests to stderr, secrets redacted." short:"v"`
	Local   bool   `help:"Run against an embedded emulator with state in .waform/local-state.json: no account needed."`
	// Deadline bounds the whole command, retries and waits included, so a
	// CI job against an API that never answers ends with a report instead
	// of hanging until the runner kills it. Per-request timeouts stay.
	Deadline time.Duration `help:"Give up on the whole command after this long, retries and --wait included (0: no limit)." default:"20m" placeholder:"DURATION"`

	// account is the settings the command connected with, once it has:
	// Run uses them to name the setting an API error comes from.
	account *config.Settings
}

type rootCmd struct {
	Globals
	VersionFlag versionFlag `name:"version" help:"Print waform's version and exit (as 'waform version')."`

	Help     helpCmd     `cmd:"" help:"Show help for waform or one of its commands."`
	Version  versionCmd  `cmd:"" help:"Print waform's version."`
	Validate validateCmd `cmd:"" help:"Validate template files offline: JSON Schema, then Meta's component rules."`
	Schema   schemaCmd   `cmd:"" help:"Print the JSON Schema of template files or of waform.yaml."`
	Emulator emulatorCmd `cmd:"" help:"Serve a local emulator of the Kapso/Meta API, for trying waform with no account."`
	Render   renderCmd   `cmd:"" help:"Preview a template as a recipient would see it, offline."`
	Send     sendCmd     `cmd:"" help:"Send a test render of an approved template to a sandbox phone."`
	Plan     planCmd     `cmd:"" help:"Show what apply would change: validate, read the remote templates once, diff."`
	Apply    applyCmd    `cmd:"" help:"Apply the plan: create, update and delete remote templates to match the files."`
	Import   importCmd   `cmd:"" help:"Write remote templates as YAML files that validate and plan clean."`
	Status   statusCmd   `cmd:"" help:"List remote templates with their review status, quality and rejection reason."`
	Fmt      fmtCmd      `cmd:"" help:"Rewrite template files in canonical form; --check lists the ones that are not."`
	Gen      genCmd      `cmd:"" help:"Generate typed send contracts (Go, TypeScript, JSON Schema) from the template files."`
}

// exitError ends a command with a code and, when msg is non-empty, a message
// on stderr. Commands that have already printed their findings (validate
// reporting diagnostics) return it with an empty message.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// kongExit is panicked by kong's exit hook and recovered by Main, so that
// --help stops parsing without killing the test process.
type kongExit struct{ code int }

// Main runs waform with args on the process's streams and returns the exit
// code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	return Run(ctx, args, streams(stdin, stdout, stderr, getenv), getenv)
}

// Run runs waform with args on s, trusting the terminal facts s carries.
func Run(ctx context.Context, args []string, s Streams, getenv func(string) string) (code int) {
	stdout, stderr := s.Out, s.Err
	var root rootCmd
	parser, err := kong.New(&root,
		kong.Name("waform"),
		kong.Description("Manage WhatsApp Business message templates as code: validate, plan, apply, send test renders.\n\n"+exitCodeHelp()),
		kong.Writers(stdout, stderr),
		kong.Exit(func(c int) { panic(kongExit{c}) }),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.BindTo(ctx, (*context.Context)(nil)),
		kong.Bind(s, Env(getenv)),
	)
	if err != nil {
		fmt.Fprintf(stderr, "waform: %v\n", err)
		return exitFailure
	}
	defer func() {
		if r := recover(); r != nil {
			exit, ok := r.(kongExit)
			if !ok {
				panic(r)
			}
			code = exit.code
		}
	}()
	if len(args) == 0 {
		args = []string{"--help"} // a bare waform shows what it can do
	}
	kctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(stderr, "waform: %v\n", err)
		return exitUsage
	}
	if err := checkLocal(root.Local, kctx); err != nil {
		fmt.Fprintf(stderr, "waform: %v\n", err)
		return exitUsage
	}
	kctx.Bind(&root.Globals)
	if root.Deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, root.Deadline)
		defer cancel()
		kctx.BindTo(ctx, (*context.Context)(nil))
	}
	if err := kctx.Run(); err != nil {
		err = explainAPIError(err, root.account)
		var exit *exitError
		if errors.As(err, &exit) {
			if exit.msg != "" {
				fmt.Fprintf(stderr, "waform: %s\n", exit.msg)
			}
			return exit.code
		}
		fmt.Fprintf(stderr, "waform: %v\n", err)
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			fmt.Fprintf(stderr, "waform: gave up: the command's --deadline of %s passed\n", root.Deadline)
		}
		if sig := interruptsFrom(ctx).signal(); sig != nil {
			fmt.Fprintf(stderr, "waform: interrupted by %s\n", signalName(sig))
			return signalExitCode(sig)
		}
		return exitFailure
	}
	return exitOK
}
