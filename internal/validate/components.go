package validate

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/waform/waform/internal/template"
)

// Length limits in characters (runes), from TEMPLATE-RULES §5.
const (
	maxHeaderText = 60
	maxBodyText   = 1024
	maxLTOBody    = 600
	maxCardBody   = 160
	maxFooterText = 60
	maxButtonText = 25
	maxURL        = 2000
	maxPhone      = 20
	maxCopyCode   = 15
	maxOfferText  = 16
)

func compPtr(i int) string { return "/components/" + strconv.Itoa(i) }

func cardCompPtr(parent string, card, i int) string {
	return parent + "/cards/" + strconv.Itoa(card) + "/components/" + strconv.Itoa(i)
}

// eachComponent visits every component, carousel cards' included, with its
// JSON pointer. inCard tells the two apart.
func (c *checker) eachComponent(visit func(comp *template.Component, ptr string, inCard bool)) {
	if c.components == nil {
		// Listed once: most rules visit every component, and building
		// their pointers again for each rule was most of the walk.
		c.components = []visited{}
		for i := range c.t.Components {
			comp := &c.t.Components[i]
			ptr := compPtr(i)
			c.components = append(c.components, visited{comp, ptr, false})
			for j := range comp.Cards {
				for k := range comp.Cards[j].Components {
					c.components = append(c.components, visited{&comp.Cards[j].Components[k], cardCompPtr(ptr, j, k), true})
				}
			}
		}
	}
	for _, v := range c.components {
		visit(v.comp, v.ptr, v.inCard)
	}
}

// visited is a component eachComponent visits.
type visited struct {
	comp   *template.Component
	ptr    string
	inCard bool
}

// has reports whether the template has a top-level component of type typ.
func (c *checker) has(typ string) bool {
	for _, comp := range c.t.Components {
		if comp.Type == typ {
			return true
		}
	}
	return false
}

func (c *checker) isAuth() bool { return c.t.Category == template.CategoryAuthentication }

func checkStructure(c *checker) {
	seen := map[string]bool{}
	for i, comp := range c.t.Components {
		if seen[comp.Type] {
			c.report(compPtr(i)+"/type", "component-duplicate",
				"a second %s component; a template has at most one of each type: merge them into one", comp.Type)
		}
		seen[comp.Type] = true
		if (comp.Type == template.ComponentBody || comp.Type == template.ComponentFooter) && comp.Text == "" && !c.isAuth() {
			c.report(compPtr(i), "component-text-missing", "%s has no text; add text: or remove the component",
				comp.Type)
		}
	}
	if !seen[template.ComponentBody] {
		c.report("/components", "body-missing",
			"template has no BODY component; add one (- type: BODY with text:): it is the one required component")
	}
	c.eachComponent(func(comp *template.Component, ptr string, _ bool) {
		if comp.Type == template.ComponentHeader {
			c.checkHeader(comp, ptr)
		}
	})
}

var mediaFormats = map[string]bool{template.HeaderImage: true, template.HeaderVideo: true, template.HeaderDocument: true, template.HeaderGIF: true}

func (c *checker) checkHeader(comp *template.Component, ptr string) {
	switch {
	case (comp.Format == template.HeaderText || comp.Format == "") && comp.Text == "":
		c.report(ptr+"/text", "header-format-text", "header has no text; add text: or set format: to IMAGE, VIDEO, DOCUMENT or LOCATION")
	case comp.Format != template.HeaderText && comp.Format != "" && comp.Text != "":
		c.report(ptr+"/text", "header-format-text", "a %s header has no text; remove text: or set format: TEXT", comp.Format)
	}
	if !mediaFormats[comp.Format] {
		return
	}
	if comp.Example == nil || len(comp.Example.HeaderHandle) == 0 {
		c.report(ptr, "media-header-example",
			"this %s header needs a sample: add example: {header_handle: [\"./FILE\"]} naming a file next to the template (apply uploads it), or a handle (4::...) from the upload API", comp.Format)
		return
	}
	for i, h := range comp.Example.HeaderHandle {
		if strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") {
			c.report(ptr+"/example/header_handle/"+strconv.Itoa(i), "media-header-handle-url",
				"header_handle is a URL; Meta expects an upload handle (4::...) from the Resumable Upload API: save the file in the repository and name it (./FILE), and apply uploads it")
		}
	}
}

func checkLengths(c *checker) {
	bodyMax, bodyWhy := maxBodyText, ""
	if c.has(template.ComponentLimitedTimeOffer) {
		bodyMax, bodyWhy = maxLTOBody, " with a LIMITED_TIME_OFFER component"
	}
	c.eachComponent(func(comp *template.Component, ptr string, inCard bool) {
		switch {
		case comp.Type == template.ComponentHeader:
			c.checkLength(ptr+"/text", "header-text-length", "header text", comp.Text, maxHeaderText, "")
		case comp.Type == template.ComponentBody && inCard:
			c.checkLength(ptr+"/text", "card-body-length", "card body text", comp.Text, maxCardBody, "")
		case comp.Type == template.ComponentBody:
			c.checkLength(ptr+"/text", "body-text-length", "body text", comp.Text, bodyMax, bodyWhy)
		case comp.Type == template.ComponentFooter:
			c.checkLength(ptr+"/text", "footer-text-length", "footer text", comp.Text, maxFooterText, "")
		case comp.Type == template.ComponentLimitedTimeOffer && comp.LimitedTimeOffer != nil:
			c.checkLength(ptr+"/limited_time_offer/text", "offer-text-length", "limited_time_offer text",
				comp.LimitedTimeOffer.Text, maxOfferText, "")
		}
	})
}

// checkLength reports s when it has more than max characters. Characters
// are runes: an emoji counts as one, as in Meta's counter.
func (c *checker) checkLength(ptr, rule, what, s string, max int, why string) {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return
	}
	c.report(ptr, rule, "%s is %s characters; Meta allows %s%s: shorten it by %s",
		what, commas(n), commas(max), why, commas(n-max))
}

// commas writes n with thousands separators, as the messages quote Meta's
// limits ("1,024").
func commas(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s // only limits and lengths get separators; they are never negative
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
