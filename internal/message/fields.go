package message

import "github.com/waform/waform/internal/template"

// FieldKind says what a parameter fills, and so how it is sent.
type FieldKind string

// The kinds of values a template takes at send time.
const (
	KindText       FieldKind = "text"             // a header or body variable
	KindCode       FieldKind = "code"             // an authentication template's one-time code
	KindMedia      FieldKind = "media"            // a media header: link, media id or local file
	KindLocation   FieldKind = "location"         // one value of a LOCATION header
	KindURLSuffix  FieldKind = "url_suffix"       // a URL button's variable
	KindCouponCode FieldKind = "coupon_code"      // a COPY_CODE button's code
	KindPayload    FieldKind = "payload"          // a quick reply's payload
	KindFlowToken  FieldKind = "flow_token"       // a FLOW button's token
	KindFlowData   FieldKind = "flow_action_data" // a FLOW button's data, a JSON object
	KindThumbnail  FieldKind = "thumbnail"        // a CATALOG button's thumbnail product
	KindExpiration FieldKind = "expiration"       // a limited-time offer's end
)

// Field is one value a template takes at send time, exactly as Build reads
// it: Key is the parameter key (--param KEY=VALUE).
type Field struct {
	Key  string
	Kind FieldKind
	// Example is what Build falls back on: the template's example, or the
	// documented default ("unused" for a flow token); "" when none.
	Example string
	// Optional fields leave their component out when not given.
	Optional bool
	// Max is the length limit in characters; 0 when there is none.
	Max int
}

// Fields lists the values t takes, in the order Build reads them
// (template order). It is Build's own walk, so the list cannot drift from
// what Build sends.
func Fields(t template.Template) []Field {
	var out []Field
	opts := Options{previewOnly: true, record: func(s slot) {
		out = append(out, Field{Key: s.key, Kind: s.kind, Example: s.def, Optional: s.optional && !s.hasDef && s.kind != KindMedia, Max: s.max})
	}}
	// Missing values are problems for Build, not for a listing.
	_, _ = compose(t, Params{}, opts)
	return out
}
