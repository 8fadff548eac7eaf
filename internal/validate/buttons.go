package validate

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/waform/waform/internal/template"
)

const (
	maxButtons     = 10
	maxCardButtons = 2
)

// maxPerType is how many buttons of one type a template may have (M-COMP;
// Kapso's SDK for CATALOG, MPM and SPM; Meta's checkout button templates for
// ORDER_DETAILS). FLOW is left out: its limit is not documented.
var maxPerType = map[string]int{
	template.ButtonURL: 2, template.ButtonPhoneNumber: 1, template.ButtonCopyCode: 1, template.ButtonOTP: 1, template.ButtonVoiceCall: 1, template.ButtonCatalog: 1, template.ButtonMPM: 1, template.ButtonSPM: 1,
	template.ButtonOrderDetails: 1,
}

// needsText lists the button types whose label the template sets.
var needsText = map[string]bool{
	template.ButtonQuickReply: true, template.ButtonURL: true, template.ButtonPhoneNumber: true, template.ButtonFlow: true, template.ButtonVoiceCall: true,
	template.ButtonCatalog: true, template.ButtonMPM: true, template.ButtonSPM: true, template.ButtonOrderDetails: true,
}

func checkButtons(c *checker) {
	c.eachComponent(func(comp *template.Component, ptr string, inCard bool) {
		if comp.Type != template.ComponentButtons {
			return
		}
		c.checkButtonList(comp.Buttons, ptr, inCard)
		for i := range comp.Buttons {
			c.checkButton(&comp.Buttons[i], ptr+"/buttons/"+strconv.Itoa(i))
		}
	})
}

func (c *checker) checkButtonList(buttons []template.Button, ptr string, inCard bool) {
	list := ptr + "/buttons/"
	switch {
	case len(buttons) == 0:
		c.report(ptr, "button-count", "BUTTONS has no buttons; add one or remove the component")
	case inCard && len(buttons) > maxCardButtons:
		c.report(list+strconv.Itoa(maxCardButtons), "carousel-card-buttons",
			"card has %d buttons; a carousel card may have %d: remove %d", len(buttons), maxCardButtons, len(buttons)-maxCardButtons)
	case len(buttons) > maxButtons:
		c.report(list+strconv.Itoa(maxButtons), "button-count",
			"template has %d buttons; Meta allows %d: remove %d", len(buttons), maxButtons, len(buttons)-maxButtons)
	}
	c.checkOrderDetails(buttons, list, inCard)
	counts := map[string]int{}
	reported := map[string]bool{}
	groups := 0
	for i, b := range buttons {
		counts[b.Type]++
		if max, limited := maxPerType[b.Type]; limited && counts[b.Type] > max && !reported[b.Type] {
			reported[b.Type] = true
			c.report(list+strconv.Itoa(i), "button-type-count", "more than %d %s button%s; Meta allows %d per template: remove this one",
				max, b.Type, plural(max), max)
		}
		if i == 0 || (b.Type == template.ButtonQuickReply) != (buttons[i-1].Type == template.ButtonQuickReply) {
			groups++
			if groups == 3 {
				c.report(list+strconv.Itoa(i), "quick-reply-grouping",
					"quick replies and other buttons are interleaved; put all QUICK_REPLY buttons together, before or after the others")
			}
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (c *checker) checkButton(b *template.Button, ptr string) {
	if needsText[b.Type] && b.Text == "" {
		c.report(ptr, "button-field-missing", "a %s button needs text: (its label, up to %d characters)", b.Type, maxButtonText)
	}
	c.checkLength(ptr+"/text", "button-text-length", "button text", b.Text, maxButtonText, "")
	c.checkLength(ptr+"/autofill_text", "button-text-length", "autofill_text", b.AutofillText, maxButtonText, "")
	switch b.Type {
	case template.ButtonURL:
		c.checkURLButton(b, ptr)
	case template.ButtonPhoneNumber:
		if b.PhoneNumber == "" {
			c.report(ptr, "button-field-missing", "a PHONE_NUMBER button needs phone_number: (digits with country code)")
		}
		c.checkLength(ptr+"/phone_number", "phone-number-length", "phone_number", b.PhoneNumber, maxPhone, "")
	case template.ButtonCopyCode:
		if b.Example.First() == "" {
			c.report(ptr, "button-field-missing", "a COPY_CODE button needs example: (the sample code, up to %d characters)", maxCopyCode)
		}
		c.checkLength(ptr+"/example", "copy-code-length", "COPY_CODE example", b.Example.First(), maxCopyCode, "")
	case template.ButtonFlow:
		set := 0
		for _, v := range []string{string(b.FlowID), b.FlowName, b.FlowJSON} {
			if v != "" {
				set++
			}
		}
		if set != 1 {
			c.report(ptr, "flow-target", "a FLOW button names its flow with exactly one of flow_id, flow_name or flow_json; it has %d", set)
		}
	}
}

func (c *checker) checkURLButton(b *template.Button, ptr string) {
	urlPtr := ptr + "/url"
	if b.URL == "" {
		c.report(ptr, "button-field-missing", "a URL button needs url:")
		return
	}
	c.checkLength(urlPtr, "url-length", "url", b.URL, maxURL, "")
	vars, bad := scanVars(b.URL)
	switch {
	case bad:
		c.report(urlPtr, "variable-braces", "url has a {{ without a matching }} (or the reverse); write the variable as {{1}}")
	case len(vars) > 1:
		c.report(urlPtr, "url-variable-count", "url has %d variables; a URL may have one, at its end", len(vars))
	case len(vars) == 1 && vars[0].end != len(b.URL):
		c.report(urlPtr, "url-variable-position", "{{%s}} is in the middle of the url; a URL variable must come at its very end", vars[0].name)
	}
	hasExample := b.Example.First() != ""
	switch {
	case len(vars) > 0 && !hasExample:
		c.report(urlPtr, "url-example-missing", "url has a variable but the button has no example; add example: [\"%s\"] with a sample full URL",
			exampleURL(b.URL, vars[len(vars)-1]))
	case len(vars) == 0 && hasExample:
		c.report(ptr+"/example", "example-extra", "url has no variable; remove example")
	}
	for i, ex := range b.Example.Values {
		c.checkLength(ptr+"/example/"+strconv.Itoa(i), "url-length", "url example", ex, maxURL, "")
	}
}

// exampleURL suggests a sample: the URL with its variable replaced.
func exampleURL(url string, v variable) string {
	s := url[:v.start] + "123" + url[v.end:]
	if utf8.RuneCountInString(s) > 80 {
		return "https://..."
	}
	return s
}

// checkOrderDetails applies Meta's checkout button templates: "a single
// checkout button, and up to 9 quick-reply buttons"; in a media card
// carousel the checkout button "is the first button in the card".
func (c *checker) checkOrderDetails(buttons []template.Button, list string, inCard bool) {
	at := slices.IndexFunc(buttons, func(b template.Button) bool { return b.Type == template.ButtonOrderDetails })
	switch {
	case at < 0:
	case inCard && at > 0:
		c.report(list+strconv.Itoa(at), "order-details-buttons",
			"in a carousel card the ORDER_DETAILS button must be the card's first button; move it before %s", buttons[0].Type)
	case !inCard:
		for i, b := range buttons {
			if b.Type != template.ButtonOrderDetails && b.Type != template.ButtonQuickReply {
				c.report(list+strconv.Itoa(i), "order-details-buttons",
					"a template with an ORDER_DETAILS (checkout) button may add only QUICK_REPLY buttons, not %s", b.Type)
				return
			}
		}
	}
}
