package cli

import (
	"strings"
	"testing"

	"github.com/waform/waform/internal/bench"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// BenchmarkPlan6000 runs `waform plan` on 6,000 template files against an
// emulated account holding the same 6,000 (no latency): validation, the
// list, the plan's computation and its text, as one command.
func BenchmarkPlan6000(b *testing.B) {
	a := newPlanAccount(b, planConfig, nil)
	files, err := bench.WriteFiles("templates", bench.ValidShapes, 6000)
	if err != nil {
		b.Fatal(err)
	}
	docs, ds := spec.Load(files...)
	if len(ds) > 0 {
		b.Fatal(ds)
	}
	for _, d := range docs {
		t, err := d.Decode()
		if err != nil {
			b.Fatal(err)
		}
		a.seed(b, "APPROVED", template.ForCreate(t))
	}
	b.ReportAllocs()
	for b.Loop() {
		if code, out, errOut := a.run(b, "--detailed-exitcode"); code != 0 || !strings.Contains(out, "No changes") {
			b.Fatalf("exit %d:\n%s%s", code, out, errOut)
		}
	}
}
