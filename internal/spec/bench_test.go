package spec

import (
	"testing"

	"github.com/waform/waform/internal/bench"
)

// BenchmarkLoad6000 reads and parses 6,000 template files, one per
// template as import writes them: the floor validate is measured against,
// plus the conversion to JSON values.
func BenchmarkLoad6000(b *testing.B) {
	dir := b.TempDir()
	if _, err := bench.WriteFiles(dir, bench.ValidShapes, 6000); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		docs, ds := Load(dir)
		if len(docs) != 6000 || len(ds) > 0 {
			b.Fatalf("%d documents, %v", len(docs), ds)
		}
	}
}
