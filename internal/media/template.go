package media

import (
	"strings"

	"github.com/waform/waform/internal/template"
)

// Refs lists the file references of t's header samples (carousel cards'
// included), in order, each once.
func Refs(t template.Template) []string {
	var refs []string
	seen := map[string]bool{}
	eachHeader(t.Components, func(c *template.Component) {
		if !isHeaderWithSample(c) {
			return
		}
		for _, h := range c.Example.HeaderHandle {
			if IsFileRef(h) && !seen[h] {
				seen[h] = true
				refs = append(refs, h)
			}
		}
	})
	return refs
}

// WithHandles returns t with every file reference of its header samples
// replaced by what handle returns for it; t itself is left unchanged (its
// components are copied where they change).
func WithHandles(t template.Template, handle func(ref string) (string, error)) (template.Template, error) {
	var err error
	t.Components = replaceRefs(t.Components, func(ref string) string {
		if err != nil {
			return ref
		}
		var h string
		h, err = handle(ref)
		return h
	})
	return t, err
}

func replaceRefs(cs []template.Component, handle func(string) string) []template.Component {
	if cs == nil {
		return nil
	}
	out := make([]template.Component, len(cs))
	for i, c := range cs {
		if isHeaderWithSample(&c) {
			ex := *c.Example
			ex.HeaderHandle = make([]string, len(c.Example.HeaderHandle))
			for j, h := range c.Example.HeaderHandle {
				if IsFileRef(h) {
					h = handle(h)
				}
				ex.HeaderHandle[j] = h
			}
			c.Example = &ex
		}
		if len(c.Cards) > 0 {
			cards := make([]template.Card, len(c.Cards))
			for j, card := range c.Cards {
				cards[j] = template.Card{Components: replaceRefs(card.Components, handle)}
			}
			c.Cards = cards
		}
		out[i] = c
	}
	return out
}

// eachHeader visits every header of cs, carousel cards' included, in order.
func eachHeader(cs []template.Component, visit func(*template.Component)) {
	for i := range cs {
		if strings.EqualFold(cs[i].Type, template.ComponentHeader) {
			visit(&cs[i])
		}
		for _, card := range cs[i].Cards {
			eachHeader(card.Components, visit)
		}
	}
}

func isHeaderWithSample(c *template.Component) bool {
	return strings.EqualFold(c.Type, template.ComponentHeader) && c.Example != nil && len(c.Example.HeaderHandle) > 0
}

// HeaderFormat is the format of t's media header (IMAGE, VIDEO, DOCUMENT or
// GIF, upper case), a carousel card's when the template has several, the
// last one; ok is false when t has none.
func HeaderFormat(t template.Template) (format string, ok bool) {
	eachHeader(t.Components, func(c *template.Component) {
		if f := strings.ToUpper(c.Format); Limits[f].MaxSize > 0 {
			format, ok = f, true
		}
	})
	return format, ok
}
