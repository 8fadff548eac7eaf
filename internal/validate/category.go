package validate

import (
	"strconv"
	"strings"

	"github.com/waform/waform/internal/template"
)

// checkCategories applies the components and buttons only some categories
// may use. AUTHENTICATION's own shape is checkAuthentication's.
func checkCategories(c *checker) {
	cat := c.t.Category
	for i, comp := range c.t.Components {
		ptr := compPtr(i)
		switch {
		case comp.Type == template.ComponentHeader && comp.Format == template.HeaderLocation && cat != template.CategoryUtility && cat != template.CategoryMarketing:
			c.report(ptr+"/format", "location-header-category", "a LOCATION header is only allowed in UTILITY and MARKETING templates, not %s", cat)
		case comp.Type == template.ComponentCarousel && cat != template.CategoryMarketing:
			c.report(ptr+"/type", "carousel-category", "CAROUSEL is only allowed in MARKETING templates, not %s: set category: MARKETING", cat)
		case comp.Type == template.ComponentLimitedTimeOffer && cat != template.CategoryMarketing:
			c.report(ptr+"/type", "lto-category", "LIMITED_TIME_OFFER is only allowed in MARKETING templates, not %s: set category: MARKETING", cat)
		case comp.Type == template.ComponentFooter && c.has(template.ComponentLimitedTimeOffer):
			c.report(ptr+"/type", "lto-footer", "a template with LIMITED_TIME_OFFER cannot have a FOOTER; remove the footer")
		}
	}
	c.eachComponent(func(comp *template.Component, ptr string, _ bool) {
		for i, b := range comp.Buttons {
			at := ptr + "/buttons/" + strconv.Itoa(i) + "/type"
			switch {
			case b.Type == template.ButtonOTP && cat != template.CategoryAuthentication:
				c.report(at, "otp-category", "OTP buttons are only allowed in AUTHENTICATION templates, not %s; use COPY_CODE or URL", cat)
			case b.Type == template.ButtonCopyCode && cat == template.CategoryUtility:
				c.report(at, "copy-code-category", "some providers refuse COPY_CODE buttons in UTILITY templates; Meta's utility page allows them: check before relying on it")
			}
		}
	})
}

func checkCarousel(c *checker) {
	for i, comp := range c.t.Components {
		if comp.Type != template.ComponentCarousel {
			continue
		}
		ptr := compPtr(i)
		if n := len(comp.Cards); n < 2 || n > 10 {
			c.report(ptr+"/cards", "carousel-card-count", "carousel has %d card%s; Meta requires 2 to 10", n, plural(n))
		}
		var first string
		for j, card := range comp.Cards {
			c.checkCardHeader(card, ptr, j)
			shape := cardShape(card)
			if j == 0 {
				first = shape
			} else if shape != first {
				c.report(ptr+"/cards/"+strconv.Itoa(j), "carousel-card-shape",
					"card %d has components %s but card 1 has %s; every card must have the same components and buttons", j+1, shape, first)
			}
		}
	}
}

func (c *checker) checkCardHeader(card template.Card, ptr string, j int) {
	for k, comp := range card.Components {
		if comp.Type != template.ComponentHeader {
			continue
		}
		if comp.Format != template.HeaderImage && comp.Format != template.HeaderVideo && comp.Format != template.HeaderProduct {
			c.report(cardCompPtr(ptr, j, k)+"/format", "carousel-card-header",
				"a carousel card header is IMAGE, VIDEO or PRODUCT, not %q", comp.Format)
		}
		return
	}
	c.report(ptr+"/cards/"+strconv.Itoa(j), "carousel-card-header", "card %d has no header; add an IMAGE, VIDEO or PRODUCT header", j+1)
}

// cardShape describes a card's components, header format and button types,
// e.g. "[HEADER:IMAGE BODY BUTTONS:QUICK_REPLY,URL]".
func cardShape(card template.Card) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, comp := range card.Components {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(comp.Type)
		if comp.Format != "" {
			b.WriteString(":" + comp.Format)
		}
		for j, btn := range comp.Buttons {
			sep := ","
			if j == 0 {
				sep = ":"
			}
			b.WriteString(sep + btn.Type)
		}
	}
	b.WriteByte(']')
	return b.String()
}

// ttlRange is message_send_ttl_seconds' allowed range per category (M-TTL);
// -1 (30 days) is allowed where minusOne is set.
var ttlRange = map[string]struct {
	min, max int
	minusOne bool
}{
	template.CategoryAuthentication: {30, 900, true},
	template.CategoryUtility:        {30, 43200, true},
	template.CategoryMarketing:      {43200, 2592000, false},
}

func checkTopLevel(c *checker) {
	if c.t.AllowCategoryChange != nil {
		c.reportKey("/allow_category_change", "allow-category-change",
			"allow_category_change is no longer accepted (since April 2025 Meta recategorises on its own); remove it")
	}
	ttl := c.t.MessageSendTTLSeconds
	r, known := ttlRange[c.t.Category]
	if ttl == nil || !known || (*ttl == -1 && r.minusOne) || (*ttl >= r.min && *ttl <= r.max) {
		return
	}
	if c.t.Category == template.CategoryMarketing && *ttl > 0 && *ttl < r.min {
		c.report("/message_send_ttl_seconds", "ttl-marketing-minimum",
			"message_send_ttl_seconds is %s; Meta's table gives MARKETING a minimum of %s (12 hours), though its own example uses 120",
			commas(*ttl), commas(r.min))
		return
	}
	minusOne := ""
	if r.minusOne {
		minusOne = ", or -1 for 30 days"
	}
	c.report("/message_send_ttl_seconds", "ttl-range", "message_send_ttl_seconds is %s; %s templates allow %s to %s seconds%s",
		commas(*ttl), c.t.Category, commas(r.min), commas(r.max), minusOne)
}
