package gen

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Write writes only what changed and removes what is stale; Stale finds
// only gen's own files of the language that it no longer writes; Outdated
// says what a write would change.
func TestFilesLifecycle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "wa")
	gofile := func(name, body string) File {
		return File{Path: name, Data: []byte("// " + header + "\n\npackage wa\n\n// " + body + "\n")}
	}
	files := []File{gofile("order.go", "v1"), gofile("welcome.go", "v1")}
	stale, err := Stale(dir, LangGo, files)
	if err != nil || stale != nil {
		t.Fatalf("Stale of a missing folder: %v, %v", stale, err)
	}
	outdated, err := Outdated(dir, files, nil)
	if want := []string{filepath.Join(dir, "order.go") + " (missing)", filepath.Join(dir, "welcome.go") + " (missing)"}; err != nil || !slices.Equal(outdated, want) {
		t.Errorf("Outdated before writing: %q, %v", outdated, err)
	}
	written, removed, err := Write(dir, files, nil)
	if err != nil || len(written) != 2 || len(removed) != 0 {
		t.Fatalf("first Write: %q, %q, %v", written, removed, err)
	}

	// Next run: welcome's template is gone and order changed. A hand-written
	// Go file and a generated file of another language stay.
	for name, data := range map[string]string{"notes.go": "package wa\n", "welcome.ts": "// " + header + "\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files = []File{gofile("order.go", "v2")}
	stale, err = Stale(dir, LangGo, files)
	if want := []string{filepath.Join(dir, "welcome.go")}; err != nil || !slices.Equal(stale, want) {
		t.Fatalf("Stale = %q, %v; want %q", stale, err, want)
	}
	outdated, err = Outdated(dir, files, stale)
	if want := []string{filepath.Join(dir, "order.go"), filepath.Join(dir, "welcome.go") + " (no longer generated)"}; err != nil || !slices.Equal(outdated, want) {
		t.Errorf("Outdated = %q, %v; want %q", outdated, err, want)
	}
	written, removed, err = Write(dir, files, stale)
	if err != nil || !slices.Equal(written, []string{filepath.Join(dir, "order.go")}) || !slices.Equal(removed, stale) {
		t.Fatalf("second Write: %q, %q, %v", written, removed, err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"notes.go", "order.go", "welcome.ts"}; !slices.Equal(names, want) {
		t.Errorf("folder holds %q, want %q", names, want)
	}
	if outdated, err := Outdated(dir, files, nil); err != nil || len(outdated) != 0 {
		t.Errorf("Outdated after writing: %q, %v", outdated, err)
	}
	if written, _, err := Write(dir, files, nil); err != nil || len(written) != 0 {
		t.Errorf("Write of unchanged files wrote %q, %v", written, err)
	}
}
