package ghaction

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRebaseSARIF(t *testing.T) {
	file := filepath.Join(t.TempDir(), "waform.sarif")
	in := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"waform"}},
		"originalUriBaseIds":{"%SRCROOT%":{"uri":"file:///w/whatsapp/"}},
		"results":[
			{"message":{"text":"a"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"templates/a.yaml","uriBaseId":"%SRCROOT%"},"region":{"startLine":3}}}]},
			{"message":{"text":"b"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"file:///elsewhere/b.yaml"}}}]}]}]}`
	if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := RebaseSARIF(file, "./whatsapp/"); err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(file)
	s := string(out)
	if !strings.Contains(s, `"uri": "whatsapp/templates/a.yaml"`) || !strings.Contains(s, `"uri": "file:///elsewhere/b.yaml"`) ||
		strings.Contains(s, "originalUriBaseIds") || !strings.Contains(s, `"startLine": 3`) {
		t.Errorf("rebased:\n%s", s)
	}
	// The repository root needs no change.
	if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := RebaseSARIF(file, "."); err != nil {
		t.Fatal(err)
	}
	if out, _ := os.ReadFile(file); string(out) != in {
		t.Errorf("root: rewritten:\n%s", out)
	}
}
