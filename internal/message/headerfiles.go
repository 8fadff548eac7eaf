package message

import (
	"fmt"
	"strings"

	filemedia "github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/template"
)

// WithHeaderFiles gives each media header of t whose sample names a file
// of the repository (header_handle: [./FILE], relative to file, the
// template's own file) that file as its media, unless p already gives the
// header's parameter: a preview then shows, and a send sends, the file
// the template was made with.
func WithHeaderFiles(t template.Template, file string, p Params) error {
	for key, ref := range headerFiles(t) {
		if _, given := p[key]; given {
			continue
		}
		path, err := filemedia.Resolve(file, ref)
		if err != nil {
			return fmt.Errorf("parameter %s: %w", key, err)
		}
		p[key] = path
	}
	return nil
}

// headerFiles maps the parameter keys of t's media headers ("header",
// "card.0.header") to the file references their samples name.
func headerFiles(t template.Template) map[string]string {
	out := map[string]string{}
	firstRef := func(c template.Component) (string, bool) {
		if !strings.EqualFold(c.Type, template.ComponentHeader) || c.Example == nil || len(c.Example.HeaderHandle) == 0 {
			return "", false
		}
		ref := c.Example.HeaderHandle[0]
		return ref, filemedia.IsFileRef(ref)
	}
	for _, c := range t.Components {
		if ref, ok := firstRef(c); ok {
			out["header"] = ref
		}
		for i, card := range c.Cards {
			for _, cc := range card.Components {
				if ref, ok := firstRef(cc); ok {
					out[fmt.Sprintf("card.%d.header", i)] = ref
				}
			}
		}
	}
	return out
}
