package spec

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestYAMLMistakes: each file in testdata/mistakes holds one mistake people
// make writing templates by hand; its .golden file holds what waform says
// about it, which must name the place and the change to make.
func TestYAMLMistakes(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "mistakes", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, ds := Parse(filepath.Base(file), data)
			var b strings.Builder
			for _, d := range ds {
				b.WriteString(d.String() + "\n")
			}
			want := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(want, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			expected, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if b.String() != string(expected) {
				t.Errorf("got\n%s\nwant\n%s", b.String(), expected)
			}
		})
	}
}

// The list hint must not fire on well-formed nesting: lists in list items,
// a list under a key, dedents back to an outer list, block scalars.
func TestListIndentHintAcceptsNesting(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "mistakes", "fine-nested-lists.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if pos, msg, ok := listIndentHint(strings.Split(string(data), "\n")); ok {
		t.Errorf("hint on well-formed lists at %v: %s", pos, msg)
	}
	for _, dir := range []string{"../../templates", "../../examples"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if pos, msg, ok := listIndentHint(strings.Split(string(data), "\n")); ok {
				t.Errorf("%s: hint on a valid file at %v: %s", p, pos, msg)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// The indicator and key hints must not fire on well-formed YAML: quoted
// values, flow lists and mappings, block scalars, with or without a comment
// after them, nested mappings and lists, in every shipped template and
// example.
func TestHintsAcceptValidFiles(t *testing.T) {
	checked := 0
	for _, dir := range []string{"../../templates", "../../examples", "../validate/testdata/valid", "testdata", "../../.github", "../../action.yml"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") && !strings.HasSuffix(p, ".yml") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if _, ds := Parse(p, data); len(ds) > 0 {
				return nil // a fixture of a mistake
			}
			if pos, msg, ok := keyIndentHint(strings.Split(string(data), "\n")); ok {
				t.Errorf("%s: key hint on a valid file at %v: %s", p, pos, msg)
			}
			if pos, msg, ok := listIndentHint(strings.Split(string(data), "\n")); ok {
				t.Errorf("%s: list hint on a valid file at %v: %s", p, pos, msg)
			}
			for i, l := range strings.Split(string(data), "\n") {
				if m := anyValue.FindStringSubmatch(l); m != nil {
					checked++
					if d, ok := indicatorHint(diag.Pos{File: p, Line: i + 1}, m[1], strings.TrimRight(m[2], " \t")); ok {
						t.Errorf("hint on a valid value: %s", d)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 300 {
		t.Errorf("checked only %d values", checked)
	}
}
