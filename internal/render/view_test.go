package render

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/waform/waform/internal/diag"
)

// TestViewDiagnosticsRouting: for each format, inside and outside GitHub
// Actions, with errors that stop the command and with warnings only, which
// stream the diagnostics reach and in what form. Each case is a golden file
// holding both streams.
func TestViewDiagnosticsRouting(t *testing.T) {
	warnings := []diag.Diagnostic{diag.Warnf(diag.Pos{File: "t/a.yaml", Line: 3, Column: 9}, "variable-density", "few words")}
	for _, format := range []string{FormatText, FormatJSON, FormatMarkdown} {
		for _, github := range []bool{false, true} {
			for name, ds := range map[string][]diag.Diagnostic{"errors": sampleDiagnostics(), "warnings": warnings} {
				file := fmt.Sprintf("%s-%s", format, name)
				if github {
					file += "-github"
				}
				t.Run(file, func(t *testing.T) {
					var out, errOut bytes.Buffer
					v := View{Format: format, Out: &out, Err: &errOut, GitHub: github}
					if err := v.Diagnostics(ds); err != nil {
						t.Fatal(err)
					}
					got := fmt.Sprintf("--- stdout\n%s--- stderr\n%s", out.Bytes(), errOut.Bytes())
					golden(t, filepath.Join("view", file+".golden"), []byte(got))
				})
			}
		}
	}
}

func TestViewNoDiagnosticsPrintsNothing(t *testing.T) {
	for _, format := range []string{FormatText, FormatJSON, FormatMarkdown} {
		var out, errOut bytes.Buffer
		if err := (View{Format: format, Out: &out, Err: &errOut, GitHub: true}).Diagnostics(nil); err != nil {
			t.Fatal(err)
		}
		if out.Len()+errOut.Len() > 0 {
			t.Errorf("%s: no diagnostics printed %q, %q", format, out.String(), errOut.String())
		}
	}
	// validate's result is its diagnostics: an empty JSON list is still a document.
	var out bytes.Buffer
	if err := (View{Format: FormatJSON, Out: &out, DiagnosticsAreResult: true}).Diagnostics(nil); err != nil || out.String() != "[]\n" {
		t.Errorf("validate --format json with no findings = %q, %v", out.String(), err)
	}
}

func TestViewColor(t *testing.T) {
	for _, tc := range []struct {
		v    View
		want bool
	}{
		{View{OutTerm: Terminal{TTY: true}}, true},
		{View{OutTerm: Terminal{TTY: true}, NoColor: true}, false},
		{View{ErrTerm: Terminal{TTY: true}}, false},
	} {
		if got := tc.v.Color(); got != tc.want {
			t.Errorf("%+v.Color() = %v", tc.v, got)
		}
	}
}

func TestViewBubbleWidth(t *testing.T) {
	for _, tc := range []struct {
		term Terminal
		want int
	}{
		{Terminal{TTY: true, Width: 40}, 40},
		{Terminal{TTY: true, Width: 120}, 0}, // wide enough for the usual box
		{Terminal{TTY: true}, 0},             // width unknown
		{Terminal{Width: 40}, 0},             // not a terminal: a file keeps the usual box
	} {
		if got := (View{OutTerm: tc.term}).BubbleWidth(); got != tc.want {
			t.Errorf("%+v: BubbleWidth() = %d, want %d", tc.term, got, tc.want)
		}
	}
}
