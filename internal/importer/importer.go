// Package importer turns remote templates into YAML documents placed in the
// files of the templates folder. A template already declared somewhere in
// the folder is skipped, or with Overwrite replaced exactly where it is
// declared, keeping the file's other documents and comments; a new one gets
// a file of its own. Nothing is written unless everything can be.
package importer

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/parallel"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// Options say what to import and where.
type Options struct {
	// Root is the templates folder: a template declared anywhere under it
	// counts as existing.
	Root string
	// Dir is the folder new files go to; empty means Root. A Dir outside
	// Root is a folder of its own: only what it declares counts.
	Dir string
	// Name keeps only the templates whose name matches this glob (a
	// malformed glob matches nothing).
	Name string
	// Ignore lists globs of names never imported (manage.ignore).
	Ignore []string
	// Overwrite replaces the documents of templates already declared.
	Overwrite bool
	// SchemaURL goes in a comment at the top of each new file.
	SchemaURL string
	// Stop, when closed (Ctrl-C), ends the import before anything is
	// written; once the files are being committed it runs to the end.
	Stop <-chan struct{}
}

// Result says what an import did.
type Result struct {
	Written []Written // sorted by key
	Skipped []Skipped // declared already, without Overwrite
	Same    []Skipped // declared already as the remote holds it: left as written
	Failed  []Failed  // templates that cannot be written; nothing was
	// Unreadable are the remote templates the client could not read: not
	// imported, left untouched, and no reason to write nothing else.
	Unreadable []template.Remote
	Problem    []diag.Diagnostic // files of the folder that cannot be read; nothing was written
}

// Written is one template written.
type Written struct {
	Key      template.Key
	File     string
	Replaced bool     // in place of the document that declared it
	Ignore   []string // rules named by its waform:ignore comment
	Notes    []string // its "# waform:" notes (Document.Notes)
}

// Skipped is a template declared already.
type Skipped struct {
	Key template.Key
	At  diag.Pos // where it is declared
}

// Failed is a template that cannot be imported, and why.
type Failed struct {
	Key template.Key
	Err error
}

// ErrNothingWritten wraps every reason an import wrote nothing.
var ErrNothingWritten = errors.New("nothing was written")

// ErrInterrupted says Options.Stop ended the import; it comes wrapped with
// ErrNothingWritten.
var ErrInterrupted = errors.New("interrupted")

// Run imports remotes into the folder opts names. It either writes every
// file it means to, or nothing: when a template cannot be converted or a
// file of the folder cannot be read, Result says which and the error wraps
// ErrNothingWritten.
func Run(remotes []template.Remote, opts Options) (Result, error) {
	var res Result
	dir := cmp.Or(opts.Dir, opts.Root)
	scope := dir
	if inside(opts.Root, dir) {
		scope = opts.Root
	}
	declared, problems := declarations(scope)
	if len(problems) > 0 {
		res.Problem = problems
		return res, fmt.Errorf("%s holds files import cannot read, so it cannot tell what they declare; fix them first: %w",
			scope, ErrNothingWritten)
	}
	var toWrite []Document
	readable := make([]template.Remote, 0, len(remotes))
	for _, r := range inScope(remotes, opts) {
		if r.Unreadable != "" {
			res.Unreadable = append(res.Unreadable, r)
			continue
		}
		readable = append(readable, r)
	}
	converted := convertAll(readable)
	ignoreAcross(converted)
	for _, d := range converted {
		if d.err != nil {
			res.Failed = append(res.Failed, Failed{Key: d.Key, Err: d.err})
			continue
		}
		if decl, ok := declared[d.Key]; ok {
			switch {
			case !opts.Overwrite:
				res.Skipped = append(res.Skipped, Skipped{Key: d.Key, At: decl.at})
				continue
			case decl.same(d.template):
				// Rewriting it would change nothing plan sees, and could
				// only lose the comments and layout someone gave it.
				res.Same = append(res.Same, Skipped{Key: d.Key, At: decl.at})
				continue
			}
		}
		toWrite = append(toWrite, d.Document)
	}
	if len(res.Failed) > 0 {
		return res, fmt.Errorf("%d %s cannot be imported: %w", len(res.Failed), plural(len(res.Failed), "template"), ErrNothingWritten)
	}
	batch := atomicfile.Batch{MakeDirs: true}
	written, err := place(toWrite, declared, scope, dir, opts.SchemaURL, &batch)
	if err != nil {
		return res, fmt.Errorf("%w: %w", err, ErrNothingWritten)
	}
	select {
	case <-opts.Stop:
		return res, fmt.Errorf("%w: %w", ErrInterrupted, ErrNothingWritten)
	default:
	}
	if len(written) == 0 {
		// An import of nothing still leaves the folder it was asked for,
		// so that the repository it starts holds its templates folder.
		return res, os.MkdirAll(dir, 0o755)
	}
	if err := batch.Commit(); err != nil {
		return res, fmt.Errorf("%w: %w", err, ErrNothingWritten)
	}
	res.Written = written
	return res, nil
}

// inScope keeps the templates to import, sorted by key: not ignored,
// matching the name glob, and not on their way out.
func inScope(remotes []template.Remote, opts Options) []template.Remote {
	var out []template.Remote
	for _, r := range remotes {
		switch strings.ToUpper(r.Status) {
		case template.StatusDeleted, template.StatusPendingDeletion:
			continue
		}
		if matchAny(opts.Ignore, r.Name) {
			continue
		}
		if ok, _ := path.Match(opts.Name, r.Name); opts.Name != "" && !ok {
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

// declarations maps every template the folder declares to where. A folder
// that does not exist declares nothing; one holding files that cannot be
// read or parsed (or declaring a template twice) gives their diagnostics,
// since any of them could declare what import is about to write.
func declarations(dir string) (map[template.Key]declaration, []diag.Diagnostic) {
	out := map[template.Key]declaration{}
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	docs, ds := spec.Load(dir)
	var problems []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error && d.Rule != spec.RuleNoTemplates && d.Rule != spec.RuleFileEmpty {
			problems = append(problems, d)
		}
	}
	for _, d := range docs {
		if k, ok := d.Key(); ok {
			out[k] = declaration{at: d.Start, doc: d}
		}
	}
	return out, problems
}

// declaration is where the folder declares a template.
type declaration struct {
	at  diag.Pos
	doc *spec.Document
}

// same reports whether the declared document is t as plan compares them.
func (d declaration) same(t template.Template) bool {
	declared, err := d.doc.Decode()
	return err == nil && template.Equal(declared, t)
}

type converted struct {
	Document
	err error
}

// convertAll converts every template on every CPU: each is rendered,
// parsed and validated once, independently of the others.
func convertAll(remotes []template.Remote) []converted {
	out := make([]converted, len(remotes))
	parallel.For(len(remotes), func(i int) {
		d, err := Convert(remotes[i])
		d.Key = remotes[i].Key()
		out[i] = converted{d, err}
	})
	return out
}

// place decides the file of every document and adds the files to write to
// batch: declared templates are replaced in their files, new ones get new
// files in dir, named so that no two collide and no file that exists is
// replaced. A declaration in a symbolic link that leads out of scope, the
// folder whose declarations count, is not replaced: import writes only
// inside that folder.
func place(docs []Document, declared map[template.Key]declaration, scope, dir, schemaURL string, batch *atomicfile.Batch) ([]Written, error) {
	var written []Written
	perFile := map[string]map[template.Key]Document{}
	used := map[string]bool{}
	for _, d := range docs {
		if decl, ok := declared[d.Key]; ok {
			file := decl.at.File
			if perFile[file] == nil {
				perFile[file] = map[template.Key]Document{}
			}
			perFile[file][d.Key] = d
			written = append(written, Written{Key: d.Key, File: file, Replaced: true, Ignore: d.Ignore, Notes: d.Notes})
			continue
		}
		file, err := freeName(dir, d.Key, used)
		if err != nil {
			return nil, err
		}
		batch.Add(file, d.text(schemaURL))
		written = append(written, Written{Key: d.Key, File: file, Ignore: d.Ignore, Notes: d.Notes})
	}
	files := make([]string, 0, len(perFile))
	for f := range perFile {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, file := range files {
		if dest, ok := atomicfile.ResolvesInside(scope, file); !ok {
			return nil, fmt.Errorf("%s is a symbolic link to %s, outside %s, where import does not write; replace the link with a copy to import into it", file, dest, scope)
		}
		data, d := spec.ReadFile(file)
		if d != nil {
			return nil, errors.New(d.String())
		}
		out, err := replaceDocuments(file, data, perFile[file])
		if err != nil {
			return nil, err
		}
		batch.Add(file, out)
	}
	slices.SortFunc(written, func(a, b Written) int { return a.Key.Compare(b.Key) })
	return written, nil
}

// freeName returns the path of a new file for k in dir that neither exists
// nor was given to another template of this import. Names are compared
// without case, as some file systems do.
func freeName(dir string, k template.Key, used map[string]bool) (string, error) {
	for i := range 100 {
		name := FileName(k)
		if i > 0 {
			name = hashedName(k, i)
		}
		file := filepath.Join(dir, name)
		if used[strings.ToLower(file)] {
			continue
		}
		if _, err := os.Lstat(file); !errors.Is(err, os.ErrNotExist) {
			continue
		}
		used[strings.ToLower(file)] = true
		return file, nil
	}
	return "", fmt.Errorf("no free file name for %s in %s", k, dir)
}

// inside reports whether dir is root or below it.
func inside(root, dir string) bool {
	r, err1 := filepath.Abs(root)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(r, d)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
