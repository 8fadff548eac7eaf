package render

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
)

// sampleDiagnostics covers an error, a warning, a suppressed error, a
// message needing escapes and a diagnostic without a line.
func sampleDiagnostics() []diag.Diagnostic {
	suppressed := diag.Errorf(diag.Pos{File: "templates/b.yaml", Line: 7, Column: 11}, "body-variable-edge",
		"body ends with {{1}}; add words after it")
	suppressed.Suppressed = true
	return []diag.Diagnostic{
		diag.Errorf(diag.Pos{File: "templates/a.yaml", Line: 7, Column: 11}, "body-text-length",
			"body text is 1,031 characters; Meta allows 1,024: shorten it by 7"),
		diag.Warnf(diag.Pos{File: "templates/a.yaml", Line: 9, Column: 5}, "variable-density",
			"%d%% of the words are variables:\nadd text, or remove variables", 50),
		suppressed,
		diag.Errorf(diag.Pos{File: "templates/odd, name:1.yaml"}, "yaml-syntax", "not valid YAML: did not find expected key"),
	}
}

func TestDiagnosticsGolden(t *testing.T) {
	for _, format := range DiagnosticFormats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Diagnostics(&buf, format, sampleDiagnostics()); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("diagnostics", format+".golden"), buf.Bytes())
		})
	}
}

func TestDiagnosticsJSONEmptyIsArray(t *testing.T) {
	var buf bytes.Buffer
	if err := Diagnostics(&buf, FormatJSON, nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(buf.String()); got != "[]" {
		t.Errorf("got %q, want []", got)
	}
	buf.Reset()
	if err := Diagnostics(&buf, FormatJSON, sampleDiagnostics()); err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"file", "line", "column", "severity", "rule", "message"} {
		if _, ok := back[0][key]; !ok {
			t.Errorf("json diagnostic lacks %q: %v", key, back[0])
		}
	}
}

func TestDiagnosticsUnknownFormat(t *testing.T) {
	if err := Diagnostics(&bytes.Buffer{}, "xml", nil); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("got %v", err)
	}
}

func TestDiagnosticSummary(t *testing.T) {
	tests := []struct {
		ds               []diag.Diagnostic
		templates, files int
		want             string
	}{
		{nil, 1, 1, "1 template in 1 file is valid"},
		{nil, 5, 3, "5 templates in 3 files are valid"},
		{sampleDiagnostics(), 4, 3, "2 errors, 1 warning in 3 files (1 suppressed)"},
		{sampleDiagnostics()[2:3], 1, 1, "1 template in 1 file is valid (1 suppressed)"},
	}
	for _, tt := range tests {
		if got := DiagnosticSummary(tt.ds, tt.templates, tt.files); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
