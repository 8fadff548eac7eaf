package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/waform/waform/internal/importer"
	"github.com/waform/waform/internal/template"
)

// stamp sets the linker-stamped build variables for one test, as
// GoReleaser's -ldflags -X do.
func stamp(t *testing.T, v, c, d string) {
	old := [3]string{version, commit, date}
	version, commit, date = v, c, d
	t.Cleanup(func() { version, commit, date = old[0], old[1], old[2] })
}

func TestVersionPrintsStampedBuild(t *testing.T) {
	stamp(t, "v1.4.0", "0123456789abcdef0123456789abcdef01234567", "2026-11-30T03:00:00Z")
	code, out, _ := runMain(t, nil, nil, "version")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := regexp.MustCompile(`^waform v1\.4\.0\ncommit: 0123456789abcdef0123456789abcdef01234567\ndate:   2026-11-30T03:00:00Z\ngo:     go\S+ \w+/\w+\n$`)
	if !want.MatchString(out) {
		t.Errorf("version printed:\n%s", out)
	}
}

func TestVersionFallsBackToBuildInfo(t *testing.T) {
	stamp(t, "", "", "")
	// A test binary records no module version ("(devel)"): "dev".
	if got := Version(); got != "dev" {
		t.Errorf("Version() = %q, want dev", got)
	}
	_, out, _ := runMain(t, nil, nil, "version")
	if !strings.HasPrefix(out, "waform dev\n") {
		t.Errorf("version printed:\n%s", out)
	}
}

func TestSchemaURLNamesTheRunningRelease(t *testing.T) {
	const base = "https://raw.githubusercontent.com/waform/waform/"
	for _, tc := range []struct{ version, kind, want string }{
		{"v1.4.0", "template", base + "v1.4.0/schema/template.schema.json\n"},
		{"v1.4.0", "config", base + "v1.4.0/schema/config.schema.json\n"},
		{"", "template", base + "main/schema/template.schema.json\n"},
	} {
		stamp(t, tc.version, "", "")
		code, out, errOut := runMain(t, nil, nil, "schema", tc.kind, "--url")
		if code != 0 || out != tc.want {
			t.Errorf("version %q: schema %s --url = %d %q (stderr %q), want %q", tc.version, tc.kind, code, out, errOut, tc.want)
		}
	}
}

func TestImportAndFmtWriteTheReleaseModeline(t *testing.T) {
	stamp(t, "v1.4.0", "", "")
	const want = "# yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/v1.4.0/schema/template.schema.json\n"

	dir := t.TempDir()
	res, err := importer.Run([]template.Remote{{Template: utility("order_ready", "Your order is ready.")}},
		importer.Options{Root: filepath.Join(dir, "imported"), SchemaURL: templateSchemaURL()})
	if err != nil || len(res.Written) != 1 {
		t.Fatal(res, err)
	}
	if data, _ := os.ReadFile(res.Written[0].File); !strings.HasPrefix(string(data), want) {
		t.Errorf("import wrote:\n%s", data)
	}

	file := filepath.Join(dir, "order_ready.yaml")
	old := strings.Replace(want, "v1.4.0", "v1.3.2", 1)
	if err := os.WriteFile(file, []byte(old+"name: order_ready\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: Your order is ready.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runMain(t, nil, nil, "fmt", "--check", dir); code != 1 {
		t.Errorf("fmt --check on an older modeline: exit %d, want 1 (%s)", code, errOut)
	}
	if code, _, errOut := runMain(t, nil, nil, "fmt", dir); code != 0 {
		t.Fatalf("fmt: exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), want) {
		t.Errorf("fmt wrote:\n%s", data)
	}

	// A development build leaves the pinned modeline alone.
	stamp(t, "", "", "")
	if code, _, errOut := runMain(t, nil, nil, "fmt", "--check", dir); code != 0 {
		t.Errorf("fmt --check by a dev build: exit %d: %s", code, errOut)
	}
}
