package schema_test

import (
	"testing"

	"github.com/waform/waform/schema"
)

func TestURLNamesTheReleaseTag(t *testing.T) {
	const base = "https://raw.githubusercontent.com/waform/waform/"
	for _, tc := range []struct {
		version string
		kind    schema.Kind
		want    string
	}{
		{"v1.2.3", schema.TemplateKind, base + "v1.2.3/schema/template.schema.json"},
		{"v1.2.3", schema.ConfigKind, base + "v1.2.3/schema/config.schema.json"},
		{"v2.0.0-rc.1", schema.TemplateKind, base + "v2.0.0-rc.1/schema/template.schema.json"},
		// No tag of these exists: main's copy.
		{"dev", schema.TemplateKind, base + "main/schema/template.schema.json"},
		{"v0.0.0-20261130030000-1b3d5b9a0c2d", schema.TemplateKind, base + "main/schema/template.schema.json"},
		{"v1.2.4-0.20261130030000-1b3d5b9a0c2d", schema.TemplateKind, base + "main/schema/template.schema.json"},
		{"v1.2.3+dirty", schema.TemplateKind, base + "main/schema/template.schema.json"},
		{"v0.1.1-snapshot+1b3d5b9", schema.ConfigKind, base + "main/schema/config.schema.json"},
	} {
		if got := schema.URL(tc.kind, tc.version); got != tc.want {
			t.Errorf("URL(%v, %q) = %q, want %q", tc.kind, tc.version, got, tc.want)
		}
	}
}

func TestPinModeline(t *testing.T) {
	const next = "https://raw.githubusercontent.com/waform/waform/v1.3.0/schema/template.schema.json"
	for _, tc := range []struct{ name, in, want string }{
		{"older tag", "# yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/v1.2.0/schema/template.schema.json\nname: a\n",
			"# yaml-language-server: $schema=" + next + "\nname: a\n"},
		{"main", "#yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/main/schema/template.schema.json\n",
			"#yaml-language-server: $schema=" + next + "\n"},
		{"every document", "# yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/main/schema/template.schema.json\n---\n# yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/v1.0.0/schema/template.schema.json\n",
			"# yaml-language-server: $schema=" + next + "\n---\n# yaml-language-server: $schema=" + next + "\n"},
		{"local copy kept", "# yaml-language-server: $schema=../schema/template.schema.json\n", "# yaml-language-server: $schema=../schema/template.schema.json\n"},
		{"another project kept", "# yaml-language-server: $schema=https://raw.githubusercontent.com/other/waform/main/schema/template.schema.json\n",
			"# yaml-language-server: $schema=https://raw.githubusercontent.com/other/waform/main/schema/template.schema.json\n"},
		{"config schema kept", "# yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/v1.0.0/schema/config.schema.json\n",
			"# yaml-language-server: $schema=https://raw.githubusercontent.com/waform/waform/v1.0.0/schema/config.schema.json\n"},
	} {
		if got := string(schema.PinModeline([]byte(tc.in), next)); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
