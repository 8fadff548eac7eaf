package template

import (
	"strconv"
	"unicode/utf8"
)

// The digests of saved plans are sha256 sums of templates' JSON as
// encoding/json writes it (Fingerprint). At thousands of templates a plan
// spent most of its computing in json.Marshal's reflection, so the same
// bytes are appended here by hand. TestAppendJSONMatchesMarshal fills every
// field of the model by reflection and compares with json.Marshal: a field
// added to the model and not here fails it, so no field can drop out of
// the digests unnoticed.

// appendTemplate appends t's JSON, byte for byte what json.Marshal writes.
// With noHandleURLs, header_handle values that are URLs are left out, and
// an example left empty by that is left out too (Fingerprint's rule).
func appendTemplate(b []byte, t *Template, noHandleURLs bool) []byte {
	b = append(b, `{"name":`...)
	b = appendString(b, t.Name)
	b = append(b, `,"language":`...)
	b = appendString(b, t.Language)
	b = append(b, `,"category":`...)
	b = appendString(b, t.Category)
	b = appendOptString(b, `,"parameter_format":`, t.ParameterFormat)
	b = appendOptInt(b, `,"message_send_ttl_seconds":`, t.MessageSendTTLSeconds)
	b = appendOptBool(b, `,"cta_url_link_tracking_opted_out":`, t.CTAURLLinkTrackingOptedOut)
	b = appendOptBool(b, `,"allow_category_change":`, t.AllowCategoryChange)
	b = append(b, `,"components":`...)
	b = appendComponents(b, t.Components, noHandleURLs)
	return append(b, '}')
}

func appendComponents(b []byte, cs []Component, noHandleURLs bool) []byte {
	if cs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendComponent(b, &cs[i], noHandleURLs)
	}
	return append(b, ']')
}

func appendComponent(b []byte, c *Component, noHandleURLs bool) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, c.Type)
	b = appendOptString(b, `,"format":`, c.Format)
	b = appendOptString(b, `,"text":`, c.Text)
	if e := c.Example; e != nil && !(noHandleURLs && onlyHandleURLs(e)) {
		b = append(b, `,"example":`...)
		b = appendExample(b, e, noHandleURLs)
	}
	if len(c.Buttons) > 0 {
		b = append(b, `,"buttons":[`...)
		for i := range c.Buttons {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendButton(b, &c.Buttons[i])
		}
		b = append(b, ']')
	}
	if len(c.Cards) > 0 {
		b = append(b, `,"cards":[`...)
		for i := range c.Cards {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"components":`...)
			b = appendComponents(b, c.Cards[i].Components, noHandleURLs)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if o := c.LimitedTimeOffer; o != nil {
		b = append(b, `,"limited_time_offer":{"text":`...)
		b = appendString(b, o.Text)
		b = appendOptBool(b, `,"has_expiration":`, o.HasExpiration)
		b = append(b, '}')
	}
	b = appendOptBool(b, `,"add_security_recommendation":`, c.AddSecurityRecommendation)
	b = appendOptInt(b, `,"code_expiration_minutes":`, c.CodeExpirationMinutes)
	return append(b, '}')
}

// onlyHandleURLs reports whether e holds media handles, all URLs, and no
// text: without its URLs there is nothing left of it.
func onlyHandleURLs(e *Example) bool {
	return len(e.HeaderHandle) > 0 && !hasNonURL(e.HeaderHandle) && !e.hasText()
}

func hasNonURL(handles []string) bool {
	for _, h := range handles {
		if !isURL(h) {
			return true
		}
	}
	return false
}

func appendExample(b []byte, e *Example, noHandleURLs bool) []byte {
	b = append(b, '{')
	sep := func(b []byte, key string) []byte {
		if b[len(b)-1] != '{' {
			b = append(b, ',')
		}
		return append(append(b, key...), ':')
	}
	if len(e.HeaderText) > 0 {
		b = appendStrings(sep(b, `"header_text"`), e.HeaderText)
	}
	if len(e.HeaderTextNamedParams) > 0 {
		b = appendParams(sep(b, `"header_text_named_params"`), e.HeaderTextNamedParams)
	}
	if handles := e.HeaderHandle; len(handles) > 0 && (!noHandleURLs || hasNonURL(handles)) {
		b = append(sep(b, `"header_handle"`), '[')
		first := true
		for _, h := range handles {
			if noHandleURLs && isURL(h) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, h)
		}
		b = append(b, ']')
	}
	if len(e.BodyText) > 0 {
		b = append(sep(b, `"body_text"`), '[')
		for i, row := range e.BodyText {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendStrings(b, row)
		}
		b = append(b, ']')
	}
	if len(e.BodyTextNamedParams) > 0 {
		b = appendParams(sep(b, `"body_text_named_params"`), e.BodyTextNamedParams)
	}
	return append(b, '}')
}

func appendParams(b []byte, ps []NamedParam) []byte {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPair(b, `{"param_name":`, p.ParamName, `,"example":`, p.Example)
	}
	return append(b, ']')
}

// appendPair appends an object of two strings; k1 opens it and k2 follows
// the first value, each with its quotes and colon.
func appendPair(b []byte, k1, v1, k2, v2 string) []byte {
	b = appendString(append(b, k1...), v1)
	b = appendString(append(b, k2...), v2)
	return append(b, '}')
}

func appendButton(b []byte, x *Button) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, x.Type)
	b = appendOptString(b, `,"text":`, x.Text)
	b = appendOptString(b, `,"url":`, x.URL)
	b = appendOptString(b, `,"phone_number":`, x.PhoneNumber)
	if !x.Example.IsZero() {
		// Strings.MarshalJSON's forms.
		b = append(b, `,"example":`...)
		switch {
		case x.Example.Single && len(x.Example.Values) == 1:
			b = appendString(b, x.Example.Values[0])
		case x.Example.Values == nil:
			b = append(b, "[]"...)
		default:
			b = appendStrings(b, x.Example.Values)
		}
	}
	b = appendOptString(b, `,"otp_type":`, x.OTPType)
	b = appendOptString(b, `,"autofill_text":`, x.AutofillText)
	if len(x.SupportedApps) > 0 {
		b = append(b, `,"supported_apps":[`...)
		for i, a := range x.SupportedApps {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPair(b, `{"package_name":`, a.PackageName, `,"signature_hash":`, a.SignatureHash)
		}
		b = append(b, ']')
	}
	b = appendOptBool(b, `,"zero_tap_terms_accepted":`, x.ZeroTapTermsAccepted)
	b = appendOptString(b, `,"package_name":`, x.PackageName)
	b = appendOptString(b, `,"signature_hash":`, x.SignatureHash)
	b = appendOptString(b, `,"flow_id":`, string(x.FlowID))
	b = appendOptString(b, `,"flow_name":`, x.FlowName)
	b = appendOptString(b, `,"flow_json":`, x.FlowJSON)
	b = appendOptString(b, `,"flow_action":`, x.FlowAction)
	b = appendOptString(b, `,"navigate_screen":`, x.NavigateScreen)
	b = appendOptString(b, `,"icon":`, x.Icon)
	b = appendOptInt(b, `,"ttl_minutes":`, x.TTLMinutes)
	return append(b, '}')
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendOptString appends key and s unless s is empty (omitempty).
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(append(b, key...), s)
}

func appendOptInt(b []byte, key string, n *int) []byte {
	if n == nil {
		return b
	}
	return strconv.AppendInt(append(b, key...), int64(*n), 10)
}

func appendOptBool(b []byte, key string, v *bool) []byte {
	if v == nil {
		return b
	}
	return strconv.AppendBool(append(b, key...), *v)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string escaped as json.Marshal escapes
// it: HTML-safe (<, > and & as \u00XX), U+2028 and U+2029 escaped, and
// invalid UTF-8 replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
