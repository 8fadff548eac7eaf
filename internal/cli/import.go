package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/importer"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/template"
)

type importCmd struct {
	Dir       string `help:"Folder to write new files into (default: the templates folder of waform.yaml)." placeholder:"DIR"`
	Name      string `help:"Only templates whose name matches this glob (*, ?, [a-z])." placeholder:"GLOB"`
	Overwrite bool   `help:"Replace the documents of templates already declared, where they are declared."`
}

func (importCmd) Help() string {
	return `Writes every remote template in scope (not matched by manage.ignore, not
being deleted) as YAML, in canonical key order, so that validate and plan
are clean right after.

Templates already declared anywhere in the templates folder (even when
--dir names a folder inside it) are skipped and listed; the others are
written, each to a new file <name>.<language>.yaml in --dir with the
schema comment on top (a name too long for a file name, or one that cannot
be a file name, is shortened and given a digest). With --overwrite, a
declared template is replaced exactly where it is declared: the file's
other documents, their comments and order stay as they are (a declaration
in a symbolic link leading outside the templates folder is not replaced:
import writes nothing and names the link). A --dir
outside the templates folder is a folder of its own: only what it declares
counts.

Import is all or nothing: if a template cannot be converted, or a file of
the folder cannot be read, or a write fails, no file is changed.

Authentication templates are written as they were created (add_security_
recommendation, code_expiration_minutes, an OTP button), not as the text Meta
generates from them.

Templates Meta approved under older rules (its sample templates have no
examples; some end with a variable) would fail today's checks. import writes
such a file with a "# waform:ignore RULE-ID, ..." comment naming exactly the
rules it breaks: validate then reports those findings as suppressed instead of
failing, and plan is clean. Fix the template and drop the comment when you
next edit it, since Meta applies today's rules to edits.

Real accounts hold older and odder shapes. A category from before Meta's
2023 change (TRANSACTIONAL, SHIPPING_UPDATE, OTP, ...) is written as the one
that replaced it (UTILITY, or AUTHENTICATION for OTP), and a component,
header format or button type waform does not support yet is left out; both
are noted in a "# waform:" comment of the file and on the output, and plan
blocks edits that would drop what was left out. A template waform cannot
read at all is named on stderr with the reason, not imported, and left
untouched; the others are imported.

Example:
  waform import
  waform import --name 'order_*' --dir templates/orders
  waform import --overwrite --local`
}

func (c importCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	if _, err := path.Match(c.Name, ""); err != nil {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("--name %q is not a valid glob: %v", c.Name, err)}
	}
	v := s.view(g, env, "")
	sess, err := openSession(ctx, g, v, env)
	if err != nil {
		return err
	}
	defer sess.close()
	sess.announce(v)
	imp := importer.Start(importer.Options{
		Root: sess.settings.Templates, Dir: c.Dir, Name: c.Name, Ignore: sess.settings.Ignore,
		Overwrite: c.Overwrite, SchemaURL: templateSchemaURL(), Stop: ctx.Done(),
	})
	// Each page is converted, and its new files written ahead, while the
	// next one is fetched.
	var remotes []template.Remote
	err = sess.client.ListTemplatePages(ctx, sess.settings.BusinessAccountID, graph.ListFilter{}, func(page []template.Remote) error {
		remotes = append(remotes, page...)
		imp.Add(page)
		return nil
	})
	if err != nil {
		imp.Abandon()
		return err
	}
	res, err := imp.Finish()
	if err := v.Diagnostics(res.Problem); err != nil {
		return err
	}
	for _, f := range res.Failed {
		fmt.Fprintf(s.Err, "cannot import %s: %v\n", f.Key, f.Err)
	}
	for _, r := range res.Unreadable {
		fmt.Fprintf(s.Err, "not imported: %s %scannot be read (%s); waform leaves it untouched\n", r.Key().Label(), render.IDPrefix(r.ID), r.Unreadable)
	}
	if err != nil {
		if len(res.Failed) > 0 {
			err = fmt.Errorf("%w (import the others with --name)", err)
		}
		if errors.Is(err, importer.ErrNothingWritten) && !errors.Is(err, importer.ErrInterrupted) {
			return &exitError{code: exitFailure, msg: err.Error()}
		}
		return err
	}
	// A line per template: one write each would be thousands of them.
	out := bufio.NewWriter(s.Out)
	s.Out = out
	printImport(s, res)
	for _, note := range importMediaNotes(remotes, res) {
		fmt.Fprintln(s.Out, note)
	}
	return out.Flush()
}

func printImport(s Streams, res importer.Result) {
	suppressed, replaced := 0, 0
	for _, w := range res.Written {
		note := ""
		if len(w.Ignore) > 0 {
			suppressed++
			note = " (waform:ignore " + strings.Join(w.Ignore, ", ") + ")"
		}
		for _, n := range w.Notes {
			note += "\n    note: " + n
		}
		if w.Replaced {
			replaced++
			fmt.Fprintf(s.Out, "replaced %s in %s%s\n", w.Key, w.File, note)
		} else {
			fmt.Fprintf(s.Out, "wrote %s%s\n", w.File, note)
		}
	}
	for _, k := range res.Skipped {
		fmt.Fprintf(s.Out, "skipped %s: already declared at %s\n", k.Key, k.At)
	}
	fmt.Fprintf(s.Out, "Imported %d %s", len(res.Written), templatesNoun(len(res.Written)))
	if replaced > 0 {
		fmt.Fprintf(s.Out, " (%d replaced where declared)", replaced)
	}
	if suppressed > 0 {
		fmt.Fprintf(s.Out, "; %d carry waform:ignore comments for rules Meta's older templates break", suppressed)
	}
	if n := len(res.Same); n > 0 {
		fmt.Fprintf(s.Out, "; %d already as the remote holds %s, left as written", n, pronoun(n))
	}
	if n := len(res.Skipped); n > 0 {
		fmt.Fprintf(s.Out, "; %d skipped, already declared (pass --overwrite to replace %s)", n, pronoun(n))
	}
	if n := len(res.Unreadable); n > 0 {
		fmt.Fprintf(s.Out, "; %d unreadable, not imported (named on stderr)", n)
	}
	fmt.Fprintln(s.Out, ".")
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
