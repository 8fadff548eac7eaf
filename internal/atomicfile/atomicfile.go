// Package atomicfile writes files so that a reader, or a crash, never sees
// them half written: DESIGN.md's "nothing is written unless it is complete".
// A file that exists keeps what the file system knows about it: its mode,
// its owner where the process may set it, and the links that point to it.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// newFileMode is the mode of a file that did not exist before.
const newFileMode = 0o644

// workers bounds the files written or synced at once: the work waits on
// the file system, and a journaling one commits concurrent syncs together.
const workers = 32

// ErrHardLinked is returned for a file that has other hard links: replacing
// it through a rename would leave the other names holding the old content.
var ErrHardLinked = errors.New("the file has other hard links, which a replacement would detach")

// Write writes data to name as one step, as a Batch of one file does.
func Write(name string, data []byte) error {
	var b Batch
	b.Add(name, data)
	return b.Commit()
}

// A Batch writes several files as one step: after Commit either every file
// holds its new content or, on error, every file and folder is as it was.
type Batch struct {
	// MakeDirs creates the missing parent folders of new files; a failed
	// Commit removes them again.
	MakeDirs bool

	files []pending

	mu         sync.Mutex    // guards what Prewrite adds to
	created    []string      // folders made for new files, outermost first
	prewritten []*Prewritten // by Prewrite, claimed or not
}

// Prewritten is a new file's content written to a temporary file by
// Prewrite, waiting for its name.
type Prewritten struct {
	dir, tmp string
	data     []byte
	claimed  bool
}

type pending struct {
	name string
	data []byte

	pre     *Prewritten // its content written ahead, if it was
	target  string      // name, or the file its symbolic link resolves to
	old     fs.FileInfo // the file being replaced; nil for a new one
	tmp     string      // the new content, until renamed over target
	backup  string      // a link to the old content, until committed
	renamed bool
}

// Add schedules data to be written to name. A symbolic link is followed
// and its target replaced, so the link stays.
func (b *Batch) Add(name string, data []byte) {
	b.files = append(b.files, pending{name: name, data: data})
}

// Prewrite writes data at once to a temporary file in dir, for a new file
// whose name is not known yet: import names new files once the whole
// account is listed, and writes them while it lists. AddPrewritten then
// gives the file its name. It may be called from several goroutines at
// once (but not with Add, AddPrewritten or Commit). What Prewrite wrote
// and no file claimed is removed by Commit, as by Discard.
func (b *Batch) Prewrite(dir string, data []byte) (*Prewritten, error) {
	if b.MakeDirs {
		b.mu.Lock()
		made, err := mkdirs(dir)
		b.created = append(b.created, made...)
		b.mu.Unlock()
		if err != nil {
			return nil, fmt.Errorf("write into %s: %w", dir, err)
		}
	}
	tmp, err := writeTemp(dir, data, nil)
	if err != nil {
		return nil, fmt.Errorf("write into %s: %w", dir, err)
	}
	p := &Prewritten{dir: filepath.Clean(dir), tmp: tmp, data: data}
	b.mu.Lock()
	b.prewritten = append(b.prewritten, p)
	b.mu.Unlock()
	return p, nil
}

// AddPrewritten schedules p to become the new file name, a file of the
// folder p was written in; if name has come to exist meanwhile (or leads
// elsewhere), p's content is written to it as Add would.
func (b *Batch) AddPrewritten(name string, p *Prewritten) {
	p.claimed = true
	b.files = append(b.files, pending{name: name, data: p.data, pre: p})
}

// Discard abandons the batch: it removes what Prewrite wrote and the
// folders it made.
func (b *Batch) Discard() {
	b.dropPrewritten(false)
	removeDirs(b.created)
	*b = Batch{MakeDirs: b.MakeDirs}
}

// dropPrewritten removes the prewritten files, or only those no file
// claimed.
func (b *Batch) dropPrewritten(unclaimedOnly bool) {
	for _, p := range b.prewritten {
		if !unclaimedOnly || !p.claimed {
			os.Remove(p.tmp)
		}
	}
}

// Commit writes every file added. Each is written to a temporary file next
// to it (named so that even a 255-byte file name fits), synced, given the
// mode and owner of the file it replaces, and renamed over it. A failure
// at any step undoes the steps before it.
func (b *Batch) Commit() (err error) {
	defer func() {
		if err != nil {
			b.rollback()
		}
	}()
	b.dropPrewritten(true)
	if err := each(len(b.files), func(i int) error {
		if err := b.files[i].resolve(); err != nil {
			return fmt.Errorf("write %s: %w", b.files[i].name, err)
		}
		return nil
	}); err != nil {
		return err
	}
	var newDirs []string // the folders of new files
	for i := range b.files {
		p := &b.files[i]
		if d := filepath.Dir(p.target); p.old == nil && b.MakeDirs && !slices.Contains(newDirs, d) {
			newDirs = append(newDirs, d)
		}
	}
	for _, d := range newDirs {
		made, err := mkdirs(d)
		b.created = append(b.created, made...)
		if err != nil {
			return fmt.Errorf("write into %s: %w", d, err)
		}
	}
	// Creating thousands of files waits on the file system more than on
	// the CPU, so they are written several at a time.
	if err := each(len(b.files), func(i int) error {
		p := &b.files[i]
		if p.pre != nil && p.old == nil && filepath.Dir(p.target) == p.pre.dir {
			p.tmp = p.pre.tmp
			return nil
		}
		if p.pre != nil {
			os.Remove(p.pre.tmp)
		}
		var err error
		if p.tmp, err = writeTemp(filepath.Dir(p.target), p.data, p.old); err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := b.sync(); err != nil {
		return err
	}
	for i := range b.files {
		p := &b.files[i]
		if p.old != nil {
			if p.backup, err = backup(p.target); err != nil {
				return fmt.Errorf("write %s: %w", p.name, err)
			}
		}
		if err := os.Rename(p.tmp, p.target); err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
		p.renamed = true
	}
	var dirs []string
	for i := range b.files {
		p := &b.files[i]
		if p.backup != "" {
			os.Remove(p.backup)
		}
		if d := filepath.Dir(p.target); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	// The renames are durable once their folders are synced; a file system
	// that cannot sync a folder (some cannot) has nothing better to offer.
	for _, d := range dirs {
		if f, err := os.Open(d); err == nil {
			f.Sync()
			f.Close()
		}
	}
	*b = Batch{MakeDirs: b.MakeDirs}
	return nil
}

// resolve finds the file p replaces, following symbolic links, and
// refuses one that is not a regular file or that has other hard links.
func (p *pending) resolve() error {
	target, err := resolve(p.name)
	if err != nil {
		return err
	}
	p.target = target
	info, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("not a regular file (%v)", info.Mode().Type())
	case links(info) > 1:
		return ErrHardLinked
	}
	p.old = info
	return nil
}

// writeTemp writes data to a temporary file in dir, with the mode and
// owner of the file old it is to replace (nil for a new file), and returns
// its name, which is also set when it fails after creating it.
func writeTemp(dir string, data []byte, old fs.FileInfo) (string, error) {
	tmp, err := os.CreateTemp(dir, ".waform-*.tmp")
	if err != nil {
		return "", err
	}
	mode := fs.FileMode(newFileMode)
	if old != nil {
		mode = old.Mode().Perm()
		keepOwner(tmp, old)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// resolve follows name's symbolic links, if any, to the file to replace.
// A dangling link resolves to the path it names.
func resolve(name string) (string, error) {
	for range 40 { // the limit the kernel itself puts on a chain of links
		info, err := os.Lstat(name)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return name, nil
		}
		dest, err := os.Readlink(name)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(name), dest)
		}
		name = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

// mkdirs creates dir and its missing parents, returning those it created,
// outermost first.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		missing = append(missing, d)
	}
	slices.Reverse(missing)
	for i, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return missing[:i], err
		}
	}
	return missing, nil
}

// backup keeps the old content of target reachable under a temporary name,
// so a failed batch can put it back: a hard link, or where the file system
// has none, a copy.
func backup(target string) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), ".waform-*.old")
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	tmp.Close()
	os.Remove(name)
	if os.Link(target, name) == nil {
		return name, nil
	}
	data, err := os.ReadFile(target)
	info, serr := os.Stat(target)
	if err == nil && serr == nil {
		err = os.WriteFile(name, data, 0o600)
	}
	if err == nil && serr == nil {
		err = os.Chmod(name, info.Mode().Perm())
	}
	err = errors.Join(err, serr)
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("keep the old content for an undo: %w", err)
	}
	return name, nil
}

// sync syncs every temporary file written.
func (b *Batch) sync() error {
	names := make([]string, len(b.files))
	for i, p := range b.files {
		names[i] = p.tmp
	}
	return syncAll(names)
}

// manyFiles is the number of files past which one sync of everything beats
// a sync per file.
const manyFiles = 16

// syncEach syncs files, several at a time.
func syncEach(files []string) error {
	return each(len(files), func(i int) error { return syncFile(files[i]) })
}

// each calls f for 0 to n-1, several at a time, and joins the errors.
func each(n int, f func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rollback undoes a failed Commit: renamed files get their old content
// back (or are removed if they are new), temporary files are removed, then
// the folders made for new files.
func (b *Batch) rollback() {
	for i := len(b.files) - 1; i >= 0; i-- {
		p := &b.files[i]
		switch {
		case p.renamed && p.backup != "":
			os.Rename(p.backup, p.target)
		case p.renamed:
			os.Remove(p.target)
		case p.backup != "":
			os.Remove(p.backup)
		}
		if p.tmp != "" && !p.renamed {
			os.Remove(p.tmp)
		}
	}
	// Commit dropped the unclaimed prewritten files first; a claimed one
	// not taken as its file's tmp is left if Commit failed before writing.
	for _, p := range b.files {
		if p.pre != nil && p.tmp != p.pre.tmp {
			os.Remove(p.pre.tmp)
		}
	}
	removeDirs(b.created)
	*b = Batch{MakeDirs: b.MakeDirs}
}

// removeDirs removes the folders a batch made, innermost first: only those
// left empty go.
func removeDirs(created []string) {
	for i := len(created) - 1; i >= 0; i-- {
		os.Remove(created[i])
	}
}

// ResolvesInside reports whether file, after following its symbolic links,
// is inside root (itself resolved), and where it leads. Write follows a
// link to replace its target: callers that must write only inside a folder
// ask this first.
func ResolvesInside(root, file string) (string, bool) {
	info, err := os.Lstat(file)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return file, true
	}
	dest, err := filepath.EvalSymlinks(file)
	if err != nil {
		return file, true // dangling: reading it reports why
	}
	base, err := filepath.EvalSymlinks(root)
	if err != nil {
		return dest, false
	}
	rel, err := filepath.Rel(base, dest)
	return dest, err == nil && filepath.IsLocal(rel)
}
