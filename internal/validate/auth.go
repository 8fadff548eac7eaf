package validate

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/waform/waform/internal/template"
)

const (
	maxSupportedApps = 5
	maxPackageName   = 224
	signatureLength  = 11
	maxCodeExpiry    = 90
)

// checkAuthentication applies AUTHENTICATION's fixed shape: Meta writes the
// body and footer text; the template declares options and one OTP button.
func checkAuthentication(c *checker) {
	for i, comp := range c.t.Components {
		ptr := compPtr(i)
		for j := range comp.Buttons {
			if comp.Buttons[j].Type == template.ButtonOTP {
				c.checkOTPButton(&comp.Buttons[j], ptr+"/buttons/"+strconv.Itoa(j))
			}
		}
		if c.isAuth() {
			c.checkAuthComponent(comp, ptr)
		}
	}
	if c.isAuth() && !c.has(template.ComponentButtons) {
		c.report("/components", "auth-otp-button",
			"an AUTHENTICATION template needs a BUTTONS component with one OTP button; add - type: BUTTONS with buttons: [{type: OTP, otp_type: COPY_CODE}]")
	}
}

func (c *checker) checkAuthComponent(comp template.Component, ptr string) {
	switch comp.Type {
	case template.ComponentBody:
		if comp.Text != "" {
			c.report(ptr+"/text", "auth-body-text",
				"AUTHENTICATION body text is written by Meta; remove text: (and its example) and set add_security_recommendation: true or false, or use category UTILITY for custom text")
		}
	case template.ComponentFooter:
		if comp.Text != "" {
			c.report(ptr+"/text", "auth-footer-text",
				"AUTHENTICATION footer text is written by Meta; remove text: and set code_expiration_minutes instead")
		}
		if m := comp.CodeExpirationMinutes; m != nil && (*m < 1 || *m > maxCodeExpiry) {
			c.report(ptr+"/code_expiration_minutes", "auth-code-expiration",
				"code_expiration_minutes is %d; Meta allows 1 to %d", *m, maxCodeExpiry)
		}
	case template.ComponentButtons:
		for j, b := range comp.Buttons {
			if b.Type != template.ButtonOTP {
				c.report(ptr+"/buttons/"+strconv.Itoa(j)+"/type", "auth-otp-button",
					"an AUTHENTICATION template has exactly one button, of type OTP; remove this %s button", b.Type)
			}
		}
	case template.ComponentHeader, template.ComponentCallPermissionRequest:
		if comp.Format != template.HeaderLocation { // location-header-category says it
			c.report(ptr+"/type", "auth-component",
				"AUTHENTICATION templates have only BODY, FOOTER and BUTTONS; remove the %s or use category UTILITY", comp.Type)
		}
	}
}

func (c *checker) checkOTPButton(b *template.Button, ptr string) {
	if b.OTPType == "" {
		c.report(ptr, "button-field-missing", "an OTP button needs otp_type: COPY_CODE, ONE_TAP or ZERO_TAP")
	}
	if b.Text != "" && !strings.EqualFold(b.Text, "copy code") {
		c.report(ptr+"/text", "otp-button-text",
			"custom OTP button text %q was reported rejected by Meta; remove text: to get the localized default \"Copy code\"", b.Text)
	}
	if (b.OTPType == "ONE_TAP" || b.OTPType == "ZERO_TAP") && len(b.SupportedApps) == 0 && b.PackageName == "" {
		c.report(ptr, "supported-apps-missing",
			"a %s button needs supported_apps: [{package_name: com.example.app, signature_hash: <11 characters>}]", b.OTPType)
	}
	if b.OTPType == "ZERO_TAP" && (b.ZeroTapTermsAccepted == nil || !*b.ZeroTapTermsAccepted) {
		c.report(ptr, "zero-tap-terms", "a ZERO_TAP button needs zero_tap_terms_accepted: true (you accept Meta's zero-tap terms)")
	}
	if n := len(b.SupportedApps); n > maxSupportedApps {
		c.report(ptr+"/supported_apps/"+strconv.Itoa(maxSupportedApps), "supported-apps-count",
			"%d supported_apps; Meta allows %d: remove %d", n, maxSupportedApps, n-maxSupportedApps)
	}
	for i, app := range b.SupportedApps {
		at := ptr + "/supported_apps/" + strconv.Itoa(i)
		c.checkApp(at, app.PackageName, app.SignatureHash)
	}
	if b.PackageName != "" || b.SignatureHash != "" {
		c.reportKey(ptr+legacyAppKey(b), "otp-legacy-app-fields",
			"package_name and signature_hash on the button itself are documented only up to Graph v20.0; "+
				"move them into supported_apps: [{package_name: ..., signature_hash: ...}]")
		c.checkApp(ptr, b.PackageName, b.SignatureHash)
	}
}

// checkApp checks one Android app: ptr holds package_name and signature_hash.
func (c *checker) checkApp(ptr, pkg, hash string) {
	if why := packageProblem(pkg); why != "" {
		c.report(ptr+"/package_name", "supported-app-package", "package_name %q %s; use the app's id, like com.example.app", pkg, why)
	}
	if !validSignature(hash) {
		c.report(ptr+"/signature_hash", "supported-app-signature",
			"signature_hash %q is not %d characters of letters, digits, +, / or =; use the app's 11-character hash", hash, signatureLength)
	}
}

// packageProblem explains why pkg is not an Android application id, or
// returns "".
func packageProblem(pkg string) string {
	if utf8.RuneCountInString(pkg) > maxPackageName {
		return "is longer than " + strconv.Itoa(maxPackageName) + " characters"
	}
	parts := strings.Split(pkg, ".")
	if len(parts) < 2 {
		return "needs at least two dot-separated parts"
	}
	for _, p := range parts {
		if p == "" || !(p[0] >= 'a' && p[0] <= 'z' || p[0] >= 'A' && p[0] <= 'Z') {
			return "has a part that does not start with a letter"
		}
		for i := 0; i < len(p); i++ {
			ch := p[i]
			if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_') {
				return "has a character other than letters, digits, underscores and dots"
			}
		}
	}
	return ""
}

func validSignature(h string) bool {
	if len(h) != signatureLength {
		return false
	}
	for i := 0; i < len(h); i++ {
		ch := h[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '+' || ch == '/' || ch == '=') {
			return false
		}
	}
	return true
}

// legacyAppKey points at whichever legacy app field the button has.
func legacyAppKey(b *template.Button) string {
	if b.PackageName != "" {
		return "/package_name"
	}
	return "/signature_hash"
}
