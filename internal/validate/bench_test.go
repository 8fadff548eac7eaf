package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/bench"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
)

// benchFiles renders n templates into files of 100 documents each.
func benchFiles(n int) map[string][]byte { return bench.Batches(bench.Shapes, n) }

// BenchmarkValidate6000 loads and validates 6,000 templates, one file each
// as import writes them: the size of a verified business's whole template
// allowance. It measures what `waform validate templates/` does.
func BenchmarkValidate6000(b *testing.B) {
	dir := b.TempDir()
	for name, data := range benchFiles(6000) {
		for i, doc := range strings.Split(string(data), "---\n") {
			path := filepath.Join(dir, fmt.Sprintf("%s_%03d.yaml", filepath.Base(name), i))
			if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		docs, ds := Files(dir)
		if len(docs) != 6000 || !diag.HasErrors(ds) {
			b.Fatalf("%d documents, %d diagnostics", len(docs), len(ds))
		}
	}
}

// TestBenchShapes keeps the benchmark honest: the valid shapes really are
// valid, so it measures the full rule path, and the broken one is reported.
func TestBenchShapes(t *testing.T) {
	for i, shape := range bench.Shapes {
		docs, ds := spec.Parse("shape.yaml", []byte(fmt.Sprintf(shape, i)))
		ds = append(ds, Check(docs)...)
		broken := strings.HasPrefix(shape, "name: broken_")
		if broken != diag.HasErrors(ds) || (!broken && len(ds) > 0) {
			t.Errorf("shape %d: %v", i, ds)
		}
	}
}

// BenchmarkCheck6000 is BenchmarkValidate6000 without the YAML parsing: the
// validator's own share.
func BenchmarkCheck6000(b *testing.B) {
	var docs []*spec.Document
	for name, data := range benchFiles(6000) {
		d, _ := spec.Parse(name, data)
		docs = append(docs, d...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ds := Check(docs); !diag.HasErrors(ds) {
			b.Fatal("the broken templates were not reported")
		}
	}
}
