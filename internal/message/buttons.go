package message

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/waform/waform/internal/template"
)

// buttons builds one send-time component per button that takes a value;
// index is the button's position in the template.
func (b *builder) buttons(bs []template.Button, prefix string) ([]Component, []PreviewButton) {
	var out []Component
	var shown []PreviewButton
	for i, btn := range bs {
		index := strconv.Itoa(i)
		key := prefix + "button." + index
		pb := PreviewButton{Type: strings.ToUpper(btn.Type), Text: btn.Text}
		var param *Parameter
		subType := strings.ToLower(pb.Type)
		switch {
		case b.auth && (pb.Type == template.ButtonOTP || pb.Type == template.ButtonURL):
			// Meta returns an OTP button as a URL button; either way the
			// code goes in as the button's text parameter.
			subType, param = "url", &Parameter{Type: "text", Text: b.code}
			pb.Text, pb.Target = orDefault(btn.Text, "Copy code"), b.code
		case pb.Type == template.ButtonURL:
			param, pb.Target = b.urlButton(key, btn)
		case pb.Type == template.ButtonQuickReply:
			// Carousel cards are sent with every button's payload (Meta's
			// carousel examples); elsewhere a payload is optional.
			s := slot{key: key, kind: KindPayload, optional: true}
			if prefix != "" {
				s.def, s.hasDef = btn.Text, true
			}
			if v, ok := b.text(s, 0); ok {
				param = &Parameter{Type: "payload", Payload: v}
			}
		case pb.Type == template.ButtonCopyCode:
			code, _ := b.text(slot{key: key, kind: KindCouponCode, def: btn.Example.First(), hasDef: btn.Example.First() != ""}, maxCodeLen)
			param = &Parameter{Type: "coupon_code", CouponCode: code}
			pb.Text, pb.Target = orDefault(btn.Text, "Copy offer code"), code
		case pb.Type == template.ButtonFlow:
			param = b.flowButton(key)
		case pb.Type == template.ButtonCatalog:
			if v, ok := b.text(slot{key: key, kind: KindThumbnail, optional: true}, 0); ok {
				param = &Parameter{Type: "action", Action: &Action{ThumbnailProductRetailerID: v}}
			}
		case pb.Type == template.ButtonPhoneNumber:
			pb.Target = btn.PhoneNumber
		case pb.Type == template.ButtonMPM || pb.Type == template.ButtonSPM:
			b.unsupported(key, "%s buttons need product sections at send time, which waform send does not build", pb.Type)
		case pb.Type == template.ButtonOrderDetails:
			b.unsupported(key, "ORDER_DETAILS buttons need the order (items, amounts, payment settings) at send time, which waform send does not build")
		}
		shown = append(shown, pb)
		if param != nil {
			out = append(out, Component{Type: "button", SubType: subType, Index: index, Parameters: []Parameter{*param}})
		}
	}
	return out, shown
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// urlButton fills a URL button's variable (the URL's suffix), returning its
// parameter (nil for a static URL) and the URL the recipient opens.
func (b *builder) urlButton(key string, btn template.Button) (*Parameter, string) {
	vars := variables(btn.URL)
	if len(vars) == 0 {
		return nil, btn.URL
	}
	example := btn.Example.First()
	suffix, ok := b.text(slot{key: key, kind: KindURLSuffix, def: urlSuffixExample(btn.URL, example), hasDef: example != ""}, 0)
	if !ok {
		return nil, btn.URL
	}
	full := fill(btn.URL, map[string]string{vars[0]: suffix})
	if n := len([]rune(full)); n > maxURLLen {
		b.fail(key, "makes the button's URL %d characters long; the limit is %d", n, maxURLLen)
	}
	p := &Parameter{Type: "text", Text: suffix}
	if !isPositional(vars[0]) {
		p.ParameterName = vars[0]
	}
	return p, full
}

// flowButton sends a flow token ("unused", as Meta documents for flows that
// do not read it, unless given) and optional action data, a JSON object.
func (b *builder) flowButton(key string) *Parameter {
	token, _ := b.text(slot{key: key + ".flow_token", kind: KindFlowToken, def: "unused", hasDef: true}, 0)
	action := &Action{FlowToken: token}
	if raw, ok := b.value(slot{key: key + ".flow_action_data", kind: KindFlowData, optional: true}); ok {
		if err := json.Unmarshal([]byte(raw), &action.FlowActionData); err != nil || action.FlowActionData == nil {
			b.fail(key+".flow_action_data", `must be a JSON object, e.g. {"customer_id":"c_123"}`)
		}
	}
	return &Parameter{Type: "action", Action: action}
}

// offer fills a limited-time offer's expiration when it has one.
func (b *builder) offer(c template.Component) (*Component, *PreviewOffer) {
	if c.LimitedTimeOffer == nil {
		return nil, nil
	}
	po := &PreviewOffer{Text: c.LimitedTimeOffer.Text}
	if c.LimitedTimeOffer.HasExpiration == nil || !*c.LimitedTimeOffer.HasExpiration {
		return nil, po
	}
	const key = "offer.expiration"
	v, _ := b.value(slot{key: key, kind: KindExpiration, def: DefaultOfferExpiry.String(), hasDef: true})
	at, err := parseExpiry(v, b.opts.Now)
	switch {
	case err != nil:
		b.fail(key, "%q is not a time: give an RFC 3339 time (2030-06-01T18:00:00Z), Unix milliseconds, or a duration from now (48h)", v)
		return nil, po
	case !at.After(b.opts.Now):
		b.fail(key, "%s is not in the future", at.UTC().Format(time.RFC3339))
		return nil, po
	}
	po.Expires = at
	return &Component{Type: "limited_time_offer", Parameters: []Parameter{{
		Type:             "limited_time_offer",
		LimitedTimeOffer: &OfferExpiry{ExpirationTimeMS: at.UnixMilli()},
	}}}, po
}

func parseExpiry(v string, now time.Time) (time.Time, error) {
	if ms, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.UnixMilli(ms), nil
	}
	if d, err := time.ParseDuration(v); err == nil {
		return now.Add(d), nil
	}
	return time.Parse(time.RFC3339, v)
}

// The default location of a LOCATION header: Meta's own sample address.
var defaultLocation = Location{
	Latitude:  "37.483307",
	Longitude: "-122.148981",
	Name:      "Meta Headquarters",
	Address:   "1 Hacker Way, Menlo Park, CA 94025",
}

func (b *builder) location(prefix string) *Location {
	key := prefix + "location."
	loc := &Location{
		Latitude:  b.coordinate(key+"latitude", defaultLocation.Latitude, 90),
		Longitude: b.coordinate(key+"longitude", defaultLocation.Longitude, 180),
	}
	loc.Name, _ = b.text(slot{key: key + "name", kind: KindLocation, def: defaultLocation.Name, hasDef: true}, 0)
	loc.Address, _ = b.text(slot{key: key + "address", kind: KindLocation, def: defaultLocation.Address, hasDef: true}, 0)
	return loc
}

func (b *builder) coordinate(key, def string, limit float64) string {
	v, _ := b.value(slot{key: key, kind: KindLocation, def: def, hasDef: true})
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || f < -limit || f > limit {
		b.fail(key, "%q is not a number between -%g and %g", v, limit, limit)
	}
	return strings.TrimSpace(v)
}
