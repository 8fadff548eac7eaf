package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/template"
)

// ImportResult is what an import did, in the terms render knows: the
// command converts the importer's result into it, as it does a message into
// Message, so render does not depend on the importer.
type ImportResult struct {
	Written []ImportWritten // sorted by key
	// Skipped are declared already (without --overwrite), with where.
	Skipped []ImportSkipped
	// Same counts templates declared already as the remote holds them.
	Same int
	// Failed are the templates that cannot be imported (nothing was
	// written); Unreadable the remote templates that could not be read (not
	// imported, the others were).
	Failed     []ImportFailed
	Unreadable []template.Remote
}

// ImportWritten is one template written.
type ImportWritten struct {
	Key      template.Key
	File     string
	Replaced bool     // in place of the document that declared it
	Ignore   []string // rules its waform:ignore comment names
	Notes    []string // its "# waform:" notes
	// MediaHeader is the format of its media header (IMAGE, VIDEO,
	// DOCUMENT), "" when it has none.
	MediaHeader string
}

// ImportSkipped is a template declared already, at At.
type ImportSkipped struct {
	Key template.Key
	At  diag.Pos
}

// ImportFailed is a template that cannot be imported, and why.
type ImportFailed struct {
	Key template.Key
	Err error
}

// ImportProblems names on Err the templates an import could not convert
// or read, one line each.
func (v View) ImportProblems(r ImportResult) error {
	var b strings.Builder
	for _, f := range r.Failed {
		fmt.Fprintf(&b, "cannot import %s: %v\n", f.Key, f.Err)
	}
	for _, u := range r.Unreadable {
		fmt.Fprintf(&b, "not imported: %s %scannot be read (%s); waform leaves it untouched\n", u.Key().Label(), IDPrefix(u.ID), u.Unreadable)
	}
	_, err := io.WriteString(v.Err, b.String())
	return err
}

// Import writes on Out a line per template written or skipped, the
// summary, and a note per media header sample, which import writes as the
// CDN URL Meta answers (it expires).
func (v View) Import(r ImportResult) error {
	var b strings.Builder
	suppressed, replaced := 0, 0
	for _, w := range r.Written {
		note := ""
		if len(w.Ignore) > 0 {
			suppressed++
			note = " (waform:ignore " + strings.Join(w.Ignore, ", ") + ")"
		}
		for _, n := range w.Notes {
			note += "\n    note: " + n
		}
		if w.Replaced {
			replaced++
			fmt.Fprintf(&b, "replaced %s in %s%s\n", w.Key, w.File, note)
		} else {
			fmt.Fprintf(&b, "wrote %s%s\n", w.File, note)
		}
	}
	for _, k := range r.Skipped {
		fmt.Fprintf(&b, "skipped %s: already declared at %s\n", k.Key, k.At)
	}
	fmt.Fprintf(&b, "Imported %s", nounCount(len(r.Written), "template"))
	if replaced > 0 {
		fmt.Fprintf(&b, " (%d replaced where declared)", replaced)
	}
	if suppressed > 0 {
		fmt.Fprintf(&b, "; %d carry waform:ignore comments for rules Meta's older templates break", suppressed)
	}
	if n := r.Same; n > 0 {
		fmt.Fprintf(&b, "; %d already as the remote holds %s, left as written", n, oneOrMany(n, "it", "them"))
	}
	if n := len(r.Skipped); n > 0 {
		fmt.Fprintf(&b, "; %d skipped, already declared (pass --overwrite to replace %s)", n, oneOrMany(n, "it", "them"))
	}
	if n := len(r.Unreadable); n > 0 {
		fmt.Fprintf(&b, "; %d unreadable, not imported (named on stderr)", n)
	}
	b.WriteString(".\n")
	for _, w := range r.Written {
		if w.MediaHeader != "" {
			fmt.Fprintf(&b, "note: %s: the %s header sample is written as Meta answers it, a CDN URL that expires; "+
				"to re-create the template, save the file in the repository and put its path (./FILE, from the folder of %s) in header_handle\n",
				w.Key, w.MediaHeader, w.File)
		}
	}
	_, err := io.WriteString(v.Out, b.String())
	return err
}
