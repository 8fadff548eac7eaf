package template

import (
	"fmt"
	"slices"
	"strconv"
)

// ChangeKind says whether a value differs on both sides or exists on one.
type ChangeKind string

// Kinds of Change. "added" means the file has it and the remote does not, so
// applying the file adds it; "removed" is the opposite.
const (
	Changed ChangeKind = "changed"
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
)

// Change is one difference between a desired and an actual template. Path
// names the field in the canonical form: "category",
// "components.BODY.text", "components.BUTTONS.buttons[1].url",
// "components.BODY.example.body_text_named_params.order_id", or a whole
// component such as "components.HEADER". A second component of the same type
// is "components.BODY[1]". Before is the remote value, After the file's;
// both are JSON-able and nil on the side where the value is absent.
type Change struct {
	Path   string     `json:"path"`
	Kind   ChangeKind `json:"kind"`
	Before any        `json:"before,omitempty"`
	After  any        `json:"after,omitempty"`
}

func (c Change) String() string {
	return fmt.Sprintf("%s %s: %v -> %v", c.Path, c.Kind, c.Before, c.After)
}

// Equal reports whether the remote template needs no change to match the
// file. It is the one equality waform uses.
func Equal(desired, actual Template) bool { return len(Diff(desired, actual)) == 0 }

// Diff lists what differs between desired (Canonical of the file) and actual
// (FromRemote of the API's answer), in a fixed order: template fields, then
// components in canonical order, fields in declaration order. Both are put in
// canonical form again, which is harmless as it is idempotent (DiffCanonical
// skips that for forms already canonical).
//
// Policy (TEMPLATE-RULES decisions 3-6):
//   - never compared: allow_category_change, media header_handle (write-only,
//     Meta answers a changing CDN URL), the OTP button's supported_apps,
//     autofill_text, zero_tap_terms_accepted, package_name, signature_hash,
//     and URL buttons' example (Meta echoes it as a suffix or a full URL);
//   - compared only when the file declares them: message_send_ttl_seconds
//     and cta_url_link_tracking_opted_out (Meta echoes defaults), a FLOW
//     button's flow_id, flow_action, navigate_screen and icon, VOICE_CALL
//     ttl_minutes; flow_name and flow_json only when both sides carry them
//     (Meta stores the flow id, not the name);
//   - AUTHENTICATION files (category of desired): BODY and FOOTER text never
//     (Meta generates it); add_security_recommendation,
//     code_expiration_minutes and the OTP button's text only when declared;
//     a remote component the file lacks is not reported;
//   - text examples (header_text, body_text, named params as a map) are
//     compared, except when the remote component has no text example at all:
//     Meta's own sample templates and some imported ones carry none, and an
//     update cannot make Meta keep them, so a file with examples against a
//     remote without any is equal. A remote with examples against a file
//     without any is a change.
func Diff(desired, actual Template) []Change {
	return DiffCanonical(Canonical(desired), Canonical(actual))
}

// DiffCanonical is Diff of templates already in canonical form: Canonical's
// or FromRemote's output, which Canonical leaves as they are
// (TestCanonicalStable). It does not normalise them again.
func DiffCanonical(desired, actual Template) []Change {
	d := &differ{auth: desired.Category == CategoryAuthentication}
	d.str("", "name", desired.Name, actual.Name)
	d.str("", "language", desired.Language, actual.Language)
	d.str("", "category", desired.Category, actual.Category)
	d.str("", "parameter_format", desired.ParameterFormat, actual.ParameterFormat)
	if desired.MessageSendTTLSeconds != nil {
		d.value("", "message_send_ttl_seconds", deref(desired.MessageSendTTLSeconds), deref(actual.MessageSendTTLSeconds))
	}
	if desired.CTAURLLinkTrackingOptedOut != nil {
		d.value("", "cta_url_link_tracking_opted_out", deref(desired.CTAURLLinkTrackingOptedOut), deref(actual.CTAURLLinkTrackingOptedOut))
	}
	d.components("components", desired.Components, actual.Components)
	return d.changes
}

// differ collects changes. Paths are passed as a parent and a field name
// and joined only when a change is recorded: at thousands of templates in
// sync, building every compared field's path was most of a plan's garbage.
type differ struct {
	auth    bool
	changes []Change
}

// join is parent.field, or field at the top.
func join(parent, field string) string {
	if parent == "" {
		return field
	}
	return parent + "." + field
}

// value records a change when the comparable values want and got differ;
// nil stands for absent.
func (d *differ) value(parent, field string, want, got any) {
	if want != got {
		d.record(join(parent, field), want, got)
	}
}

// record adds a change between values already known to differ (lists and
// structs are not comparable with ==).
func (d *differ) record(path string, want, got any) {
	kind := Changed
	switch {
	case got == nil:
		kind = Added
	case want == nil:
		kind = Removed
	}
	d.changes = append(d.changes, Change{Path: path, Kind: kind, Before: got, After: want})
}

// str is value of two strings, "" standing for absent.
func (d *differ) str(parent, field, want, got string) {
	if want != got {
		d.record(join(parent, field), orNil(want), orNil(got))
	}
}

func (d *differ) strs(parent, field string, want, got []string) {
	if !slices.Equal(want, got) {
		d.record(join(parent, field), listOrNil(want), listOrNil(got))
	}
}

// components matches components by type (and occurrence, should a type
// repeat) and walks them in canonical order.
func (d *differ) components(path string, want, got []Component) {
	if sameDistinctTypes(want, got) {
		// The usual case: each side has one component of each type, the
		// same types in the same order, so each is named by its type.
		for i := range want {
			d.component(path, want[i].Type, &want[i], &got[i])
		}
		return
	}
	w, g := keyComponents(want), keyComponents(got)
	for _, k := range unionKeys(w, g) {
		wc, inW := w.find(k)
		gc, inG := g.find(k)
		switch {
		case !inG:
			d.record(path+"."+k, *wc, nil)
		case !inW:
			if !d.auth {
				d.record(path+"."+k, nil, *gc)
			}
		default:
			d.component(path, k, wc, gc)
		}
	}
}

// component compares the components at parent.key. The path of their
// fields is built only if one differs.
func (d *differ) component(parent, key string, w, g *Component) {
	path := func() string { return parent + "." + key }
	if w.Format != g.Format {
		d.str(path(), "format", w.Format, g.Format)
	}
	if (!d.auth || (w.Type != ComponentBody && w.Type != ComponentFooter)) && w.Text != g.Text {
		d.str(path(), "text", w.Text, g.Text)
	}
	if (!d.auth || w.AddSecurityRecommendation != nil) && !samePtr(w.AddSecurityRecommendation, g.AddSecurityRecommendation) {
		d.value(path(), "add_security_recommendation", deref(w.AddSecurityRecommendation), deref(g.AddSecurityRecommendation))
	}
	if (!d.auth || w.CodeExpirationMinutes != nil) && !samePtr(w.CodeExpirationMinutes, g.CodeExpirationMinutes) {
		d.value(path(), "code_expiration_minutes", deref(w.CodeExpirationMinutes), deref(g.CodeExpirationMinutes))
	}
	if g.Example.hasText() && !sameExample(w.Example, g.Example) {
		d.example(path()+".example", w.Example, g.Example)
	}
	if !sameOffer(w.LimitedTimeOffer, g.LimitedTimeOffer) {
		d.offer(path()+".limited_time_offer", w.LimitedTimeOffer, g.LimitedTimeOffer)
	}
	if len(w.Buttons) > 0 || len(g.Buttons) > 0 {
		d.buttons(path()+".buttons", w.Buttons, g.Buttons)
	}
	if len(w.Cards) > 0 || len(g.Cards) > 0 {
		d.cards(path()+".cards", w.Cards, g.Cards)
	}
}

// example compares text examples; the caller has checked that the remote
// one has text (see Diff's policy).
func (d *differ) example(path string, w, g *Example) {
	if w == nil {
		w = &Example{}
	}
	d.strs(path, "header_text", w.HeaderText, g.HeaderText)
	d.named(path, "header_text_named_params", w.HeaderTextNamedParams, g.HeaderTextNamedParams)
	if !slices.EqualFunc(w.BodyText, g.BodyText, slices.Equal) {
		d.record(path+".body_text", listOrNil(w.BodyText), listOrNil(g.BodyText))
	}
	d.named(path, "body_text_named_params", w.BodyTextNamedParams, g.BodyTextNamedParams)
}

// named compares named examples as a map from param_name to example, one
// Change per parameter.
func (d *differ) named(parent, field string, want, got []NamedParam) {
	if slices.Equal(want, got) {
		return // the same list is the same map
	}
	path := join(parent, field)
	wm, gm := paramMap(want), paramMap(got)
	names := make([]string, 0, len(wm)+len(gm))
	for n := range wm {
		names = append(names, n)
	}
	for n := range gm {
		if _, ok := wm[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		wv, inW := wm[n]
		gv, inG := gm[n]
		d.value(path, n, present(wv, inW), present(gv, inG))
	}
}

func (d *differ) offer(path string, w, g *LimitedTimeOffer) {
	switch {
	case w == nil && g == nil:
	case w == nil || g == nil:
		d.record(path, ptrOrNil(w), ptrOrNil(g))
	default:
		d.str(path, "text", w.Text, g.Text)
		// Absent has_expiration means false to Meta.
		d.value(path, "has_expiration", boolValue(w.HasExpiration), boolValue(g.HasExpiration))
	}
}

func (d *differ) buttons(path string, want, got []Button) {
	diffByIndex(d, path, want, got, d.button)
}

// diffByIndex compares two lists position by position, recording an
// element present on one side only as added or removed.
func diffByIndex[T any](d *differ, path string, want, got []T, same func(path string, i int, w, g *T)) {
	for i := range max(len(want), len(got)) {
		switch {
		case i >= len(got):
			d.record(indexed(path, i), want[i], nil)
		case i >= len(want):
			d.record(indexed(path, i), nil, got[i])
		default:
			same(path, i, &want[i], &got[i])
		}
	}
}

// indexed is path[i].
func indexed(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (d *differ) button(parent string, i int, w, g *Button) {
	path := func() string { return indexed(parent, i) }
	str := func(field, want, got string) {
		if want != got {
			d.str(path(), field, want, got)
		}
	}
	str("type", w.Type, g.Type)
	if w.Type != ButtonOTP || w.Text != "" {
		str("text", w.Text, g.Text)
	}
	str("url", w.URL, g.URL)
	str("phone_number", w.PhoneNumber, g.PhoneNumber)
	str("otp_type", w.OTPType, g.OTPType)
	// Compared only when the file declares them.
	for _, f := range [...]struct{ name, want, got string }{
		{"flow_id", string(w.FlowID), string(g.FlowID)},
		{"flow_action", w.FlowAction, g.FlowAction},
		{"navigate_screen", w.NavigateScreen, g.NavigateScreen},
		{"icon", w.Icon, g.Icon},
	} {
		if f.want != "" {
			str(f.name, f.want, f.got)
		}
	}
	if w.FlowName != "" && g.FlowName != "" {
		str("flow_name", w.FlowName, g.FlowName)
	}
	if w.FlowJSON != "" && g.FlowJSON != "" {
		str("flow_json", w.FlowJSON, g.FlowJSON)
	}
	if w.TTLMinutes != nil && !samePtr(w.TTLMinutes, g.TTLMinutes) {
		d.value(path(), "ttl_minutes", deref(w.TTLMinutes), deref(g.TTLMinutes))
	}
	if w.Type != ButtonURL && w.Type != ButtonOTP && !slices.Equal(w.Example.Values, g.Example.Values) {
		d.strs(path(), "example", w.Example.Values, g.Example.Values)
	}
}

func (d *differ) cards(path string, want, got []Card) {
	diffByIndex(d, path, want, got, func(parent string, i int, w, g *Card) {
		d.components(indexed(parent, i)+".components", w.Components, g.Components)
	})
}
