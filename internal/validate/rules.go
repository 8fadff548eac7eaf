package validate

import (
	"slices"
	"strings"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"

	"github.com/waform/waform/schema"
)

// Rule describes one check: its stable id (what users write in
// "# waform:ignore ID"), whether it fails the run, and the Meta error
// subcode a create request breaking it gets (0 = the generic code 100).
type Rule struct {
	ID       string
	Severity diag.Severity
	Summary  string
	Subcode  int
}

// Meta's template-creation error subcodes (TEMPLATE-RULES §6.2).
const (
	subLength    = 2388040
	subHeader    = 2388047
	subBody      = 2388072
	subFooter    = 2388073
	subDensity   = 2388293
	subEdge      = 2388299
	subExample   = 2388043
	subButtonFld = 2388050
)

const (
	e = diag.Error
	w = diag.Warning
)

// rules is the table every diagnostic's severity is read from, so one id
// always has one severity. Warnings are the rules whose source is unsure
// (TEMPLATE-RULES marks them ❓ or the corpus files them as questionable).
var rules = []Rule{
	{schema.Rule, e, "the file does not match the template JSON Schema (unknown key, wrong type, bad enum value)", 0},
	{"decode", e, "the template could not be read into waform's model", 0},

	{"body-missing", e, "a template needs exactly one BODY component", 0},
	{"component-duplicate", e, "at most one component of each type", 0},
	{"component-text-missing", e, "BODY and FOOTER need text (except in AUTHENTICATION templates)", subBody},
	{"header-format-text", e, "a TEXT header needs text; a media or LOCATION header has none", subHeader},
	{"media-header-example", e, "an IMAGE, VIDEO, DOCUMENT or GIF header needs example.header_handle", subExample},
	{"media-header-handle-url", w, "header_handle should be an upload handle (4::...), not a URL", 0},
	{"media-file-missing", e, "a header_handle file (./path, relative to the template file) exists", 0},
	{"media-file-outside", e, "a header_handle file lies inside the repository", 0},
	{"media-file-type", e, "a header_handle file is, by its content, a type the header's format takes (IMAGE: JPEG, PNG; VIDEO: MP4, 3GPP; DOCUMENT: PDF; GIF: MP4)", subHeader},
	{"media-file-size", e, "a header_handle file is within Meta's size limit (IMAGE 5 MB, VIDEO 16 MB, DOCUMENT 100 MB, GIF 3.5 MB)", subHeader},
	{"media-file-upload-type", w, "a 3GPP header file may be refused by the Resumable Upload API, which documents only MP4 among video types", 0},
	{"media-file-ref", e, "a request body carries upload handles, not file paths", subExample},

	{"header-text-length", e, "header text is at most 60 characters", subLength},
	{"body-text-length", e, "body text is at most 1,024 characters (600 with LIMITED_TIME_OFFER)", subLength},
	{"card-body-length", e, "carousel card body text is at most 160 characters", subLength},
	{"footer-text-length", e, "footer text is at most 60 characters", subLength},
	{"button-text-length", e, "button text and autofill_text are at most 25 characters", subLength},
	{"url-length", e, "button URLs and their examples are at most 2,000 characters", subLength},
	{"phone-number-length", e, "button phone numbers are at most 20 characters", subLength},
	{"copy-code-length", e, "a COPY_CODE example is at most 15 characters", subLength},
	{"offer-text-length", e, "limited_time_offer text is at most 16 characters", subLength},

	{"header-variable-count", e, "a text header has at most one variable", subHeader},
	{"footer-variable", e, "a footer has no variables", subFooter},
	{"variable-braces", e, "every {{ has a matching }}", subBody},
	{"variable-special-chars", e, "no #, $ or % inside {{ }}", subBody},
	{"named-variable-pattern", e, "named variables are lowercase letters, digits and underscores, starting with a letter or underscore", subBody},
	{"named-variable-digits", w, "Meta documents named variables as lowercase letters and underscores only", subBody},
	{"positional-sequence", e, "positional variables are {{1}}..{{n}} with no gaps", subBody},
	{"variable-style-mixed", e, "positional and named variables are not mixed in one template", subBody},
	{"parameter-format-mismatch", e, "the variables' style matches parameter_format (absent means POSITIONAL)", subBody},
	{"body-variable-edge", e, "the body neither starts nor ends with a variable", subEdge},
	{"body-variable-edge-punctuation", w, "a variable at either end of the body behind only punctuation was both approved and rejected by Meta", subEdge},
	{"variable-adjacent", w, "two variables have text between them", subBody},
	{"variable-density", w, "too many variables for the length of the text", subDensity},

	{"example-missing", e, "every variable has an example value", subExample},
	{"example-shape", e, "examples have the documented shape (body_text [[...]], header_text [...], *_named_params)", subExample},
	{"example-extra", e, "no example for a variable that does not exist", subExample},

	{"button-count", e, "a BUTTONS component has 1 to 10 buttons", 0},
	{"button-type-count", e, "at most 2 URL and 1 each of PHONE_NUMBER, COPY_CODE, OTP, VOICE_CALL, CATALOG, MPM, SPM, ORDER_DETAILS buttons", 0},
	{"button-field-missing", e, "a button has the fields its type requires", subButtonFld},
	{"quick-reply-grouping", e, "quick replies form one contiguous group", 0},
	{"url-variable-position", e, "a URL variable comes at the very end of the URL", 0},
	{"url-variable-count", e, "a URL has at most one variable", 0},
	{"url-example-missing", e, "a URL with a variable has an example", subExample},
	{"order-details-buttons", e, "an ORDER_DETAILS button goes with quick replies only, and comes first in a carousel card", 0},
	{"flow-target", e, "a FLOW button has exactly one of flow_id, flow_name, flow_json", subButtonFld},

	{"otp-category", e, "OTP buttons only in AUTHENTICATION templates", 0},
	{"auth-component", e, "AUTHENTICATION templates have only BODY, FOOTER and BUTTONS", 0},
	{"auth-body-text", e, "an AUTHENTICATION body has no text: Meta writes it; use add_security_recommendation", 0},
	{"auth-footer-text", e, "an AUTHENTICATION footer has no text: use code_expiration_minutes", 0},
	{"auth-otp-button", e, "an AUTHENTICATION template has exactly one button, of type OTP", 0},
	{"auth-code-expiration", e, "code_expiration_minutes is 1 to 90", 0},
	{"otp-button-text", w, "custom OTP button text was reported rejected; the default is \"Copy code\"", 0},
	{"supported-apps-missing", e, "ONE_TAP and ZERO_TAP buttons name the apps that may autofill", subButtonFld},
	{"supported-apps-count", e, "at most 5 supported_apps", 0},
	{"supported-app-package", e, "package names are Android application ids of at most 224 characters", 0},
	{"supported-app-signature", e, "signature hashes are 11 characters of [A-Za-z0-9+/=]", 0},
	{"otp-legacy-app-fields", w, "package_name and signature_hash on the OTP button itself are documented only up to Graph v20.0; use supported_apps", 0},
	{"zero-tap-terms", e, "ZERO_TAP buttons need zero_tap_terms_accepted: true", 0},
	{"copy-code-category", w, "COPY_CODE buttons in UTILITY templates are refused by some providers", 0},

	{"location-header-category", e, "LOCATION headers only in UTILITY and MARKETING templates", 0},
	{"carousel-category", e, "CAROUSEL only in MARKETING templates", 0},
	{"lto-category", e, "LIMITED_TIME_OFFER only in MARKETING templates", 0},
	{"lto-footer", e, "a LIMITED_TIME_OFFER template has no FOOTER", 0},
	{"carousel-card-count", e, "a carousel has 2 to 10 cards", 0},
	{"carousel-card-shape", e, "every carousel card has the same components and buttons", 0},
	{"carousel-card-header", e, "a carousel card has an IMAGE, VIDEO or PRODUCT header", 0},
	{"carousel-card-buttons", e, "a carousel card has at most 2 buttons", 0},

	{"ttl-range", e, "message_send_ttl_seconds is within the category's range", 0},
	{"ttl-marketing-minimum", w, "Meta documents 43,200 s as the MARKETING minimum, though its own example uses 120", 0},
	{"allow-category-change", w, "allow_category_change is no longer accepted; Meta recategorises on its own", 0},
	{"category-consistency", w, "languages of one template name differ in category: Meta refuses a new language whose category differs", 0},
	{"translation-consistency", e, "all languages of one template name agree on parameter_format, the variables of header, body and buttons, the header format, the button types in order and whether a limited-time offer expires", 0},
	{"category-promotional", w, "a UTILITY template reads as promotional (offer, discount, percentage off, coupon, sale, urgency, launch, cross-selling wording): Meta approves it as MARKETING", 0},
	{"translation-missing", e, "every template has each language manage.languages lists", 0},

	{spec.RuleFileRead, e, "the file or folder could not be read", 0},
	{spec.RuleFileEmpty, e, "the file holds no template", 0},
	{spec.RuleNoTemplates, w, "the folder holds no template files (a valid desired state: no templates)", 0},
	{spec.RuleYAMLSyntax, e, "the file is not valid YAML", 0},
	{spec.RuleYAMLEncoding, e, "the file is not UTF-8", 0},
	{spec.RuleYAMLLimit, e, "the file is too large or too deeply nested", 0},
	{spec.RuleYAMLAlias, e, "YAML anchors and aliases are not supported", 0},
	{spec.RuleYAMLTag, e, "YAML tags and complex keys are not supported", 0},
	{spec.RuleYAMLComment, w, "an unquoted value is cut short by \" #\", which starts a YAML comment", 0},
	{spec.RuleDuplicateKey, e, "a key appears twice in one mapping", 0},
	{spec.RuleDuplicateName, e, "a (name, language) is declared twice", 0},
}

var ruleIndex = func() map[string]Rule {
	m := make(map[string]Rule, len(rules))
	for _, r := range rules {
		m[r.ID] = r
	}
	return m
}()

// Rules returns every rule waform reports, sorted by id.
func Rules() []Rule {
	out := slices.Clone(rules)
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Lookup returns the rule with the given id.
func Lookup(id string) (Rule, bool) {
	r, ok := ruleIndex[id]
	return r, ok
}
