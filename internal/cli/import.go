package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/internal/validate"
	"github.com/waform/waform/schema"
)

type importCmd struct {
	Dir       string `help:"Folder to write into (default: the templates folder of waform.yaml)." placeholder:"DIR"`
	Name      string `help:"Only templates whose name matches this glob (*, ?, [a-z])." placeholder:"GLOB"`
	Overwrite bool   `help:"Replace files that already exist."`
}

func (importCmd) Help() string {
	return `Writes every remote template in scope (not matched by manage.ignore, not
being deleted) as one YAML file per name and language,
templates/<name>.<language>.yaml, in canonical key order with the schema
comment on top, so that validate and plan are clean right after. Templates
already declared in another file of the folder are left alone. If any file to
write exists, nothing is written unless --overwrite is given.

Authentication templates are written as they were created (add_security_
recommendation, code_expiration_minutes, an OTP button), not as the text Meta
generates from them.

Templates Meta approved under older rules (its sample templates have no
examples; some end with a variable) would fail today's checks. import writes
such a file with a "# waform:ignore RULE-ID, ..." comment naming exactly the
rules it breaks: validate then reports those findings as suppressed instead of
failing, and plan is clean. Fix the template and drop the comment when you
next edit it, since Meta applies today's rules to edits.

Example:
  waform import
  waform import --name 'order_*' --dir templates/orders
  waform import --overwrite --local`
}

// importFile is one file import will write.
type importFile struct {
	path    string
	data    []byte
	key     template.Key
	ignored []string
}

func (c importCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	if _, err := path.Match(c.Name, ""); err != nil {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("--name %q is not a valid glob: %v", c.Name, err)}
	}
	sess, err := openSession(ctx, g, s.view(g, env, ""), env)
	if err != nil {
		return err
	}
	defer sess.close()
	dir := c.Dir
	if dir == "" {
		dir = sess.settings.Templates
	}
	remotes, err := sess.client.ListTemplates(ctx, sess.settings.BusinessAccountID, graph.ListFilter{})
	if err != nil {
		return err
	}
	declared := declaredKeys(dir)
	var files []importFile
	var failed int
	for _, r := range c.inScope(remotes, sess.settings.Ignore) {
		target := filepath.Join(dir, r.Name+"."+r.Language+".yaml")
		if where, ok := declared[r.Key()]; ok && where != target {
			fmt.Fprintf(s.Err, "skipped %s: already declared in %s\n", r.Key(), where)
			continue
		}
		f, err := importDocument(r, target)
		if err != nil {
			fmt.Fprintf(s.Err, "cannot import %s: %v\n", r.Key(), err)
			failed++
			continue
		}
		files = append(files, f)
	}
	if err := c.checkConflicts(files); err != nil {
		return err
	}
	if err := writeImports(files, s); err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d %s could not be imported", failed, templatesNoun(failed))}
	}
	return nil
}

// inScope keeps the templates import writes, sorted by key: not ignored,
// matching --name, and not on their way out.
func (c importCmd) inScope(remotes []template.Remote, ignore []string) []template.Remote {
	var out []template.Remote
	for _, r := range remotes {
		switch strings.ToUpper(r.Status) {
		case "DELETED", "PENDING_DELETION":
			continue
		}
		if matchAny(ignore, r.Name) {
			continue
		}
		if ok, _ := path.Match(c.Name, r.Name); c.Name != "" && !ok {
			continue
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b template.Remote) int { return a.Key().Compare(b.Key()) })
	return out
}

func matchAny(globs []string, name string) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

// declaredKeys maps the templates the folder's files already declare to
// the file declaring them. A folder that does not exist or holds broken
// files declares what could be read.
func declaredKeys(dir string) map[template.Key]string {
	out := map[template.Key]string{}
	if _, err := os.Stat(dir); err != nil {
		return out
	}
	docs, _ := spec.Load(dir)
	for _, d := range docs {
		if k, ok := d.Key(); ok {
			out[k] = d.File
		}
	}
	return out
}

// importDocument renders r as the file import writes and checks that it
// validates (with a waform:ignore comment for the rules an older template
// breaks) and reads back as the template the remote holds, so that plan
// is clean at once.
func importDocument(r template.Remote, target string) (importFile, error) {
	if r.Name == "" || r.Name != filepath.Base(r.Name) || r.Language != filepath.Base(r.Language) ||
		strings.HasPrefix(r.Name, ".") {
		return importFile{}, errors.New("its name or language cannot be used as a file name")
	}
	t := template.FromRemote(r)
	f := importFile{path: target, key: r.Key()}
	data, err := spec.MarshalTemplate(t, spec.MarshalOptions{SchemaURL: templateSchemaURL()})
	if err != nil {
		return f, err
	}
	ds, _ := checkImport(target, data)
	for _, d := range ds {
		if d.Rule == schema.Rule {
			// Component rules do not run on a document the schema
			// rejects, so ignoring the schema would hide every other rule.
			return f, fmt.Errorf("it does not fit the template schema: %s", d.Message)
		}
		if !slices.Contains(f.ignored, d.Rule) {
			f.ignored = append(f.ignored, d.Rule)
		}
	}
	slices.Sort(f.ignored)
	opts := spec.MarshalOptions{SchemaURL: templateSchemaURL(), Ignore: f.ignored}
	if f.data, err = spec.MarshalTemplate(t, opts); err != nil {
		return f, err
	}
	ds, back := checkImport(target, f.data)
	if len(ds) > 0 || back == nil {
		return f, fmt.Errorf("the written file would not validate: %v", ds)
	}
	if changes := template.Diff(*back, t); len(changes) > 0 {
		return f, fmt.Errorf("the written file would not read back equal: %v", changes)
	}
	return f, nil
}

// checkImport validates a generated file. It returns the diagnostics that
// are not suppressed, and the template it reads back as when it decodes.
func checkImport(file string, data []byte) ([]diag.Diagnostic, *template.Template) {
	docs, ds := spec.Parse(file, data)
	ds = append(ds, validate.Check(docs)...)
	var open []diag.Diagnostic
	for _, d := range ds {
		if !d.Suppressed {
			open = append(open, d)
		}
	}
	if len(docs) != 1 {
		return open, nil
	}
	t, err := docs[0].Decode()
	if err != nil {
		return open, nil
	}
	return open, &t
}

// checkConflicts refuses, before anything is written, when files to write
// exist and --overwrite was not given: a partial import would be harder to
// reason about than none.
func (c importCmd) checkConflicts(files []importFile) error {
	if c.Overwrite {
		return nil
	}
	var exist []string
	for _, f := range files {
		if _, err := os.Lstat(f.path); err == nil {
			exist = append(exist, f.path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("import templates: %w", err)
		}
	}
	if len(exist) == 0 {
		return nil
	}
	return &exitError{code: exitFailure, msg: fmt.Sprintf(
		"%d %s already exist, nothing was written (pass --overwrite to replace them): %s",
		len(exist), filesNoun(len(exist)), strings.Join(exist, ", "))}
}

func filesNoun(n int) string {
	if n == 1 {
		return "file"
	}
	return "files"
}

func writeImports(files []importFile, s Streams) error {
	suppressed := 0
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return fmt.Errorf("import templates: %w", err)
		}
		if err := atomicfile.Write(f.path, f.data); err != nil {
			return fmt.Errorf("import templates: %w", err)
		}
		note := ""
		if len(f.ignored) > 0 {
			suppressed++
			note = " (waform:ignore " + strings.Join(f.ignored, ", ") + ")"
		}
		fmt.Fprintf(s.Out, "wrote %s%s\n", f.path, note)
	}
	fmt.Fprintf(s.Out, "Imported %d %s", len(files), templatesNoun(len(files)))
	if suppressed > 0 {
		fmt.Fprintf(s.Out, "; %d carry waform:ignore comments for rules Meta's older templates break", suppressed)
	}
	fmt.Fprintln(s.Out, ".")
	return nil
}
