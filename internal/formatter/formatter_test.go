package formatter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
)

const unformatted = `language: en_US
name: shipped
category: utility
components:
  - text: Your order has shipped today, thank you.
    type: body
`

func write(t *testing.T, file, content string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFileFormatsThenLeavesAlone(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "shipped.yaml")
	write(t, file, unformatted)
	data, formatted, ds := File(dir, file, "")
	if formatted == nil || len(ds) > 0 || string(data) != unformatted {
		t.Fatalf("formatted %q, %v", formatted, ds)
	}
	if !strings.HasPrefix(string(formatted), "name: shipped\nlanguage: en_US\ncategory: UTILITY\n") {
		t.Errorf("not canonical:\n%s", formatted)
	}
	if ds, err := Write(file, formatted); ds != nil || err != nil {
		t.Fatal(ds, err)
	}
	if _, again, ds := File(dir, file, ""); again != nil || ds != nil {
		t.Errorf("a formatted file formats again: %q, %v", again, ds)
	}
}

func TestFilePinsTheSchemaModeline(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "shipped.yaml")
	const main = "# yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/main/schema/template.schema.json\n"
	write(t, file, main+unformatted)
	pin := "https://raw.githubusercontent.com/waform/waform/v1.2.3/schema/template.schema.json"
	_, formatted, ds := File(dir, file, pin)
	if len(ds) > 0 || !strings.HasPrefix(string(formatted), "# yaml-language-server: $schema="+pin+"\n") {
		t.Errorf("modeline not pinned to %s:\n%s\n%v", pin, formatted, ds)
	}
}

// What validate refuses, and a link out of the folder, are left alone with
// a diagnostic saying why.
func TestFileLeavesAlone(t *testing.T) {
	dir := t.TempDir()
	refused := filepath.Join(dir, "passwd.yaml")
	write(t, refused, "root: x\n")
	if _, formatted, ds := File(dir, refused, ""); formatted != nil || !diag.HasErrors(ds) {
		t.Errorf("a file validate refuses: formatted %q, %v", formatted, ds)
	}
	outside := filepath.Join(t.TempDir(), "shipped.yaml")
	write(t, outside, unformatted)
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(outside, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	_, formatted, ds := File(dir, link, "")
	if formatted != nil || len(ds) != 1 || ds[0].Rule != RuleSkipped || ds[0].Severity != diag.Warning {
		t.Errorf("a link out of the folder: formatted %q, %v", formatted, ds)
	}
}

func TestWriteRefusesAHardLinkedFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "shipped.yaml")
	write(t, file, unformatted)
	if err := os.Link(file, filepath.Join(dir, "other.yaml")); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	_, formatted, _ := File(dir, file, "")
	ds, err := Write(file, formatted)
	if err != nil || len(ds) != 1 || ds[0].Rule != RuleSkipped || !diag.HasErrors(ds) {
		t.Fatalf("ds %v, err %v; want one %s error", ds, err, RuleSkipped)
	}
	if got, _ := os.ReadFile(file); string(got) != unformatted {
		t.Errorf("the hard-linked file changed:\n%s", got)
	}
}
