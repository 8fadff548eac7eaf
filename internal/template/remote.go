package template

import (
	"net/url"
	"slices"
	"strings"
)

// FromRemote returns the canonical form of a template as the API returned
// it, with Meta's rewrites of authentication templates undone so it compares
// with the file that created it (TEMPLATE-RULES §1.3 rows 3-4):
//   - the OTP button, answered as a URL button pointing at
//     https://www.whatsapp.com/otp/code/?otp_type=..., becomes
//     {type: OTP, otp_type, text} again, without the generated example;
//   - the BODY's generated text and example are dropped when the body carries
//     add_security_recommendation, and the FOOTER's generated text when it
//     carries code_expiration_minutes. Legacy AUTHENTICATION templates with
//     custom text (recategorised before Meta generated it) have neither field
//     and keep their text.
//
// Components, header formats and buttons of types waform does not know are
// left out (Unknown names them), so the rest can be imported and compared.
// A category from before Meta's 2023 change is read as the category that
// replaced it (LegacyCategory), so a file with today's category compares
// equal with it.
//
// Remote-only fields (id, status, quality...) are not part of Template at
// all; fields such as message_send_ttl_seconds and header_handle are kept as
// returned and left to Diff's policy.
func FromRemote(r Remote) Template { return FromCanonicalRemote(Canonical(r.Template)) }

// FromCanonicalRemote is FromRemote of a remote template already put in
// canonical form (FromRemote(r) equals FromCanonicalRemote(Canonical(r.Template))),
// for a caller that also needs that form. It does not modify t.
func FromCanonicalRemote(t Template) Template {
	t.Components = knownOnly(t.Components)
	if now, ok := LegacyCategory(t.Category); ok {
		t.Category = now
	}
	if t.Category != CategoryAuthentication {
		return t
	}
	// What follows rewrites components, which may still be t's own.
	t.Components = slices.Clone(t.Components)
	for i := range t.Components {
		c := &t.Components[i]
		switch c.Type {
		case ComponentBody:
			if c.AddSecurityRecommendation != nil {
				c.Text, c.Example = "", nil
			}
		case ComponentFooter:
			if c.CodeExpirationMinutes != nil {
				c.Text = ""
			}
		case ComponentButtons:
			c.Buttons = slices.Clone(c.Buttons)
			for j, b := range c.Buttons {
				c.Buttons[j] = otpFromURL(b)
			}
		}
	}
	return t
}

// otpFromURL turns Meta's URL rendering of an OTP button back into the OTP
// button the file declares; any other button is returned unchanged.
func otpFromURL(b Button) Button {
	if b.Type != ButtonURL {
		return b
	}
	u, err := url.Parse(b.URL)
	if err != nil || !strings.HasSuffix(u.Hostname(), "whatsapp.com") || !strings.HasPrefix(u.Path, "/otp/") {
		return b
	}
	otpType := upper(u.Query().Get("otp_type"))
	if otpType == "" {
		return b
	}
	return Button{Type: ButtonOTP, OTPType: otpType, Text: b.Text}
}
