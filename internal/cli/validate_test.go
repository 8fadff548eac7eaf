package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/cli"
)

const validTemplate = `name: order_update
language: en_US
category: UTILITY
components:
  - type: BODY
    text: Your order has shipped and is on its way.
`

const invalidTemplate = `name: order_update
language: es_MX
category: UTILITY
components:
  - type: BODY
    text: Tu pedido fue enviado.
  - type: FOOTER
    text: "Ref {{1}}"
`

func runValidate(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Main(context.Background(), append([]string{"validate"}, args...), strings.NewReader(""), &out, &errOut,
		func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

func writeTemplates(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestValidateValid(t *testing.T) {
	dir := writeTemplates(t, map[string]string{"a.yaml": validTemplate})
	code, out, errOut := runValidate(t, nil, dir)
	if code != 0 || out != "" || errOut != "1 template in 1 file is valid\n" {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestValidateInvalidText(t *testing.T) {
	dir := writeTemplates(t, map[string]string{"a.yaml": validTemplate, "b/b.yaml": invalidTemplate})
	code, out, errOut := runValidate(t, nil, dir)
	file := filepath.Join(dir, "b", "b.yaml")
	want := file + ":8:11: error[footer-variable]: footer text has {{1}}; footers cannot have variables: move it to the body\n"
	if code != 1 || out != want || errOut != "1 error, 0 warnings in 2 files\n" {
		t.Errorf("code %d\nstdout %q\nwant   %q\nstderr %q", code, out, want, errOut)
	}
}

func TestValidateJSONAndGitHub(t *testing.T) {
	dir := writeTemplates(t, map[string]string{"b.yaml": invalidTemplate})
	code, out, _ := runValidate(t, nil, "--format", "json", dir)
	var ds []map[string]any
	if err := json.Unmarshal([]byte(out), &ds); err != nil || code != 1 || len(ds) != 1 || ds[0]["rule"] != "footer-variable" {
		t.Errorf("json: code %d, %v, %s", code, err, out)
	}
	code, out, _ = runValidate(t, map[string]string{"GITHUB_ACTIONS": "true"}, dir)
	if code != 1 || !strings.HasPrefix(out, "::error file=") || !strings.Contains(out, ",line=8,col=11,title=waform footer-variable::") {
		t.Errorf("github: code %d, %q", code, out)
	}
	code, out, _ = runValidate(t, map[string]string{"GITHUB_ACTIONS": "true"}, "--format", "text", dir)
	if code != 1 || strings.HasPrefix(out, "::") {
		t.Errorf("--format text under GitHub Actions: code %d, %q", code, out)
	}
}

func TestValidateSuppressedPasses(t *testing.T) {
	dir := writeTemplates(t, map[string]string{"b.yaml": "# waform:ignore footer-variable\n" + invalidTemplate})
	code, out, errOut := runValidate(t, nil, dir)
	if code != 0 || !strings.Contains(out, "suppressed error[footer-variable]") || !strings.Contains(errOut, "(1 suppressed)") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestValidateDefaultFolderAndErrors(t *testing.T) {
	t.Chdir(writeTemplates(t, map[string]string{"templates/a.yaml": validTemplate}))
	if code, _, errOut := runValidate(t, nil); code != 0 || !strings.Contains(errOut, "is valid") {
		t.Errorf("default folder: code %d, %q", code, errOut)
	}
	if code, _, errOut := runValidate(t, nil, "missing"); code != 1 || !strings.Contains(errOut, "1 error") {
		t.Errorf("missing path: code %d, %q", code, errOut)
	}
	if code, _, errOut := runValidate(t, nil, "--format", "xml"); code != 2 || !strings.Contains(errOut, `unknown --format "xml"`) {
		t.Errorf("bad format: code %d, %q", code, errOut)
	}
}

func TestValidateListRules(t *testing.T) {
	code, out, _ := runValidate(t, nil, "--list-rules")
	if code != 0 || !strings.Contains(out, "body-text-length") || !strings.Contains(out, "2388040") || !strings.HasPrefix(out, "RULE") ||
		!strings.Contains(out, "warning: Meta refuses a new language") {
		t.Errorf("code %d, %q", code, out)
	}
}
