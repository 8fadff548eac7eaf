package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/formatter"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/schema"
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

Comments, every document of a multi-document file, the blank lines between
items, text as written (emoji and other non-ASCII text are never escaped)
and a %YAML directive are kept. A file that does not parse is reported with file:line and left
untouched, and so is a file validate refuses. Files are rewritten only when
their content changes, through a temporary file renamed over the original
that keeps its mode and owner, and their paths are printed. Only regular
files are formatted: a symbolic link is followed only to a file inside the
folder being formatted (others are skipped with a warning), and a file with
other hard links is refused rather than detached from them.

--check lists the files that would change and exits 1 if there are any,
for CI. --diff prints the changes instead of writing them.

Example:
  waform fmt
  waform fmt templates/marketing templates/order.yaml
  waform fmt --check
  waform fmt --diff templates/order.yaml`
}

func (c *fmtCmd) Run(g *Globals, s Streams, env Env) error {
	v := s.view(g, env, "")
	paths, err := templatePaths(c.Paths, g, v, env)
	if err != nil {
		return err
	}
	pinSchema := ""
	if schema.Released(Version()) {
		pinSchema = templateSchemaURL()
	}
	var problems []diag.Diagnostic
	var unformatted int
	for _, path := range paths {
		files, ds := spec.Files(path)
		problems = append(problems, ds...)
		root := path
		if len(files) == 1 && files[0] == path {
			root = filepath.Dir(path)
		}
		for _, file := range files {
			changed, ds, err := c.formatFile(root, file, pinSchema, s.Out)
			if err != nil {
				return err
			}
			problems = append(problems, ds...)
			if changed {
				unformatted++
			}
		}
	}
	diag.Sort(problems)
	if err := v.Diagnostics(problems); err != nil {
		return err
	}
	failed := map[string]bool{}
	for _, d := range problems {
		if d.Severity == diag.Error && !d.Suppressed {
			failed[d.File] = true
		}
	}
	switch {
	case len(failed) > 0:
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d %s left unformatted: fix the errors above",
			len(failed), render.Plural(len(failed), "file"))}
	case unformatted > 0 && (c.Check || c.Diff):
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d %s not formatted; run waform fmt",
			unformatted, render.Plural(unformatted, "file"))}
	}
	return nil
}

// formatFile formats one file found under root (see formatter.File) and
// reports whether it was (or, with --check or --diff, would be) changed; it
// prints the path, or the diff, of a changed file.
func (c *fmtCmd) formatFile(root, file, pinSchema string, out io.Writer) (bool, []diag.Diagnostic, error) {
	data, formatted, ds := formatter.File(root, file, pinSchema)
	if formatted == nil {
		return false, ds, nil
	}
	switch {
	case c.Diff:
		if err := render.LineDiff(out, file, string(data), string(formatted)); err != nil {
			return false, nil, err
		}
	case c.Check:
		fmt.Fprintln(out, file)
	default:
		if ds, err := formatter.Write(file, formatted); ds != nil || err != nil {
			return false, ds, err
		}
		fmt.Fprintln(out, file)
	}
	return true, nil, nil
}
