package media

import (
	"testing"

	"github.com/waform/waform/internal/template"
)

func TestHeaderFormat(t *testing.T) {
	header := func(format string) template.Component {
		return template.Component{Type: "header", Format: format}
	}
	body := template.Component{Type: template.ComponentBody, Text: "Hi"}
	carousel := template.Component{Type: template.ComponentCarousel, Cards: []template.Card{
		{Components: []template.Component{header(template.HeaderImage), body}},
		{Components: []template.Component{header("video"), body}},
	}}
	for _, c := range []struct {
		name   string
		cs     []template.Component
		format string
	}{
		{"no header", []template.Component{body}, ""},
		{"text header", []template.Component{header(template.HeaderText), body}, ""},
		{"location header", []template.Component{header(template.HeaderLocation), body}, ""},
		{"image header", []template.Component{header(template.HeaderImage), body}, template.HeaderImage},
		{"lower-case document", []template.Component{header("document"), body}, template.HeaderDocument},
		{"gif", []template.Component{header(template.HeaderGIF), body}, template.HeaderGIF},
		{"carousel cards, the last", []template.Component{body, carousel}, template.HeaderVideo},
	} {
		format, ok := HeaderFormat(template.Template{Components: c.cs})
		if format != c.format || ok != (c.format != "") {
			t.Errorf("%s: %q, %v; want %q", c.name, format, ok, c.format)
		}
	}
}
