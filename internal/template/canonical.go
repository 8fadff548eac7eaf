package template

import (
	"cmp"
	"slices"
	"strings"
)

// componentRank fixes where each component type sits in the canonical form.
// Meta matches components by type, never by position (Meta's own LTO example
// sends the offer before the body), so the canonical form sorts them; types
// waform does not know go last, by name, so they still compare stably.
var componentRank = map[string]int{
	ComponentHeader:                0,
	ComponentLimitedTimeOffer:      1,
	ComponentBody:                  2,
	ComponentFooter:                3,
	ComponentButtons:               4,
	ComponentCarousel:              5,
	ComponentCallPermissionRequest: 6,
}

func compareComponentTypes(a, b string) int {
	ra, oka := componentRank[a]
	rb, okb := componentRank[b]
	if !oka {
		ra = len(componentRank)
	}
	if !okb {
		rb = len(componentRank)
	}
	if c := cmp.Compare(ra, rb); c != 0 {
		return c
	}
	if !oka && !okb {
		return strings.Compare(a, b)
	}
	return 0
}

// Canonical returns t in the form both sides of a comparison are put in:
// enums upper case (Meta accepts either case on create and answers upper
// case), parameter_format POSITIONAL when absent (Meta's default),
// components sorted by type (cards' components too) with buttons and cards
// left in their order (it is the send-time index), phone numbers as digits,
// named examples sorted by param_name (Meta treats them as a map), and empty
// lists as nil. It never modifies t and Canonical(Canonical(t)) equals
// Canonical(t).
func Canonical(t Template) Template {
	t.Category = upper(t.Category)
	t.ParameterFormat = upper(t.ParameterFormat)
	if t.ParameterFormat == "" {
		t.ParameterFormat = ParameterFormatPositional
	}
	t.Components = canonicalComponents(t.Components)
	return t
}

// ForCreate returns the body to send on create or update: the canonical form
// without allow_category_change, which Meta stopped accepting on 2025-04-09
// (it now recategorises on its own); sending it can only cause an error.
func ForCreate(t Template) Template {
	t = Canonical(t)
	t.AllowCategoryChange = nil
	return t
}

func canonicalComponents(cs []Component) []Component {
	if len(cs) == 0 {
		return nil
	}
	out := make([]Component, len(cs))
	for i, c := range cs {
		out[i] = canonicalComponent(c)
	}
	slices.SortStableFunc(out, func(a, b Component) int { return compareComponentTypes(a.Type, b.Type) })
	return out
}

func canonicalComponent(c Component) Component {
	c.Type = upper(c.Type)
	c.Format = upper(c.Format)
	c.Example = canonicalExample(c.Example)
	if len(c.Buttons) == 0 {
		c.Buttons = nil
	} else {
		buttons := make([]Button, len(c.Buttons))
		for i, b := range c.Buttons {
			buttons[i] = canonicalButton(b)
		}
		c.Buttons = buttons
	}
	if len(c.Cards) == 0 {
		c.Cards = nil
	} else {
		cards := make([]Card, len(c.Cards))
		for i, card := range c.Cards {
			cards[i] = Card{Components: canonicalComponents(card.Components)}
		}
		c.Cards = cards
	}
	return c
}

func canonicalButton(b Button) Button {
	b.Type = upper(b.Type)
	b.OTPType = upper(b.OTPType)
	b.FlowAction = upper(b.FlowAction)
	b.Icon = upper(b.Icon)
	b.FlowID = FlexString(strings.TrimSpace(string(b.FlowID)))
	b.PhoneNumber = phoneDigits(b.PhoneNumber)
	b.Example = canonicalButtonExample(b.Example, b.Type)
	if len(b.SupportedApps) == 0 {
		b.SupportedApps = nil
	}
	return b
}

// canonicalButtonExample writes a COPY_CODE example as a single string and
// every other as an array, the forms Meta documents for each, so "X" and
// ["X"] compare equal and the create body has the form Meta expects.
func canonicalButtonExample(s Strings, buttonType string) Strings {
	if len(s.Values) == 0 {
		return Strings{}
	}
	return Strings{
		Values: slices.Clone(s.Values),
		Single: buttonType == ButtonCopyCode && len(s.Values) == 1,
	}
}

func canonicalExample(e *Example) *Example {
	if e == nil {
		return nil
	}
	out := &Example{
		HeaderText:            nonEmpty(e.HeaderText),
		HeaderTextNamedParams: sortedParams(e.HeaderTextNamedParams),
		HeaderHandle:          nonEmpty(e.HeaderHandle),
		BodyText:              nonEmpty(e.BodyText),
		BodyTextNamedParams:   sortedParams(e.BodyTextNamedParams),
	}
	if !out.hasText() && len(out.HeaderHandle) == 0 {
		return nil
	}
	return out
}

// hasText reports whether e carries any text example (anything but a media
// handle). It is nil-safe.
func (e *Example) hasText() bool {
	return e != nil && (len(e.HeaderText) > 0 || len(e.HeaderTextNamedParams) > 0 ||
		len(e.BodyText) > 0 || len(e.BodyTextNamedParams) > 0)
}

func sortedParams(ps []NamedParam) []NamedParam {
	if len(ps) == 0 {
		return nil
	}
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b NamedParam) int { return strings.Compare(a.ParamName, b.ParamName) })
	return out
}

func nonEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// phoneDigits keeps only the digits of a phone number: Meta answers
// "+16467043595" for a number created as "16467043595", and people write
// "+1 (646) 704-3595". A value without any digit is left alone so the
// validator, not the normalizer, reports it.
func phoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
