package atomicfile

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWholeAndLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "state.json")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "new" {
		t.Fatalf("read %q, %v", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the file", len(entries))
	}
}

func TestWriteFailureLeavesTheFileAlone(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "missing", "f"), []byte("x")); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}

func TestWriteKeepsModeAndLinks(t *testing.T) {
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o600, 0o444, 0o640} {
		name := filepath.Join(dir, "m"+mode.String())
		if err := os.WriteFile(name, []byte("old"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(name, mode); err != nil { // past the umask
			t.Fatal(err)
		}
		if err := Write(name, []byte("new")); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Stat(name); err != nil || info.Mode().Perm() != mode {
			t.Errorf("mode %v became %v (%v)", mode, info.Mode().Perm(), err)
		}
	}

	target := filepath.Join(dir, "target.yaml")
	link := filepath.Join(dir, "link.yaml")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.yaml", link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file (%v)", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("the link's target holds %q, want new", got)
	}

	other := filepath.Join(dir, "hard.yaml")
	if err := os.Link(target, other); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	if err := Write(target, []byte("newer")); !errors.Is(err, ErrHardLinked) {
		t.Errorf("writing a hard-linked file: %v, want ErrHardLinked", err)
	}
	if got, _ := os.ReadFile(other); string(got) != "new" {
		t.Errorf("the other link holds %q", got)
	}
}

// A file name at the 255-byte limit leaves no room for a suffix: the
// temporary file must not be named after it.
func TestWriteLongName(t *testing.T) {
	name := filepath.Join(t.TempDir(), strings.Repeat("n", 250)+".yaml")
	if err := Write(name, []byte("x")); err != nil {
		t.Fatal(err)
	}
}

func TestBatchFailureUndoesEverything(t *testing.T) {
	dir := t.TempDir()
	kept := filepath.Join(dir, "kept.yaml")
	if err := os.WriteFile(kept, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := Batch{MakeDirs: true}
	b.Add(kept, []byte("new"))
	b.Add(filepath.Join(dir, "sub", "deeper", "new.yaml"), []byte("new"))
	b.Add(filepath.Join(dir, "sub", strings.Repeat("n", 300)), []byte("too long a name"))
	if err := b.Commit(); err == nil {
		t.Fatal("a file name over the limit was written")
	}
	if got, _ := os.ReadFile(kept); string(got) != "old" {
		t.Errorf("kept.yaml holds %q after a failed batch", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v after a failed batch, want only kept.yaml", names)
	}
}

func TestBatchWritesAll(t *testing.T) {
	dir := t.TempDir()
	b := Batch{MakeDirs: true}
	for i := range 50 {
		b.Add(filepath.Join(dir, "a", "b", fmt.Sprint(i)), []byte(fmt.Sprint(i)))
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "a", "b"))
	if len(entries) != 50 {
		t.Errorf("%d files, want 50", len(entries))
	}
	for _, e := range entries {
		if got, _ := os.ReadFile(filepath.Join(dir, "a", "b", e.Name())); string(got) != e.Name() {
			t.Errorf("%s holds %q", e.Name(), got)
		}
	}
}

// listing returns every entry under dir, folders included, with the
// content of files: what a failed or abandoned batch must leave as it was.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel] = "/"
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Files written ahead of their names become the files AddPrewritten
// names; what no file claimed is removed, and so is the temporary file of
// a name that came to exist meanwhile, which is replaced keeping its mode.
func TestPrewrite(t *testing.T) {
	dir := t.TempDir()
	into := filepath.Join(dir, "new", "templates")
	b := Batch{MakeDirs: true}
	var pre []*Prewritten
	for i := range 4 {
		p, err := b.Prewrite(into, []byte(fmt.Sprint("content ", i)))
		if err != nil {
			t.Fatal(err)
		}
		pre = append(pre, p)
	}
	if entries, _ := os.ReadDir(into); len(entries) != 4 {
		t.Fatalf("%d temporary files, want 4 written ahead", len(entries))
	}
	came := filepath.Join(into, "came.yaml")
	if err := os.WriteFile(came, []byte("someone else's"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.AddPrewritten(filepath.Join(into, "a.yaml"), pre[0])
	b.AddPrewritten(came, pre[1])
	b.Add(filepath.Join(into, "b.yaml"), []byte("added"))
	// pre[2] and pre[3] are never claimed.
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{".": "/", "a.yaml": "content 0", "came.yaml": "content 1", "b.yaml": "added"}
	if got := listing(t, into); !maps.Equal(got, want) {
		t.Errorf("folder holds %v, want %v", got, want)
	}
	if info, err := os.Stat(came); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the file that came meanwhile lost its mode: %v %v", info.Mode(), err)
	}
}

// A batch abandoned after Prewrite (import interrupted while listing), or
// whose Commit fails, leaves the folder exactly as it was, the folders it
// made removed.
func TestPrewriteUndone(t *testing.T) {
	dir := t.TempDir()
	kept := filepath.Join(dir, "kept.yaml")
	if err := os.WriteFile(kept, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := listing(t, dir)
	for _, commit := range []bool{false, true} {
		b := Batch{MakeDirs: true}
		for _, into := range []string{dir, filepath.Join(dir, "sub", "deeper")} {
			p, err := b.Prewrite(into, []byte("new"))
			if err != nil {
				t.Fatal(err)
			}
			b.AddPrewritten(filepath.Join(into, "new.yaml"), p)
		}
		if _, err := b.Prewrite(dir, []byte("never named")); err != nil {
			t.Fatal(err)
		}
		if !commit {
			b.Discard()
		} else {
			b.Add(kept, []byte("new"))
			b.Add(filepath.Join(dir, strings.Repeat("n", 300)), []byte("too long a name"))
			if err := b.Commit(); err == nil {
				t.Fatal("a file name over the limit was written")
			}
		}
		if got := listing(t, dir); !maps.Equal(got, before) {
			t.Errorf("commit %v: folder holds %v, want %v", commit, got, before)
		}
	}
}
