package cli

import (
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The README's code layout table names every package under internal/ (and
// schema) with the internal packages it imports: a new import or package
// that the table does not show fails here, so the layout a reader learns
// is the one the code has.
func TestCodeLayoutMatchesImports(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Code layout\n")
	if !ok {
		t.Fatal("README.md has no Code layout section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	table := map[string][]string{}
	row := map[string]int{}
	for line := range strings.Lines(section) {
		cells := strings.Split(strings.TrimSpace(line), " | ")
		if len(cells) != 3 || !strings.HasPrefix(cells[0], "| `") {
			continue
		}
		imports := splitNames(strings.TrimSuffix(strings.TrimSuffix(cells[2], "|"), " "))
		for _, name := range splitNames(strings.TrimPrefix(cells[0], "| ")) {
			table[name] = imports
			row[name] = len(row)
		}
	}

	for name, imports := range table {
		for _, imp := range imports {
			if r, ok := row[imp]; ok && r <= row[name] {
				t.Errorf("README's code layout lists %s, which %s imports, above it: imports flow down the table", imp, name)
			}
		}
	}

	dirs, err := filepath.Glob(filepath.Join(repoRoot, "internal", "*"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, filepath.Join(repoRoot, "schema"))
	for _, dir := range dirs {
		name := filepath.Base(dir)
		got, isPackage := internalImports(t, dir)
		if !isPackage {
			continue
		}
		want, listed := table[name]
		if !listed {
			t.Errorf("README's code layout does not list package %s (it imports %s)", name, strings.Join(got, ", "))
			continue
		}
		delete(table, name)
		if !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("README's code layout says %s imports %q; it imports %q", name, want, got)
		}
	}
	for name := range table {
		t.Errorf("README's code layout lists %s, which is not a package", name)
	}
}

// splitNames reads "`a`, `b`" or "a, b" as its names.
func splitNames(cell string) []string {
	var names []string
	for n := range strings.SplitSeq(cell, ",") {
		if n = strings.Trim(strings.TrimSpace(n), "`"); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// internalImports lists, sorted, the waform packages dir's non-test Go files import,
// by their last path element, and whether dir holds Go files at all.
func internalImports(t *testing.T, dir string) ([]string, bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	isPackage := false
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		isPackage = true
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range parsed.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(path, "github.com/waform/waform/"); ok {
				seen[filepath.Base(rest)] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen)), isPackage
}
