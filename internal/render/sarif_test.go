package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/waform/waform/internal/diag"
)

// sampleRules describes the rules of sampleDiagnostics, as validate's rule
// table does; yaml-syntax is left out to cover a rule the table lacks.
func sampleTool() SARIFTool {
	return SARIFTool{
		Name: "waform", Version: "v1.4.0", InformationURI: "https://github.com/waform/waform",
		Rules: []SARIFRule{
			{ID: "body-text-length", Severity: diag.Error, Summary: "body text is at most 1,024 characters", Subcode: 2388040},
			{ID: "body-variable-edge", Severity: diag.Error, Summary: "the body neither starts nor ends with a variable", Subcode: 2388299},
			{ID: "variable-density", Severity: diag.Warning, Summary: "too many variables for the length of the text"},
		},
	}
}

// sarifSchema compiles the official SARIF 2.1.0 JSON Schema (OASIS,
// errata 01: testdata/sarif-schema-2.1.0.json, from the oasis-tcs/sarif-spec
// repository, sarif-2.1/schema/).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat = true
	if err := c.AddResource(id, f); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	s := sarifSchema(t)
	for name, ds := range map[string][]diag.Diagnostic{
		"sample":        sampleDiagnostics(),
		"none":          nil,
		"absolute path": {diag.Errorf(diag.Pos{File: filepath.Join(t.TempDir(), "a b.yaml"), Line: 1, Column: 1}, "decode", "x")},
	} {
		var buf bytes.Buffer
		if err := DiagnosticsSARIF(&buf, ds, sampleTool(), "/work/repo"); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatalf("%s: not JSON: %v", name, err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s: SARIF output does not validate against SARIF 2.1.0: %#v\n%s", name, err, buf.Bytes())
		}
	}
}

// The schema must catch what a broken writer would produce, or the test
// above proves nothing.
func TestSARIFSchemaRejectsMalformedLogs(t *testing.T) {
	s := sarifSchema(t)
	for name, doc := range map[string]string{
		"wrong version":  `{"version":"2.0.0","runs":[]}`,
		"bad level":      `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"w"}},"results":[{"level":"fatal","message":{"text":"x"}}]}]}`,
		"line 0":         `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"w"}},"results":[{"message":{"text":"x"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":0}}}]}]}]}`,
		"no driver name": `{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		if s.Validate(v) == nil {
			t.Errorf("%s: the SARIF schema accepted %s", name, doc)
		}
	}
}

func TestSARIFGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := DiagnosticsSARIF(&buf, sampleDiagnostics(), sampleTool(), "/work/repo"); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("diagnostics", "sarif.golden"), buf.Bytes())

	// What code scanning shows: rule metadata, and each result at its line
	// and column, pointing at its rule.
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex *int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					}
				}
				Suppressions []struct{ Kind string }
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if n := len(run.Tool.Driver.Rules); n != 3 || run.Tool.Driver.Rules[2].DefaultConfiguration.Level != "warning" {
		t.Errorf("rules: %+v", run.Tool.Driver.Rules)
	}
	r := run.Results[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "body-text-length" || r.RuleIndex == nil || *r.RuleIndex != 0 || r.Level != "error" ||
		loc.ArtifactLocation.URI != "templates/a.yaml" || loc.Region == nil || loc.Region.StartLine != 7 || loc.Region.StartColumn != 11 {
		t.Errorf("first result: %+v", r)
	}
	if s := run.Results[2]; len(s.Suppressions) != 1 || s.Suppressions[0].Kind != "inSource" {
		t.Errorf("suppressed result: %+v", s)
	}
	if u := run.Results[3]; u.RuleIndex != nil || u.Locations[0].PhysicalLocation.Region != nil ||
		!strings.HasPrefix(u.Locations[0].PhysicalLocation.ArtifactLocation.URI, "templates/odd,%20name") {
		t.Errorf("result without a line or a known rule: %+v", u)
	}
}

// validate's SARIF leaves through the View like every other format: the
// golden document on Out, nothing on Err.
func TestViewDiagnosticsSARIF(t *testing.T) {
	var out, errOut bytes.Buffer
	v := View{Format: FormatSARIF, Out: &out, Err: &errOut, DiagnosticsAreResult: true, SARIF: sampleTool(), SARIFRoot: "/work/repo"}
	if err := v.Diagnostics(sampleDiagnostics()); err != nil {
		t.Fatal(err)
	}
	golden(t, filepath.Join("diagnostics", "sarif.golden"), out.Bytes())
	if errOut.Len() != 0 {
		t.Errorf("stderr: %q", errOut.String())
	}
}
