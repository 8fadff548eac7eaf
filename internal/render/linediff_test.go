package render

import (
	"bytes"
	"path/filepath"
	"testing"
)

func TestLineDiffGolden(t *testing.T) {
	before := "name: a\nlanguage: en_US\ncategory: utility\nx: 1\ny: 2\nz: 3\nw: 4\ncomponents:\n  - type: body\n    text: hi"
	after := "name: a\nlanguage: en_US\ncategory: UTILITY\nx: 1\ny: 2\nz: 3\nw: 4\ncomponents:\n  - type: BODY\n    text: hi\n"
	var buf bytes.Buffer
	if err := LineDiff(&buf, "t/a.yaml", before, after); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("linediff", "a.diff"), buf.Bytes())
}
