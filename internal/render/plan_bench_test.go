package render

import (
	"io"
	"testing"
	"time"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/plan/plantest"
)

func BenchmarkRender6000(b *testing.B) {
	desired, remote := plantest.Account(6000)
	p, err := plan.Compute(desired, remote, plan.Policy{Prune: true, Force: true, Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	formats := []struct {
		name   string
		render func(io.Writer, *plan.Plan) error
	}{
		{"text", func(w io.Writer, p *plan.Plan) error { return PlanText(w, p, false) }},
		{"colour", func(w io.Writer, p *plan.Plan) error { return PlanText(w, p, true) }},
		{"markdown", func(w io.Writer, p *plan.Plan) error { return PlanMarkdown(w, p, 0) }},
		{"json", PlanJSON},
	}
	for _, f := range formats {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f.render(io.Discard, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
