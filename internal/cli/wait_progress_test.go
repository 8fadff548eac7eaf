package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/template"
)

// The wait progress gives elapsed and remaining time on every poll and
// names the pending templates only when they change.
func TestWaitProgressNamesOnlyChanges(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var errOut bytes.Buffer
	o := waitOptions(clock.With(context.Background(), clk), 10*time.Minute, Streams{Err: &errOut})
	a := template.Remote{Template: template.Template{Name: "a", Language: "en"}}
	b := template.Remote{Template: template.Template{Name: "b", Language: "en"}}
	o.Progress([]template.Remote{a, b})
	clk.Advance(90 * time.Second)
	o.Progress([]template.Remote{a, b})
	clk.Advance(30 * time.Second)
	o.Progress([]template.Remote{b})
	want := []string{
		"waiting for review: 2 PENDING, 0s elapsed, 10m0s left (a (en), b (en))",
		"waiting for review: 2 PENDING, 1m30s elapsed, 8m30s left",
		"waiting for review: 1 PENDING, 2m0s elapsed, 8m0s left (b (en))",
	}
	if got := strings.Split(strings.TrimSpace(errOut.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
