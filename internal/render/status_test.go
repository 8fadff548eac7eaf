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

func TestWriteStatusTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatusTable(&b, StatusRows(statusRemotes(), nil), StatusOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `NAME     LANGUAGE  CATEGORY   STATUS    QUALITY  REJECTION REASON  LAST UPDATE
alert    en_US     UTILITY    PENDING   -        -                 -
welcome  en_US     MARKETING  APPROVED  GREEN    -                 2026-01-02T03:04:05+0000
welcome  es        MARKETING  REJECTED  -        PROMOTIONAL       -
3 templates.
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
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

func TestWriteStatusJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatusJSON(&b, StatusRows(statusRemotes(), nil)[:2]); err != nil {
		t.Fatal(err)
	}
	want := `{
  "templates": [
    {
      "id": "1",
      "name": "alert",
      "language": "en_US",
      "category": "UTILITY",
      "status": "PENDING"
    },
    {
      "id": "2",
      "name": "welcome",
      "language": "en_US",
      "category": "MARKETING",
      "status": "APPROVED",
      "quality": "GREEN",
      "last_updated": "2026-01-02T03:04:05+0000"
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
