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
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/diag"
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

// Run imports remotes into the folder opts names, as an Import given them
// all at once does.
func Run(remotes []template.Remote, opts Options) (Result, error) {
	im := Start(opts)
	im.Add(remotes)
	return im.Finish()
}

// An Import imports the templates handed to Add as they are listed: each
// is converted as it comes, and the file of a template the folder does not
// declare yet is written at once under a temporary name, so that what an
// import costs is spent while the account is still being listed. Finish
// then decides what goes where and commits it all, or removes what was
// written ahead: until then nothing shows in the folder but hidden
// temporary files. Add, then Finish or Abandon (once), are called from one
// goroutine.
type Import struct {
	opts       Options
	dir, scope string // where new files go; where declarations count

	loaded   chan struct{} // closed once declared and problems are set
	declared map[template.Key]declaration
	problems []diag.Diagnostic

	work       chan listed
	listed     int // templates given to Add so far
	workers    sync.WaitGroup
	ahead      chan *converted // files to write ahead
	writer     sync.WaitGroup
	batch      atomicfile.Batch
	unreadable []template.Remote

	mu        sync.Mutex
	converted []*converted // in the order converted
}

// Start starts an import into the folder opts names: it reads what the
// folder declares while the converting goroutines wait for templates.
func Start(opts Options) *Import {
	dir := cmp.Or(opts.Dir, opts.Root)
	scope := dir
	if inside(opts.Root, dir) {
		scope = opts.Root
	}
	im := &Import{opts: opts, dir: dir, scope: scope, loaded: make(chan struct{}),
		work: make(chan listed, 256), ahead: make(chan *converted, 256), batch: atomicfile.Batch{MakeDirs: true}}
	go func() {
		im.declared, im.problems = declarations(scope)
		close(im.loaded)
	}()
	for range runtime.GOMAXPROCS(0) {
		im.workers.Go(im.convertEach)
	}
	// One goroutine creates the files: creations in one folder take turns
	// in the kernel, and more writers only spin waiting for each other.
	im.writer.Go(im.writeAhead)
	return im
}

// wait waits for the templates queued to be converted and their files
// written ahead.
func (im *Import) wait() {
	close(im.work)
	im.workers.Wait()
	close(im.ahead)
	im.writer.Wait()
	<-im.loaded
}

// Add queues the templates of one page of the listing.
func (im *Import) Add(remotes []template.Remote) {
	for _, r := range remotes {
		switch {
		case !inScope(r, im.opts):
		case r.Unreadable != "":
			im.unreadable = append(im.unreadable, r)
		default:
			im.work <- listed{r, im.listed}
			im.listed++
		}
	}
}

// convertEach converts queued templates until the queue closes, and
// writes ahead the files of those that will be new. Once the import is
// stopped it only drains the queue.
func (im *Import) convertEach() {
	for l := range im.work {
		if stopped(im.opts.Stop) {
			continue
		}
		d, err := Convert(l.r)
		d.Key = l.r.Key()
		c := &converted{d, err, l.seq}
		if err == nil && im.new(c.Key) {
			im.ahead <- c
		}
		im.mu.Lock()
		im.converted = append(im.converted, c)
		im.mu.Unlock()
	}
}

// new reports a template whose file is to be written ahead: one the
// folder does not declare, which will get a new file.
func (im *Import) new(k template.Key) bool {
	<-im.loaded
	_, declared := im.declared[k]
	return !declared && len(im.problems) == 0
}

// writeAhead writes the files of new templates ahead. Their names wait for
// Finish, which names new files in key order once every template is
// known, as the content of those that break a rule spanning documents
// also does (ignoreAcross).
func (im *Import) writeAhead() {
	failed := false
	for c := range im.ahead {
		if failed || stopped(im.opts.Stop) {
			continue
		}
		pre, err := im.batch.Prewrite(im.dir, c.text(im.opts.SchemaURL))
		// Finish writes what could not be written ahead, and says why if
		// it fails again.
		failed = err != nil
		c.pre = pre
	}
}

// Abandon ends an import whose listing failed: nothing is written, and
// what was written ahead is removed.
func (im *Import) Abandon() {
	im.wait()
	im.batch.Discard()
}

// Finish imports what Add was given into the folder. It either writes
// every file it means to, or nothing: when a template cannot be converted
// or a file of the folder cannot be read, Result says which and the error
// wraps ErrNothingWritten.
func (im *Import) Finish() (Result, error) {
	im.wait()
	// After a Commit the batch is empty, and this removes nothing.
	defer im.batch.Discard()
	var res Result
	opts := im.opts
	if stopped(opts.Stop) {
		return res, fmt.Errorf("%w: %w", ErrInterrupted, ErrNothingWritten)
	}
	if len(im.problems) > 0 {
		res.Problem = im.problems
		return res, fmt.Errorf("%s holds files import cannot read, so it cannot tell what they declare; fix them first: %w",
			im.scope, ErrNothingWritten)
	}
	res.Unreadable = im.unreadable
	slices.SortFunc(res.Unreadable, func(a, b template.Remote) int { return a.Key().Compare(b.Key()) })
	all := im.converted
	// A key the account lists twice keeps the listing's order, which
	// decides the file named after it whatever order conversions end in.
	slices.SortFunc(all, func(a, b *converted) int { return cmp.Or(a.Key.Compare(b.Key), cmp.Compare(a.seq, b.seq)) })
	ignoreAcross(all)
	var toWrite []Document
	for _, d := range all {
		if d.err != nil {
			res.Failed = append(res.Failed, Failed{Key: d.Key, Err: d.err})
			continue
		}
		if decl, ok := im.declared[d.Key]; ok {
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
	written, err := place(toWrite, im.declared, im.scope, im.dir, opts.SchemaURL, &im.batch)
	if problem := (problemError{}); errors.As(err, &problem) {
		res.Problem = []diag.Diagnostic{problem.Diagnostic}
		return res, fmt.Errorf("%s holds a file import cannot read, so it cannot replace what it declares: %w", im.scope, ErrNothingWritten)
	}
	if err != nil {
		return res, fmt.Errorf("%w: %w", err, ErrNothingWritten)
	}
	if stopped(opts.Stop) {
		return res, fmt.Errorf("%w: %w", ErrInterrupted, ErrNothingWritten)
	}
	if len(written) == 0 {
		// An import of nothing still leaves the folder it was asked for,
		// so that the repository it starts holds its templates folder.
		return res, os.MkdirAll(im.dir, 0o755)
	}
	if err := im.batch.Commit(); err != nil {
		return res, fmt.Errorf("%w: %w", err, ErrNothingWritten)
	}
	res.Written = written
	return res, nil
}

// problemError is a file that could be read when import looked for
// declarations but not when it came to replace one there (it changed in
// between): Finish reports it as a diagnostic, like the files it could not
// read at first.
type problemError struct{ diag.Diagnostic }

func (e problemError) Error() string { return e.Diagnostic.String() }

func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// inScope reports a template to import: not ignored, matching the name
// glob, and not on its way out.
func inScope(r template.Remote, opts Options) bool {
	switch strings.ToUpper(r.Status) {
	case template.StatusDeleted, template.StatusPendingDeletion:
		return false
	}
	if matchAny(opts.Ignore, r.Name) {
		return false
	}
	ok, _ := path.Match(opts.Name, r.Name)
	return opts.Name == "" || ok
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
	seq int // its place in the listing
}

// listed is a template given to Add and its place in the listing.
type listed struct {
	r   template.Remote
	seq int
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
		if d.pre != nil {
			batch.AddPrewritten(file, d.pre)
		} else {
			batch.Add(file, d.text(schemaURL))
		}
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
			return nil, problemError{*d}
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
	return err == nil && filepath.IsLocal(rel)
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}
