package render

import (
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
)

func TestProgressOnTerminalRedrawsOneLine(t *testing.T) {
	var b strings.Builder
	p := NewProgress(&b, true, clock.NewFake(time.Unix(0, 0)), 5*time.Second)
	p.Update(ApplyProgressLine(1, 3, 0))
	p.Update(ApplyProgressLine(2, 3, 1))
	p.Clear()
	b.WriteString("result line\n")
	p.Update(ApplyProgressLine(3, 3, 1))
	p.Done(ApplyProgressLine(3, 3, 1))
	want := "\rapply: 1 of 3 actions done\x1b[K" +
		"\rapply: 2 of 3 actions done (1 failed)\x1b[K" +
		"\r\x1b[K" + "result line\n" +
		"\rapply: 3 of 3 actions done (1 failed)\x1b[K" +
		"\rapply: 3 of 3 actions done (1 failed)\x1b[K\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestProgressOffTerminalPrintsAfterTheInterval(t *testing.T) {
	var b strings.Builder
	c := clock.NewFake(time.Unix(0, 0))
	p := NewProgress(&b, false, c, 5*time.Second)
	p.Update(ListProgressLine("plan", 1, 100))
	c.Advance(4 * time.Second)
	p.Update(ListProgressLine("plan", 2, 200))
	p.Clear()
	if b.String() != "" {
		t.Fatalf("printed before the interval: %q", b.String())
	}
	c.Advance(time.Second)
	p.Update(ListProgressLine("plan", 3, 300))
	c.Advance(time.Second)
	p.Update(ListProgressLine("plan", 4, 400)) // 1 s after the last line: quiet
	c.Advance(5 * time.Second)
	p.Update(ListProgressLine("plan", 5, 500))
	p.Done(ListProgressLine("plan", 5, 500))
	want := "plan: listed 3 pages (300 templates)\nplan: listed 5 pages (500 templates)\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestProgressLines(t *testing.T) {
	for got, want := range map[string]string{
		ApplyProgressLine(37, 100, 3):    "apply: 37 of 100 actions done (3 failed)",
		ApplyProgressLine(2, 5, 0):       "apply: 2 of 5 actions done",
		ListProgressLine("plan", 1, 3):   "plan: listed 1 page (3 templates)",
		ListProgressLine("plan", 1, 1):   "plan: listed 1 page (1 template)",
		ListProgressLine("plan", 1, 0):   "plan: listed 1 page (0 templates)",
		ListProgressLine("plan", 4, 400): "plan: listed 4 pages (400 templates)",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
