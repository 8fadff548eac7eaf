package render

import (
	"fmt"
	"io"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/plan"
)

// Terminal is what is known of the terminal a stream is attached to. The
// command line detects it for real files; tests set it to exercise the
// terminal-only paths (colour, prompts, progress).
type Terminal struct {
	// TTY is true when a person is looking at the stream (or typing into
	// it, for stdin).
	TTY bool
	// Width is the terminal's width in columns; 0 when unknown.
	Width int
}

// View is where a command's output leaves the program: every diagnostic and
// every result goes through one, so each format behaves the same in every
// command. A command builds its View once, from its --format flag and the
// environment, and calls the method for what it has to show.
//
// Diagnostics (problems in the user's files) that stop the command take
// the place of its result:
//
//   - format json: on Out as a JSON array, the document a machine reads;
//   - format markdown: on Out as a Markdown list (the pull-request comment
//     says why there is no plan);
//   - and on Err: as GitHub annotations under GitHub Actions (in every
//     format, so the pull request shows them), else, for the other formats,
//     as "path:line:col: error[rule]: message" lines.
//
// Diagnostics that do not stop it (warnings) go to Err, so that Out holds
// only the result: as annotations under GitHub Actions, else a JSON array
// with format json, else as lines.
//
// validate, whose result is its diagnostics, sets DiagnosticsAreResult so
// they go to Out in exactly the format asked (including github and sarif).
type View struct {
	// Format is the command's --format: FormatText, FormatJSON,
	// FormatMarkdown or FormatGitHub ("" is text).
	Format string
	// Out receives results; Err receives diagnostics of text runs, notes
	// and progress.
	Out, Err io.Writer
	// OutTerm and ErrTerm describe Out and Err.
	OutTerm, ErrTerm Terminal
	// NoColor is set by --no-color or NO_COLOR: no ANSI styles even on a
	// terminal.
	NoColor bool
	// GitHub is set when running as a GitHub Actions step (GITHUB_ACTIONS=true):
	// diagnostics become annotations on the pull request.
	GitHub bool
	// DiagnosticsAreResult sends diagnostics to Out in Format itself.
	DiagnosticsAreResult bool
	// SARIF describes the tool and its rules, and SARIFRoot the folder
	// locations are relative to, for diagnostics that are the result in
	// FormatSARIF.
	SARIF     SARIFTool
	SARIFRoot string
}

// Color reports whether results on Out may carry ANSI styles: Out is a
// terminal and neither --no-color nor NO_COLOR says no.
func (v View) Color() bool { return v.OutTerm.TTY && !v.NoColor }

// BubbleWidth is the width of a message preview on Out: the terminal's when
// it is narrower than the usual box, else 0 (the usual width).
func (v View) BubbleWidth() int {
	if v.OutTerm.TTY && v.OutTerm.Width > 0 && v.OutTerm.Width < bubbleDefaultWidth {
		return v.OutTerm.Width
	}
	return 0
}

// Diagnostics writes ds where and how the View's format says (see View).
// Writing nothing is fine: an empty list prints nothing, except "[]" in
// JSON so a reader always gets a document.
func (v View) Diagnostics(ds []diag.Diagnostic) error {
	if v.DiagnosticsAreResult {
		if v.Format == FormatSARIF {
			return DiagnosticsSARIF(v.Out, ds, v.SARIF, v.SARIFRoot)
		}
		return Diagnostics(v.Out, v.Format, ds)
	}
	if len(ds) == 0 {
		return nil
	}
	if diag.HasErrors(ds) && (v.Format == FormatJSON || v.Format == FormatMarkdown) {
		if err := Diagnostics(v.Out, v.Format, ds); err != nil || !v.GitHub {
			return err
		}
	}
	if v.GitHub {
		return Diagnostics(v.Err, FormatGitHub, ds)
	}
	if v.Format == FormatJSON {
		return Diagnostics(v.Err, FormatJSON, ds)
	}
	return Diagnostics(v.Err, FormatText, ds)
}

// Plan writes a plan in the View's format: text (word diffs, coloured on a
// terminal), json (the plan file format) or markdown (a pull-request comment
// of at most limit bytes; GitHubCommentLimit when limit is 0).
func (v View) Plan(p *plan.Plan, limit int) error {
	switch v.Format {
	case FormatJSON:
		return PlanJSON(v.Out, p)
	case FormatMarkdown:
		return PlanMarkdown(v.Out, p, limit)
	}
	if p.Target != nil {
		if _, err := fmt.Fprintln(v.Out, TargetLine(*p.Target)); err != nil {
			return err
		}
	}
	return PlanText(v.Out, p, v.Color())
}

// Status writes the status table (text, coloured on a terminal) or its
// JSON rows.
func (v View) Status(rows []StatusRow) error {
	if v.Format == FormatJSON {
		return WriteStatusJSON(v.Out, rows)
	}
	return WriteStatusTable(v.Out, rows, StatusOptions{Color: v.Color()})
}
