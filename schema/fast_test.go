package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/waform/waform/internal/bench"
	"github.com/waform/waform/internal/spec"
)

// TestFastBuilds fails when a schema uses a keyword the fast check does not
// implement: Check would then run jsonschema on every document again.
func TestFastBuilds(t *testing.T) {
	for name, src := range map[string][]byte{"template": Template, "config": Config} {
		if _, err := buildFast(src); err != nil {
			t.Errorf("%s schema: %v", name, err)
		}
	}
}

// TestFastAgrees checks that the fast check and jsonschema/v5 accept
// exactly the same values: every template and config document of the
// repository's fixtures, scripts, examples, fuzz seeds and the shared corpus,
// and, for each template, variants with one key removed or one value
// replaced, which reach the schema's if/then/else branches.
func TestFastAgrees(t *testing.T) {
	var n int
	check := func(kind Kind, name string, v any) {
		t.Helper()
		n++
		sch, err := kind.compiled()
		if err != nil {
			t.Fatal(err)
		}
		want := sch.Validate(v) == nil
		if got := kind.fast().valid(v); got != want {
			data, _ := json.Marshal(v)
			t.Errorf("%s: fast check says valid=%v, jsonschema says %v, for %s", name, got, want, data)
		}
	}
	for name, v := range fixtureValues(t) {
		kind := TemplateKind
		if strings.HasSuffix(name, "waform.yaml") || strings.Contains(name, "config") {
			kind = ConfigKind
		}
		check(kind, name, v)
		if kind == TemplateKind {
			mutations(v, "", func(ptr string, m any) { check(kind, name+" with "+ptr, m) })
		}
	}
	if n < 1000 {
		t.Errorf("only %d values compared; the fixtures were not found", n)
	}
	t.Logf("%d values compared", n)
}

// fixtureValues returns every document the repository's test data holds,
// keyed by where it came from.
func fixtureValues(t *testing.T) map[string]any {
	out := map[string]any{}
	addYAML := func(name string, data []byte) {
		docs, _ := spec.Parse(name, data)
		for i, d := range docs {
			out[name+"#"+strconv.Itoa(i)] = d.Value
		}
	}
	err := filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil || (d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != "..") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case spec.IsTemplateFile(p):
			addYAML(p, data)
		case strings.HasSuffix(p, ".txtar"):
			for _, f := range txtar.Parse(data).Files {
				if spec.IsTemplateFile(f.Name) {
					addYAML(p+":"+f.Name, f.Data)
				}
			}
		case strings.Contains(p, "testdata/fuzz/"):
			if seed, ok := fuzzSeed(data); ok {
				addYAML(p, seed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The shared corpus of real payloads, when present.
	_ = filepath.WalkDir(filepath.Join("..", "..", "shared", "corpus"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil {
			out[p] = v
		}
		return nil
	})
	return out
}

// fuzzSeed reads the input of a one-argument "go test fuzz v1" file.
func fuzzSeed(data []byte) ([]byte, bool) {
	_, rest, ok := strings.Cut(string(data), "\n")
	if !ok {
		return nil, false
	}
	rest = strings.TrimSpace(rest)
	for _, prefix := range []string{"[]byte(", "string("} {
		if inner, ok := strings.CutPrefix(rest, prefix); ok {
			s, err := strconv.Unquote(strings.TrimSuffix(inner, ")"))
			return []byte(s), err == nil
		}
	}
	return nil, false
}

// mutations calls visit with copies of root where the value at one pointer
// under ptr is removed (from an object) or replaced by a value of another
// type or an unexpected string.
func mutations(root any, ptr string, visit func(ptr string, v any)) {
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(mapsKeys(x)) {
				p := append(slices.Clone(path), k)
				visit(pointer(p)+" removed", replaced(root, p, nil, true))
				walk(x[k], p)
			}
		case []any:
			for i, item := range x {
				walk(item, append(slices.Clone(path), strconv.Itoa(i)))
			}
		}
		for _, r := range []any{"zz", json.Number("7"), strings.ToLower(str(v))} {
			visit(pointer(path)+" = "+str(r), replaced(root, path, r, false))
		}
	}
	walk(root, nil)
	_ = ptr
}

func str(v any) string { s, _ := v.(string); return s }

func mapsKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func pointer(path []string) string { return "/" + strings.Join(path, "/") }

// replaced returns a deep copy of v with the value at path replaced by r,
// or removed when remove is set.
func replaced(v any, path []string, r any, remove bool) any {
	if len(path) == 0 {
		return r
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[k] = val
		}
		if len(path) == 1 && remove {
			delete(out, path[0])
		} else {
			out[path[0]] = replaced(x[path[0]], path[1:], r, remove)
		}
		return out
	case []any:
		out := slices.Clone(x)
		i, _ := strconv.Atoi(path[0])
		out[i] = replaced(x[i], path[1:], r, remove)
		return out
	}
	return v
}

// BenchmarkFastValid runs the fast check on the benchmark's template
// shapes, the work Check does on every valid document.
func BenchmarkFastValid(b *testing.B) {
	var values []any
	for i := range bench.ValidShapes {
		docs, _ := spec.Parse("shape.yaml", []byte(bench.Document(bench.ValidShapes, i)))
		values = append(values, docs[0].Value)
	}
	f := TemplateKind.fast()
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range values {
			if !f.valid(v) {
				b.Fatal("a valid shape was refused")
			}
		}
	}
}
