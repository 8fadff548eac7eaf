package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
)

type fmtCmd struct {
	Paths []string `arg:"" optional:"" name:"path" help:"Template files or folders, read recursively (default: the templates folder of waform.yaml, else ./templates)."`
	Check bool     `help:"Write nothing: list the files that are not formatted, and exit 1 if there are any."`
	Diff  bool     `help:"Write nothing: print what formatting would change, and exit 1 if anything would."`
}

func (fmtCmd) Help() string {
	return `Rewrites template files in canonical form, the form import writes:

  - keys in Meta's order (name, language, category, parameter_format, ...,
    components; in a component type, format, text, example, buttons; in a
    button type, text, url, ..., example)
  - enum values in upper case (body becomes BODY, utility becomes UTILITY)
  - strings holding {{variables}}, colons or hashes in double quotes, other
    one-line strings plain, multi-line text as a literal block (|)
  - two-space indentation

Comments and every document of a multi-document file are kept; blank lines
are not. A file that does not parse is reported with file:line and left
untouched. Files are rewritten only when their content changes, through a
temporary file renamed over the original, and their paths are printed.

--check lists the files that would change and exits 1 if there are any,
for CI. --diff prints the changes instead of writing them.

Example:
  waform fmt
  waform fmt templates/marketing templates/order.yaml
  waform fmt --check
  waform fmt --diff templates/order.yaml`
}

func (c *fmtCmd) Run(g *Globals, s Streams, env Env) error {
	paths, err := templatePaths(c.Paths, g, s, env)
	if err != nil {
		return err
	}
	files, problems := spec.Files(paths...)
	var unformatted int
	for _, file := range files {
		changed, ds, err := c.formatFile(file, s.Out)
		if err != nil {
			return err
		}
		problems = append(problems, ds...)
		if changed {
			unformatted++
		}
	}
	failed := map[string]bool{}
	for _, d := range problems {
		fmt.Fprintln(s.Err, d)
		if d.Severity == diag.Error {
			failed[d.File] = true
		}
	}
	switch {
	case len(failed) > 0:
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d %s left unformatted: fix the errors above",
			len(failed), filesNoun(len(failed)))}
	case unformatted > 0 && (c.Check || c.Diff):
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d %s not formatted; run waform fmt",
			unformatted, filesNoun(unformatted))}
	}
	return nil
}

// formatFile formats one file and reports whether it was (or, with --check
// or --diff, would be) changed; it prints the path, or the diff, of a
// changed file.
func (c *fmtCmd) formatFile(file string, out io.Writer) (bool, []diag.Diagnostic, error) {
	data, d := spec.ReadFile(file)
	if d != nil {
		return false, []diag.Diagnostic{*d}, nil
	}
	formatted, ds := spec.Format(file, data)
	if formatted == nil || bytes.Equal(formatted, data) {
		return false, ds, nil
	}
	switch {
	case c.Diff:
		writeLineDiff(out, file, string(data), string(formatted))
	case c.Check:
		fmt.Fprintln(out, file)
	default:
		if err := atomicfile.Write(file, formatted); err != nil {
			return false, nil, fmt.Errorf("format %s: %w", file, err)
		}
		fmt.Fprintln(out, file)
	}
	return true, ds, nil
}

// diffContext is how many unchanged lines --diff shows around a change.
const diffContext = 2

// writeLineDiff prints a line diff of before and after in the style of
// diff -u, without line numbers in the hunk headers.
func writeLineDiff(w io.Writer, file, before, after string) {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // a deadline would make the diff depend on machine load
	a, b, lines := dmp.DiffLinesToChars(before, after)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	fmt.Fprintf(w, "--- %s\n+++ %s (formatted)\n", file, file)
	for i, d := range diffs {
		text := strings.SplitAfter(d.Text, "\n")
		if text[len(text)-1] == "" {
			text = text[:len(text)-1]
		}
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			writePrefixed(w, "-", text)
		case diffmatchpatch.DiffInsert:
			writePrefixed(w, "+", text)
		default:
			writeContext(w, text, i > 0, i < len(diffs)-1)
		}
	}
}

// writeContext prints the unchanged lines next to a change: the first lines
// when a change follows, the last ones when a change precedes, and "@@"
// where lines are left out.
func writeContext(w io.Writer, lines []string, afterChange, beforeChange bool) {
	head, tail := 0, 0
	if afterChange {
		head = min(diffContext, len(lines))
	}
	if beforeChange {
		tail = min(diffContext, len(lines)-head)
	}
	writePrefixed(w, " ", lines[:head])
	if head+tail < len(lines) && beforeChange {
		fmt.Fprintln(w, "@@")
	}
	writePrefixed(w, " ", lines[len(lines)-tail:])
}

func writePrefixed(w io.Writer, prefix string, lines []string) {
	for _, line := range lines {
		fmt.Fprint(w, prefix, line)
		if !strings.HasSuffix(line, "\n") {
			fmt.Fprintln(w, "\n\\ No newline at end of file")
		}
	}
}
