package emulator

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/validate"
)

// corpusDir is the shared corpus of real payloads next to the repository;
// tests that use it skip when it is absent.
func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	return dir
}

// TestCorpusCreatesAgreeWithValidate sends real create bodies and checks the
// emulator answers exactly as the shared rules say: accepted when validate
// finds no error, else code 100 with the first error's subcode. Whether the
// rules themselves are right is validate's own tests' business.
func TestCorpusCreatesAgreeWithValidate(t *testing.T) {
	var files []string
	for _, pattern := range []string{"valid/create__*.json", "invalid/*.json"} {
		found, err := filepath.Glob(filepath.Join(corpusDir(t, ""), pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var first *diag.Diagnostic
			for _, d := range validate.Payload(body) {
				if d.Severity == diag.Error && !d.Suppressed {
					first = &d
					break
				}
			}
			h := newHarness(t, Options{})
			r := h.do("POST", "/"+waba+"/message_templates", body)
			if first == nil {
				if r.status != http.StatusOK {
					t.Fatalf("validate finds no error but the emulator refused: %s", r.raw)
				}
				return
			}
			rule, _ := validate.Lookup(first.Rule)
			code, sub := r.errCode()
			if r.status != http.StatusBadRequest || code != 100 || sub != rule.Subcode || r.errField("error_user_msg") != first.Message {
				t.Fatalf("want 100/%d with %q, got %d %s", rule.Subcode, first.Message, r.status, r.raw)
			}
		})
	}
}
