package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/plan/plantest"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/validate"
)

// A full account imports into files that validate and declare every
// template once; a second run finds them all declared and writes nothing.
func TestRunWholeAccount(t *testing.T) {
	_, remotes := plantest.Account(200)
	dir := filepath.Join(t.TempDir(), "templates")
	res, err := Run(remotes, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != len(remotes) {
		t.Fatalf("wrote %d templates, want %d", len(res.Written), len(remotes))
	}
	docs, ds := validate.Files(dir)
	if len(ds) != 0 || len(docs) != len(remotes) {
		t.Fatalf("%d documents, diagnostics %v", len(docs), ds)
	}
	res, err = Run(remotes, Options{Root: dir})
	if err != nil || len(res.Written) != 0 || len(res.Skipped) != len(remotes) {
		t.Fatalf("second run: wrote %d, skipped %d, %v", len(res.Written), len(res.Skipped), err)
	}
	res, err = Run(remotes, Options{Root: dir, Overwrite: true})
	if err != nil || len(res.Written) != 0 || len(res.Same) != len(remotes) {
		t.Fatalf("overwrite of an account in sync: wrote %d, same %d, %v", len(res.Written), len(res.Same), err)
	}
}

// A folder holding a file that does not parse could declare anything:
// import writes nothing rather than guess.
func TestRunRefusesAnUnreadableFolder(t *testing.T) {
	_, remotes := plantest.Account(3)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("name: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(remotes, Options{Root: dir})
	if err == nil || len(res.Problem) != 1 || res.Problem[0].Rule != spec.RuleYAMLSyntax {
		t.Fatalf("err %v, problems %v", err, res.Problem)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d entries in the folder, want only broken.yaml", len(entries))
	}
}

// Ctrl-C before the files are committed ends the import with nothing
// written, not a complete import after the user asked it to stop.
func TestRunStopsBeforeWritingWhenInterrupted(t *testing.T) {
	_, remotes := plantest.Account(20)
	dir := filepath.Join(t.TempDir(), "templates")
	stop := make(chan struct{})
	close(stop)
	res, err := Run(remotes, Options{Root: dir, Stop: stop})
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, ErrNothingWritten) || len(res.Written) != 0 {
		t.Fatalf("wrote %d, err %v; want nothing written and ErrInterrupted", len(res.Written), err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder was created: %v", err)
	}
}

// Templates handed over a page at a time import as they do all at once;
// an import abandoned part-way (the listing failed, or Ctrl-C) leaves the
// folder exactly as it was, although files were written ahead meanwhile.
func TestImportPageByPage(t *testing.T) {
	_, remotes := plantest.Account(250)
	root := t.TempDir()
	dir := filepath.Join(root, "templates")
	im := Start(Options{Root: dir})
	for page := range slices.Chunk(remotes[:200], 100) {
		im.Add(page)
	}
	for entries := 0; entries < 200; runtime.Gosched() {
		files, _ := os.ReadDir(dir)
		entries = len(files)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 200 {
		t.Fatalf("%d files written ahead, want 200", len(entries))
	}
	im.Abandon()
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Fatalf("an abandoned import left %d entries", len(entries))
	}

	im = Start(Options{Root: dir})
	for page := range slices.Chunk(remotes, 100) {
		im.Add(page)
	}
	res, err := im.Finish()
	if err != nil || len(res.Written) != len(remotes) {
		t.Fatalf("wrote %d of %d: %v", len(res.Written), len(remotes), err)
	}
	all := filepath.Join(root, "all")
	if _, err := Run(remotes, Options{Root: all}); err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Written {
		got, _ := os.ReadFile(w.File)
		want, _ := os.ReadFile(filepath.Join(all, filepath.Base(w.File)))
		if len(got) == 0 || !bytes.Equal(got, want) {
			t.Fatalf("%s differs from the import of all at once:\n%s\n%s", w.File, got, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(remotes) {
		t.Errorf("%d entries in the folder, want %d files and no temporary one", len(entries), len(remotes))
	}
}

// A template that cannot be converted makes the import write nothing,
// although the files of the others were written ahead meanwhile.
func TestRunOneFailureWritesNothing(t *testing.T) {
	_, remotes := plantest.Account(300)
	bad := remotes[0]
	bad.Name, bad.ID = "Not A Valid Name", "bad-1"
	remotes = append(remotes, bad)
	root := t.TempDir()
	res, err := Run(remotes, Options{Root: filepath.Join(root, "templates")})
	if !errors.Is(err, ErrNothingWritten) || len(res.Failed) != 1 || len(res.Written) != 0 {
		t.Fatalf("wrote %d, failed %v, err %v; want one failure and nothing written", len(res.Written), res.Failed, err)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("the folder holds %d entries after a failed import, want none", len(entries))
	}
}

// A template declared through a symbolic link to a file outside the
// templates folder is not replaced there: import writes only inside the
// folder (as fmt does), so it writes nothing and says why.
func TestRunDoesNotWriteThroughALinkOutTheFolder(t *testing.T) {
	_, remotes := plantest.Account(2)
	outside := t.TempDir()
	if _, err := Run(remotes[:1], Options{Root: outside}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(outside)
	if err != nil || len(entries) != 1 {
		t.Fatalf("%v, %v", entries, err)
	}
	target := filepath.Join(outside, entries[0].Name())
	old, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(old, []byte("text: "), []byte("text: Edited "), 1)
	if bytes.Equal(edited, old) {
		t.Fatalf("no text to edit in %s", old)
	}
	if err := os.WriteFile(target, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "templates")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "linked.yaml")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	_, err = Run(remotes, Options{Root: dir, Overwrite: true})
	if !errors.Is(err, ErrNothingWritten) || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("err %v, want nothing written because the link leads outside", err)
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, edited) {
		t.Errorf("the file outside the folder changed:\n%s", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want only the link", len(entries))
	}
}

// BenchmarkImport6000 imports a full account of 6,000 templates into an
// empty folder: conversion, validation, placement and the atomic write.
func BenchmarkImport6000(b *testing.B) {
	_, remotes := plantest.Account(6000)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "templates")
		b.StartTimer()
		if _, err := Run(remotes, Options{Root: dir}); err != nil {
			b.Fatal(err)
		}
	}
}

// A declared file that goes away between the look for declarations and
// its replacement is reported as a diagnostic of that file, like one
// unreadable from the start, and nothing is written.
func TestOverwriteReportsAFileGoneMeanwhile(t *testing.T) {
	_, remotes := plantest.Account(2)
	remotes = remotes[:1]
	dir := t.TempDir()
	if _, err := Run(remotes, Options{Root: dir}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) != 1 {
		t.Fatalf("files %v", files)
	}
	old, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	// Edited, so that overwriting it is not a no-op.
	if err := os.WriteFile(files[0], bytes.Replace(old, []byte("text: "), []byte("text: Edited "), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	im := Start(Options{Root: dir, Overwrite: true})
	<-im.loaded
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	im.Add(remotes)
	res, err := im.Finish()
	if !errors.Is(err, ErrNothingWritten) {
		t.Fatalf("err %v, want nothing written", err)
	}
	if len(res.Problem) != 1 || res.Problem[0].File != files[0] || res.Problem[0].Rule != spec.RuleFileRead {
		t.Errorf("problems %+v, want one %s diagnostic of %s", res.Problem, spec.RuleFileRead, files[0])
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d entries left in the folder, want none", len(entries))
	}
}

// An account may list one name and language twice (two ids). The file
// named after the template goes to the one listed first and the other gets
// a name with a digest, the same at every run: conversions finish in any
// order, and an unstable sort by key alone left the choice to chance.
func TestRunTwiceListedKeyKeepsListingOrder(t *testing.T) {
	_, remotes := plantest.Account(100)
	first := remotes[40]
	second := first
	second.ID = "twin"
	second.Components = slices.Clone(first.Components)
	for i, c := range second.Components {
		if c.Type == "BODY" {
			second.Components[i].Text += " Listed second."
		}
	}
	remotes = slices.Insert(remotes, 70, second)
	for run := range 8 {
		dir := filepath.Join(t.TempDir(), "templates")
		res, err := Run(remotes, Options{Root: dir})
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, w := range res.Written {
			if w.Key == first.Key() {
				files = append(files, w.File)
			}
		}
		if len(files) != 2 {
			t.Fatalf("run %d: %d files for %s, want 2", run, len(files), first.Key())
		}
		plain, _ := os.ReadFile(filepath.Join(dir, first.Key().Name+"."+first.Key().Language+".yaml"))
		if len(plain) == 0 || strings.Contains(string(plain), "Listed second.") {
			t.Fatalf("run %d: the file named after %s holds the template listed second:\n%s", run, first.Key(), plain)
		}
	}
}
