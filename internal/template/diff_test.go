package template

import (
	"reflect"
	"testing"
)

func body(text string) Component { return Component{Type: "BODY", Text: text} }

func buttons(bs ...Button) Component { return Component{Type: "BUTTONS", Buttons: bs} }

func tpl(category string, cs ...Component) Template {
	return Template{Name: "t", Language: "en", Category: category, Components: cs}
}

func paths(cs []Change) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Path+" "+string(c.Kind))
	}
	return out
}

func TestDiffPolicy(t *testing.T) {
	card := func(text, url string) Card {
		return Card{Components: []Component{
			{Type: "HEADER", Format: "IMAGE", Example: &Example{HeaderHandle: []string{"4::a"}}},
			body(text),
			buttons(Button{Type: "URL", Text: "Shop", URL: url}),
		}}
	}
	cases := []struct {
		name            string
		desired, actual Template
		want            []string
	}{{
		name:    "carousel cards compared by index, their components by type",
		desired: tpl("MARKETING", body("Hi"), Component{Type: "CAROUSEL", Cards: []Card{card("A", "https://a"), card("B", "https://b")}}),
		actual:  tpl("MARKETING", body("Hi"), Component{Type: "CAROUSEL", Cards: []Card{card("A", "https://x")}}),
		want:    []string{"components.CAROUSEL.cards[0].components.BUTTONS.buttons[0].url changed", "components.CAROUSEL.cards[1] added"},
	}, {
		name:    "a repeated component type is matched by occurrence",
		desired: tpl("UTILITY", body("one"), body("two")),
		actual:  tpl("UTILITY", body("one")),
		want:    []string{"components.BODY[1] added"},
	}, {
		name:    "buttons added and removed at the end",
		desired: tpl("UTILITY", body("x"), buttons(Button{Type: "QUICK_REPLY", Text: "A"})),
		actual:  tpl("UTILITY", body("x"), buttons(Button{Type: "QUICK_REPLY", Text: "A"}, Button{Type: "QUICK_REPLY", Text: "B"})),
		want:    []string{"components.BUTTONS.buttons[1] removed"},
	}, {
		name: "authentication: a remote component the file lacks is not reported; body text never",
		desired: tpl("AUTHENTICATION",
			Component{Type: "BODY", Text: "ignored", AddSecurityRecommendation: ptr(true)},
			buttons(Button{Type: "OTP", OTPType: "COPY_CODE"})),
		actual: tpl("AUTHENTICATION",
			Component{Type: "BODY", Text: "generated", AddSecurityRecommendation: ptr(true)},
			Component{Type: "FOOTER", CodeExpirationMinutes: ptr(10)},
			buttons(Button{Type: "OTP", OTPType: "COPY_CODE", Text: "Copy code"})),
		want: []string{},
	}, {
		name:    "outside authentication a remote-only component is removed",
		desired: tpl("UTILITY", body("x")),
		actual:  tpl("UTILITY", body("x"), Component{Type: "FOOTER", Text: "f"}),
		want:    []string{"components.FOOTER removed"},
	}, {
		name:    "declared template fields are compared, undeclared are not",
		desired: Template{Name: "t", Language: "en", Category: "MARKETING", CTAURLLinkTrackingOptedOut: ptr(true), AllowCategoryChange: ptr(true), Components: []Component{body("x")}},
		actual:  Template{Name: "t", Language: "en", Category: "MARKETING", MessageSendTTLSeconds: ptr(2592000), Components: []Component{body("x")}},
		want:    []string{"cta_url_link_tracking_opted_out added"},
	}, {
		name: "flow name against flow id, undeclared flow fields ignored, declared ttl compared",
		desired: tpl("MARKETING", body("x"), buttons(
			Button{Type: "FLOW", Text: "Go", FlowName: "signup"},
			Button{Type: "VOICE_CALL", Text: "Call", TTLMinutes: ptr(60)})),
		actual: tpl("MARKETING", body("x"), buttons(
			Button{Type: "FLOW", Text: "Go", FlowID: "42", FlowAction: "NAVIGATE", NavigateScreen: "A", Icon: "PROMOTION"},
			Button{Type: "VOICE_CALL", Text: "Call", TTLMinutes: ptr(1440)})),
		want: []string{"components.BUTTONS.buttons[1].ttl_minutes changed"},
	}, {
		name:    "flow fields declared on both sides are compared",
		desired: tpl("MARKETING", body("x"), buttons(Button{Type: "FLOW", Text: "Go", FlowID: "42", FlowName: "a", NavigateScreen: "B"})),
		actual:  tpl("MARKETING", body("x"), buttons(Button{Type: "FLOW", Text: "Go", FlowID: "43", FlowName: "b", NavigateScreen: "A"})),
		want: []string{
			"components.BUTTONS.buttons[0].flow_id changed",
			"components.BUTTONS.buttons[0].navigate_screen changed",
			"components.BUTTONS.buttons[0].flow_name changed",
		},
	}, {
		name: "COPY_CODE example compared in either form, write-only OTP fields never",
		desired: tpl("MARKETING", body("x"), buttons(
			Button{Type: "COPY_CODE", Example: Strings{Values: []string{"SAVE10"}, Single: true}},
			Button{Type: "OTP", OTPType: "ONE_TAP", AutofillText: "Fill", PackageName: "a.b", SignatureHash: "K8a/AINcGX7", ZeroTapTermsAccepted: ptr(true)})),
		actual: tpl("MARKETING", body("x"), buttons(
			Button{Type: "COPY_CODE", Example: Strings{Values: []string{"SAVE20"}}},
			Button{Type: "OTP", OTPType: "ONE_TAP"})),
		want: []string{"components.BUTTONS.buttons[0].example changed"},
	}, {
		name:    "limited time offer: absent has_expiration is false",
		desired: tpl("MARKETING", Component{Type: "LIMITED_TIME_OFFER", LimitedTimeOffer: &LimitedTimeOffer{Text: "Soon", HasExpiration: ptr(false)}}, body("x")),
		actual:  tpl("MARKETING", Component{Type: "LIMITED_TIME_OFFER", LimitedTimeOffer: &LimitedTimeOffer{Text: "Later"}}, body("x")),
		want:    []string{"components.LIMITED_TIME_OFFER.limited_time_offer.text changed"},
	}, {
		name:    "remote examples the file dropped are reported",
		desired: tpl("UTILITY", Component{Type: "HEADER", Format: "TEXT", Text: "Hi {{1}}"}, body("x")),
		actual:  tpl("UTILITY", Component{Type: "HEADER", Format: "TEXT", Text: "Hi {{1}}", Example: &Example{HeaderText: []string{"Al"}}}, body("x")),
		want:    []string{"components.HEADER.example.header_text removed"},
	}, {
		name:    "header format and name changes",
		desired: Template{Name: "a", Language: "en", Category: "UTILITY", Components: []Component{{Type: "HEADER", Format: "IMAGE"}, body("x")}},
		actual:  Template{Name: "b", Language: "en", Category: "UTILITY", Components: []Component{{Type: "HEADER", Format: "VIDEO"}, body("x")}},
		want:    []string{"name changed", "components.HEADER.format changed"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := paths(Diff(c.desired, c.actual))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Diff paths = %q, want %q", got, c.want)
			}
			if !reflect.DeepEqual(paths(Diff(c.desired, c.actual)), got) {
				t.Errorf("Diff is not deterministic")
			}
		})
	}
}

func TestDiffValues(t *testing.T) {
	desired := tpl("UTILITY", body("new"), buttons(Button{Type: "URL", Text: "Go", URL: "https://a"}))
	actual := tpl("MARKETING", body("old"))
	want := []Change{
		{Path: "category", Kind: Changed, Before: "MARKETING", After: "UTILITY"},
		{Path: "components.BODY.text", Kind: Changed, Before: "old", After: "new"},
		{Path: "components.BUTTONS", Kind: Added, After: buttons(Button{Type: "URL", Text: "Go", URL: "https://a"})},
	}
	if got := Diff(desired, actual); !reflect.DeepEqual(got, want) {
		t.Errorf("Diff =\n%v\nwant\n%v", got, want)
	}
}

func TestDiffDoesNotPanicOnUncomparableValues(t *testing.T) {
	// Whole components, buttons and examples hold slices; comparing them
	// with == would panic.
	desired := tpl("UTILITY", Component{Type: "BODY", Text: "x", Example: &Example{BodyText: Matrix{{"a"}}}})
	actual := tpl("UTILITY", Component{Type: "BODY", Text: "x", Example: &Example{BodyText: Matrix{{"b"}}}},
		Component{Type: "CAROUSEL", Cards: []Card{{Components: []Component{body("c")}}}})
	if got := len(Diff(desired, actual)); got != 2 {
		t.Errorf("got %d changes, want 2: %v", got, Diff(desired, actual))
	}
}
