package cli

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/importer"
	"github.com/waform/waform/internal/media"
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
	// next one is fetched. Only the media header formats are kept for the
	// summary, not the whole listing.
	headers := map[template.Key]string{}
	err = sess.client.ListTemplatePages(ctx, sess.settings.BusinessAccountID, graph.ListFilter{}, func(page []template.Remote) error {
		for _, r := range page {
			if f, ok := media.HeaderFormat(r.Template); ok {
				headers[r.Key()] = f
			}
		}
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
	result := importResult(res, headers)
	if err := v.ImportProblems(result); err != nil {
		return err
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
	return v.Import(result)
}

// importResult is res as render shows it; headers holds the header format
// of each listed template that has a media header.
func importResult(res importer.Result, headers map[template.Key]string) render.ImportResult {
	out := render.ImportResult{Same: len(res.Same), Unreadable: res.Unreadable}
	for _, w := range res.Written {
		out.Written = append(out.Written, render.ImportWritten{Key: w.Key, File: w.File, Replaced: w.Replaced,
			Ignore: w.Ignore, Notes: w.Notes, MediaHeader: headers[w.Key]})
	}
	for _, k := range res.Skipped {
		out.Skipped = append(out.Skipped, render.ImportSkipped{Key: k.Key, At: k.At})
	}
	for _, f := range res.Failed {
		out.Failed = append(out.Failed, render.ImportFailed{Key: f.Key, Err: f.Err})
	}
	return out
}
