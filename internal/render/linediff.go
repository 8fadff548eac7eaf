package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is how many unchanged lines --diff shows around a change.
const diffContext = 2

// LineDiff writes a line diff of before and after in the style of diff -u,
// without line numbers in the hunk headers: what `fmt --diff` shows.
func LineDiff(w io.Writer, file, before, after string) error {
	bw := bufio.NewWriter(w)
	writeLineDiff(bw, file, before, after)
	return bw.Flush()
}

func writeLineDiff(w io.Writer, file, before, after string) {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // a deadline would make the diff depend on machine load
	a, b, lines := dmp.DiffLinesToChars(before, after)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	fmt.Fprintf(w, "--- %s\n+++ %s (formatted)\n", file, file)
	for i, d := range diffs {
		text := strings.SplitAfter(d.Text, "\n")
		if text[len(text)-1] == "" {
			text = text[:len(text)-1]
		}
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			writePrefixed(w, "-", text)
		case diffmatchpatch.DiffInsert:
			writePrefixed(w, "+", text)
		default:
			writeContext(w, text, i > 0, i < len(diffs)-1)
		}
	}
}

// writeContext prints the unchanged lines next to a change: the first lines
// when a change follows, the last ones when a change precedes, and "@@"
// where lines are left out.
func writeContext(w io.Writer, lines []string, afterChange, beforeChange bool) {
	head, tail := 0, 0
	if afterChange {
		head = min(diffContext, len(lines))
	}
	if beforeChange {
		tail = min(diffContext, len(lines)-head)
	}
	writePrefixed(w, " ", lines[:head])
	if head+tail < len(lines) && beforeChange {
		fmt.Fprintln(w, "@@")
	}
	writePrefixed(w, " ", lines[len(lines)-tail:])
}

func writePrefixed(w io.Writer, prefix string, lines []string) {
	for _, line := range lines {
		fmt.Fprint(w, prefix, line)
		if !strings.HasSuffix(line, "\n") {
			fmt.Fprintln(w, "\n\\ No newline at end of file")
		}
	}
}
