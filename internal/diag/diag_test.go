package diag

import (
	"strings"
	"testing"
)

func TestSortAndString(t *testing.T) {
	ds := []Diagnostic{
		Warnf(Pos{File: "b.yaml", Line: 1, Column: 1}, "r2", "later file"),
		Errorf(Pos{File: "a.yaml", Line: 9, Column: 1}, "r1", "line nine"),
		Errorf(Pos{File: "a.yaml", Line: 2, Column: 5}, "r3", "column five"),
		Errorf(Pos{File: "a.yaml", Line: 2, Column: 3}, "r4", "column three"),
		Errorf(Pos{File: "a.yaml"}, "r5", "whole file"),
	}
	Sort(ds)
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		"a.yaml: error[r5]: whole file",
		"a.yaml:2:3: error[r4]: column three",
		"a.yaml:2:5: error[r3]: column five",
		"a.yaml:9:1: error[r1]: line nine",
		"b.yaml:1:1: warning[r2]: later file",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := (Pos{File: "f", Line: 3}).String(); p != "f:3" {
		t.Errorf("line-only position = %q", p)
	}
}

func TestSuppressionNeverFails(t *testing.T) {
	ds := []Diagnostic{
		Errorf(Pos{File: "a"}, "body-variable-edge", "x"),
		Warnf(Pos{File: "a"}, "variable-density", "y"),
	}
	if !HasErrors(ds) {
		t.Fatal("an error should fail the run")
	}
	Suppress(ds, map[string]bool{"body-variable-edge": true})
	if HasErrors(ds) {
		t.Error("a suppressed error still fails the run")
	}
	if errs, warns := Count(ds); errs != 0 || warns != 1 {
		t.Errorf("Count = %d errors, %d warnings; want 0, 1", errs, warns)
	}
	if s := ds[0].String(); !strings.Contains(s, "suppressed error[body-variable-edge]") {
		t.Errorf("suppressed diagnostic prints as %q", s)
	}
}

func TestParsePosReadsString(t *testing.T) {
	for _, p := range []Pos{
		{File: "templates/a.yaml", Line: 3, Column: 1},
		{File: "templates/a.yaml", Line: 3},
		{File: "templates/a.yaml"},
		{File: `C:\repo\a.yaml`, Line: 12, Column: 5},
	} {
		if got := ParsePos(p.String()); got != p {
			t.Errorf("ParsePos(%q) = %+v, want %+v", p.String(), got, p)
		}
	}
	if got := ParsePos("a:b"); got != (Pos{File: "a:b"}) {
		t.Errorf("ParsePos(a:b) = %+v", got)
	}
}
