package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func statusRemotes() []template.Remote {
	tpl := func(name, lang, category string) template.Template {
		return template.Template{Name: name, Language: lang, Category: category}
	}
	return []template.Remote{
		{Template: tpl("welcome", "es", "MARKETING"), ID: "3", Status: "REJECTED", RejectedReason: "PROMOTIONAL"},
		{Template: tpl("welcome", "en_US", "MARKETING"), ID: "2", Status: "APPROVED", RejectedReason: "NONE",
			QualityScore: &template.QualityScore{Score: "GREEN"}, LastUpdatedTime: "2026-01-02T03:04:05+0000"},
		{Template: tpl("alert", "en_US", "UTILITY"), ID: "1", Status: "PENDING"},
	}
}

// TestStatusGolden covers status's result in each of its formats, as the
// command writes it (through View).
func TestStatusGolden(t *testing.T) {
	for _, format := range []string{FormatText, FormatJSON} {
		var b bytes.Buffer
		if err := (View{Format: format, Out: &b}).Status(StatusRows(statusRemotes(), nil)); err != nil {
			t.Fatal(err)
		}
		golden(t, "status/status."+format, b.Bytes())
	}
}

// With colour, stripping the escapes gives back the plain table: the
// columns stay aligned whichever statuses are coloured.
func TestWriteStatusTableColorKeepsAlignment(t *testing.T) {
	rows := StatusRows(append(statusRemotes(), template.Remote{Template: template.Template{Name: "z", Language: "en"}, Status: "DELETED"}), nil)
	var plain, color bytes.Buffer
	if err := WriteStatusTable(&plain, rows, StatusOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteStatusTable(&color, rows, StatusOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(color.String(), "\x1b[31mREJECTED\x1b[0m") {
		t.Errorf("REJECTED not red:\n%q", color.String())
	}
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(color.String(), "")
	if stripped != plain.String() {
		t.Errorf("colour changed the layout:\n%s\nwant:\n%s", stripped, plain.String())
	}
}

func TestWriteStatusEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatusTable(&b, StatusRows(nil, nil), StatusOptions{}); err != nil || b.String() != "No templates match.\n" {
		t.Errorf("table: %q, %v", b.String(), err)
	}
	b.Reset()
	if err := WriteStatusJSON(&b, StatusRows(nil, nil)); err != nil || b.String() != "{\n  \"templates\": []\n}\n" {
		t.Errorf("json: %q, %v", b.String(), err)
	}
}
