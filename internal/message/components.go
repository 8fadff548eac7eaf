package message

import (
	"strconv"
	"strings"

	"github.com/waform/waform/internal/template"
)

// walk builds the send-time components of a template's (or a carousel
// card's) components, in template order, and the matching preview. prefix
// is "" at the top level and "card.N." inside a card.
func (b *builder) walk(cs []template.Component, prefix string, bodyMax int) ([]Component, Preview) {
	var out []Component
	var pv Preview
	add := func(c *Component) {
		if c != nil {
			out = append(out, *c)
		}
	}
	for _, c := range cs {
		switch strings.ToUpper(c.Type) {
		case template.ComponentHeader:
			comp, h := b.header(c, prefix)
			add(comp)
			pv.Header = h
		case template.ComponentBody:
			comp, text := b.body(c, prefix, bodyMax)
			add(comp)
			pv.Body = text
		case template.ComponentFooter:
			pv.Footer = c.Text
			if b.auth {
				pv.Footer = authFooter(c)
			}
		case template.ComponentButtons:
			comps, buttons := b.buttons(c.Buttons, prefix)
			out = append(out, comps...)
			pv.Buttons = buttons
		case template.ComponentLimitedTimeOffer:
			comp, offer := b.offer(c)
			add(comp)
			pv.Offer = offer
		case template.ComponentCarousel:
			comp, cards := b.carousel(c)
			add(comp)
			pv.Cards = cards
		}
	}
	return out, pv
}

func (b *builder) header(c template.Component, prefix string) (*Component, *PreviewHeader) {
	format := strings.ToUpper(c.Format)
	if format == "" {
		format = template.HeaderText
	}
	h := &PreviewHeader{Format: format}
	key := prefix + "header"
	var param *Parameter
	switch format {
	case template.HeaderText:
		params, values := b.textVars(c.Text, func(name string) slot {
			s := slot{key: key + "." + name, kind: KindText}
			if !isPositional(name) {
				s.aliases = []string{prefix + name}
			}
			s.def, s.hasDef = headerExample(c.Example, name)
			return s
		}, maxHeaderParam)
		h.Text = fill(c.Text, values)
		if len(params) == 0 {
			return nil, h
		}
		return &Component{Type: "header", Parameters: params}, h
	case template.HeaderImage, template.HeaderVideo, template.HeaderGIF, template.HeaderDocument:
		param, h.Media = b.media(key, format, c.Example)
	case template.HeaderLocation:
		h.Location = b.location(prefix)
		param = &Parameter{Type: "location", Location: h.Location}
	default:
		b.unsupported(key, "%s headers are not supported by waform send", format)
	}
	if param == nil {
		return nil, h
	}
	return &Component{Type: "header", Parameters: []Parameter{*param}}, h
}

// textVars resolves every variable of text through the slot slotOf gives
// it, returning the send-time parameters and the values for the preview.
func (b *builder) textVars(text string, slotOf func(name string) slot, max int) ([]Parameter, map[string]string) {
	var params []Parameter
	values := map[string]string{}
	for _, name := range variables(text) {
		v, ok := b.text(slotOf(name), max)
		if !ok {
			continue
		}
		values[name] = v
		p := Parameter{Type: "text", Text: v}
		if b.named && !isPositional(name) {
			p.ParameterName = name
		}
		params = append(params, p)
	}
	return params, values
}

func headerExample(e *template.Example, name string) (string, bool) {
	if e == nil {
		return "", false
	}
	if isPositional(name) {
		if len(e.HeaderText) > 0 {
			return e.HeaderText[0], true
		}
		return "", false
	}
	return namedExample(e.HeaderTextNamedParams, name)
}

func bodyExample(e *template.Example, name string) (string, bool) {
	if e == nil {
		return "", false
	}
	if n, err := strconv.Atoi(name); err == nil {
		if len(e.BodyText) > 0 && n >= 1 && n <= len(e.BodyText[0]) {
			return e.BodyText[0][n-1], true
		}
		return "", false
	}
	return namedExample(e.BodyTextNamedParams, name)
}

func namedExample(ps []template.NamedParam, name string) (string, bool) {
	for _, p := range ps {
		if p.ParamName == name {
			return p.Example, true
		}
	}
	return "", false
}

func (b *builder) body(c template.Component, prefix string, max int) (*Component, string) {
	text := c.Text
	slotOf := func(name string) slot {
		s := slot{key: prefix + name, kind: KindText, aliases: []string{prefix + "body." + name}}
		s.def, s.hasDef = bodyExample(c.Example, name)
		return s
	}
	if b.auth {
		// The one variable of an authentication body is the code, which
		// the copy-code button repeats.
		text = authBody(c)
		max = maxCodeLen
		slotOf = func(name string) slot {
			s := slot{key: "code", kind: KindCode, aliases: []string{name, "body." + name}, def: defaultCode, hasDef: true}
			if v, ok := bodyExample(c.Example, name); ok {
				s.def = v
			}
			return s
		}
	}
	params, values := b.textVars(text, slotOf, max)
	if b.auth {
		for _, v := range values {
			b.code = v
		}
	}
	if len(params) == 0 {
		return nil, fill(text, values)
	}
	return &Component{Type: "body", Parameters: params}, fill(text, values)
}

func (b *builder) carousel(c template.Component) (*Component, []PreviewCard) {
	comp := &Component{Type: "carousel"}
	var cards []PreviewCard
	for i, card := range c.Cards {
		comps, pv := b.walk(card.Components, "card."+strconv.Itoa(i)+".", maxCardBodyParam)
		if comps == nil {
			comps = []Component{}
		}
		comp.Cards = append(comp.Cards, Card{CardIndex: i, Components: comps})
		cards = append(cards, PreviewCard{Header: pv.Header, Body: pv.Body, Buttons: pv.Buttons})
	}
	return comp, cards
}
