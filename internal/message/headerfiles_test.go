package message_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/template"
)

func imageHeader(ref string) template.Component {
	return template.Component{Type: template.ComponentHeader, Format: template.HeaderImage, Example: &template.Example{HeaderHandle: []string{ref}}}
}

// The files header samples name become the headers' media, relative to
// the template's file; a parameter given wins; a missing file is an error
// naming the parameter.
func TestWithHeaderFiles(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"waform.yaml", "templates/banner.png", "templates/card.png"} {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(root, "templates", "promo.yaml")
	tpl := template.Template{Name: "promo", Language: "en_US", Components: []template.Component{
		imageHeader("./banner.png"),
		{Type: template.ComponentCarousel, Cards: []template.Card{
			{Components: []template.Component{imageHeader("./card.png")}},
			{Components: []template.Component{imageHeader("4::a-handle")}},
		}},
	}}
	p := message.Params{"card.0.header": "https://cdn.example.com/given.png"}
	if err := message.WithHeaderFiles(tpl, file, p); err != nil {
		t.Fatal(err)
	}
	want := message.Params{"header": filepath.Join(root, "templates", "banner.png"), "card.0.header": "https://cdn.example.com/given.png"}
	if len(p) != len(want) || p["header"] != want["header"] || p["card.0.header"] != want["card.0.header"] {
		t.Errorf("params %v, want %v", p, want)
	}

	if err := os.Remove(filepath.Join(root, "templates", "card.png")); err != nil {
		t.Fatal(err)
	}
	err := message.WithHeaderFiles(tpl, file, message.Params{"header": "id:1"})
	if !errors.Is(err, media.ErrMissing) || !strings.HasPrefix(err.Error(), "parameter card.0.header: ") {
		t.Errorf("missing card file: %v", err)
	}
}
