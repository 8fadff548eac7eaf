package message_test

import (
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/message"
)

const authTpl = `{"name":"login_code","language":"en_US","category":"AUTHENTICATION",
 "components":[{"type":"BODY","add_security_recommendation":true},{"type":"FOOTER","code_expiration_minutes":10},
  {"type":"BUTTONS","buttons":[{"type":"OTP","otp_type":"COPY_CODE"}]}]}`

func TestAuthenticationCodeInBodyAndButton(t *testing.T) {
	m := mustBuild(t, decode(t, authTpl), message.Params{"code": "987654"})
	want := `[{"type":"body","parameters":[{"type":"text","text":"987654"}]},{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"987654"}]}]`
	if got := componentsJSON(t, m); got != want {
		t.Errorf("components:\n got %s\nwant %s", got, want)
	}
	pv := m.Preview
	if pv.Body != "*987654* is your verification code. For your security, do not share this code." ||
		pv.Footer != "This code expires in 10 minutes." || pv.Buttons[0].Text != "Copy code" {
		t.Errorf("preview = %+v", pv)
	}
	ps := problems(t, decode(t, authTpl), message.Params{"code": "1234567890123456"})
	if len(ps) != 1 || ps[0].Key != "code" || !strings.Contains(ps[0].Reason, "the limit is 15") {
		t.Errorf("problems = %+v", ps)
	}
}

const carouselTpl = `{"name":"getaways","language":"en_US","category":"MARKETING",
 "components":[{"type":"BODY","text":"Hi {{1}}, swipe.","example":{"body_text":[["Taylor"]]}},
  {"type":"CAROUSEL","cards":[
   {"components":[{"type":"HEADER","format":"IMAGE"},{"type":"BODY","text":"From {{1}}.","example":{"body_text":[["$420"]]}},
     {"type":"BUTTONS","buttons":[{"type":"URL","text":"Book","url":"https://t.example.com/a?ref={{1}}","example":["wa1"]}]}]},
   {"components":[{"type":"HEADER","format":"IMAGE"},{"type":"BODY","text":"From {{1}}.","example":{"body_text":[["$310"]]}},
     {"type":"BUTTONS","buttons":[{"type":"URL","text":"Book","url":"https://t.example.com/b?ref={{1}}","example":["wa2"]}]}]}]}]}`

func TestCarouselCards(t *testing.T) {
	m := mustBuild(t, decode(t, carouselTpl), message.Params{
		"card.0.header": "https://m.example.com/0.jpg", "card.1.header": "https://m.example.com/1.jpg",
		"card.1.1": "$99", "card.1.button.0": "promo",
	})
	got := componentsJSON(t, m)
	for _, want := range []string{
		`{"card_index":1,"components":[{"type":"header","parameters":[{"type":"image","image":{"link":"https://m.example.com/1.jpg"}}]},` +
			`{"type":"body","parameters":[{"type":"text","text":"$99"}]},` +
			`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"promo"}]}]}`,
		`"card_index":0`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("components = %s\nlack %s", got, want)
		}
	}
	if len(m.Preview.Cards) != 2 || m.Preview.Cards[1].Body != "From $99." || m.Preview.Cards[1].Buttons[0].Target != "https://t.example.com/b?ref=promo" {
		t.Errorf("preview cards = %+v", m.Preview.Cards)
	}
	ps := problems(t, decode(t, carouselTpl), message.Params{"card.0.header": "https://m.example.com/0.jpg"})
	if len(ps) != 1 || ps[0].Key != "card.1.header" {
		t.Errorf("problems = %+v, want card.1.header missing", ps)
	}
}

const offerTpl = `{"name":"flash","language":"en_US","category":"MARKETING",
 "components":[{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Flash deal!","has_expiration":true}},
  {"type":"BODY","text":"Deal today."}]}`

func TestOfferExpiration(t *testing.T) {
	tpl := decode(t, offerTpl)
	cases := map[string]time.Time{
		"":                     testNow.Add(message.DefaultOfferExpiry),
		"48h":                  testNow.Add(48 * time.Hour),
		"2031-05-01T10:00:00Z": time.Date(2031, 5, 1, 10, 0, 0, 0, time.UTC),
		"1935000000000":        time.UnixMilli(1935000000000),
	}
	for value, want := range cases {
		p := message.Params{}
		if value != "" {
			p["offer.expiration"] = value
		}
		m := mustBuild(t, tpl, p)
		got := m.Request.Template.Components[0].Parameters[0].LimitedTimeOffer.ExpirationTimeMS
		if got != want.UnixMilli() || !m.Preview.Offer.Expires.Equal(want) || m.Preview.Offer.Text != "Flash deal!" {
			t.Errorf("%q: expiration %d, preview %+v; want %d", value, got, m.Preview.Offer, want.UnixMilli())
		}
	}
	for value, reason := range map[string]string{"-1h": "is not in the future", "next week": "is not a time"} {
		ps := problems(t, tpl, message.Params{"offer.expiration": value})
		if len(ps) != 1 || !strings.Contains(ps[0].Reason, reason) {
			t.Errorf("%q: problems = %+v, want %q", value, ps, reason)
		}
	}
}

const locationTpl = `{"name":"visit","language":"en_US","category":"UTILITY",
 "components":[{"type":"HEADER","format":"LOCATION"},{"type":"BODY","text":"See you there."}]}`

func TestLocationHeader(t *testing.T) {
	m := mustBuild(t, decode(t, locationTpl), message.Params{"location.latitude": "38.7223", "location.longitude": "-9.1393", "location.name": "Lisbon office"})
	loc := m.Preview.Header.Location
	if loc.Latitude != "38.7223" || loc.Longitude != "-9.1393" || loc.Name != "Lisbon office" || loc.Address == "" {
		t.Errorf("location = %+v", loc)
	}
	ps := problems(t, decode(t, locationTpl), message.Params{"location.latitude": "91"})
	if len(ps) != 1 || ps[0].Key != "location.latitude" || !strings.Contains(ps[0].Reason, "between -90 and 90") {
		t.Errorf("problems = %+v", ps)
	}
}

const flowTpl = `{"name":"book","language":"en_US","category":"UTILITY",
 "components":[{"type":"BODY","text":"Book now."},{"type":"BUTTONS","buttons":[{"type":"FLOW","text":"Book","flow_id":"1"},{"type":"CATALOG","text":"View"}]}]}`

func TestFlowAndCatalogButtons(t *testing.T) {
	m := mustBuild(t, decode(t, flowTpl), message.Params{
		"button.0.flow_token": "tok-1", "button.0.flow_action_data": `{"customer_id":"c_1"}`, "button.1": "SKU-1",
	})
	want := `[{"type":"button","sub_type":"flow","index":"0","parameters":[{"type":"action","action":{"flow_token":"tok-1","flow_action_data":{"customer_id":"c_1"}}}]},` +
		`{"type":"button","sub_type":"catalog","index":"1","parameters":[{"type":"action","action":{"thumbnail_product_retailer_id":"SKU-1"}}]}]`
	if got := componentsJSON(t, m); got != want {
		t.Errorf("components:\n got %s\nwant %s", got, want)
	}
	ps := problems(t, decode(t, flowTpl), message.Params{"button.0.flow_action_data": `["x"]`})
	if len(ps) != 1 || !strings.Contains(ps[0].Reason, "must be a JSON object") {
		t.Errorf("problems = %+v", ps)
	}
}

func TestUnsupportedKindsAreNamed(t *testing.T) {
	tpl := decode(t, `{"name":"cart","language":"en_US","category":"MARKETING","components":[
	 {"type":"HEADER","format":"PRODUCT"},{"type":"BODY","text":"Items."},{"type":"BUTTONS","buttons":[{"type":"MPM","text":"View items"}]}]}`)
	ps := problems(t, tpl, nil)
	if len(ps) != 2 || ps[0].Key != "header" || ps[1].Key != "button.0" || !strings.Contains(ps[1].Reason, "MPM buttons") {
		t.Errorf("problems = %+v", ps)
	}
}
