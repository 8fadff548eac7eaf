package render

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/waform/waform/internal/clock"
)

// ProgressEvery is how often a long operation prints a plain progress line
// when stderr is not a terminal: often enough for a CI log to show the job
// is alive, rarely enough not to bury the results.
const ProgressEvery = 5 * time.Second

// Progress shows how far a long operation has come. On a terminal it keeps
// one live line, redrawn in place; elsewhere (a CI log, a file) it prints a
// plain line at most once per interval, since carriage returns would pile
// up there as garbage. Its methods may be called from several goroutines.
type Progress struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	clock clock.Clock
	every time.Duration
	last  time.Time // the last plain line, or the start
	line  string    // what the live line shows; "" when nothing is drawn
}

// NewProgress returns a Progress writing to w, a terminal when tty is set,
// that prints plain lines at most once every every by c.
func NewProgress(w io.Writer, tty bool, c clock.Clock, every time.Duration) *Progress {
	return &Progress{w: w, tty: tty, clock: c, every: every, last: c.Now()}
}

// Progress returns a Progress on the View's error stream, which keeps it
// out of the results on Out (a JSON or Markdown document stays clean).
func (v View) Progress(c clock.Clock) *Progress {
	return NewProgress(v.Err, v.ErrTerm.TTY, c, ProgressEvery)
}

// Update shows line as the current state.
func (p *Progress) Update(line string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		p.line = line
		fmt.Fprintf(p.w, "\r%s\x1b[K", line)
		return
	}
	if now := p.clock.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		fmt.Fprintln(p.w, line)
	}
}

// Clear erases the live line so that other output can be printed on the
// same terminal; the next Update draws it again. Off a terminal there is
// nothing to erase.
func (p *Progress) Clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.line != "" {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.line = ""
	}
}

// Done ends the live line with its final state, line, and a newline, so
// that what follows starts on a fresh line. Off a terminal the command's
// own summary follows, so nothing more is printed.
func (p *Progress) Done(line string) {
	if p == nil || !p.tty {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r%s\x1b[K\n", line)
	p.line = ""
}

// ApplyProgressLine is apply's progress, e.g. "apply: 37 of 100 actions
// done (3 failed)".
func ApplyProgressLine(finished, total, failed int) string {
	line := fmt.Sprintf("apply: %d of %d actions done", finished, total)
	if failed > 0 {
		line += fmt.Sprintf(" (%d failed)", failed)
	}
	return line
}

// ListProgressLine is the progress of a paginated listing, e.g. "plan:
// listed 4 pages (400 templates)".
func ListProgressLine(command string, pages, items int) string {
	return fmt.Sprintf("%s: listed %s (%s)", command, nounCount(pages, "page"), nounCount(items, "template"))
}
