package validate

// Why returns the evidence for rule id: where it comes from, and so why it
// is an error or only a warning.
func Why(id string) string { return why[id] }

// why says, for every rule, where it comes from and so why it is an error
// or only a warning. An error needs Meta's documentation or an error Meta
// returns for exactly that shape; where Meta's own pages or real approved
// templates show the shape as valid, or the only source is a third party,
// the rule is a warning. Source names are those of TEMPLATE-RULES.md.
var why = map[string]string{
	"schema": "the template's shape as Meta's create request documents it (M-COMP, M-FUND); unknown keys are errors so typos never pass",
	"decode": "a file that cannot become a template cannot be sent",

	"body-missing":           "M-COMP: the body is the only required component",
	"component-duplicate":    "M-COMP: a template is limited to one header, body, footer and buttons component",
	"component-text-missing": "M-COMP: body and footer carry text; Meta answers 2388072 without it",
	"header-format-text":     "M-COMP: a TEXT header has text, media and LOCATION headers have none (2388047)",
	"media-header-example":   "M-COMP: media headers need an uploaded sample (header_handle); Meta answers 2388043",
	"media-header-handle-url": "warning: Meta returns CDN URLs on read, and some accounts create with them; " +
		"M-COMP documents only upload handles",
	"media-file-missing": "waform's own: apply uploads the file a ./path header_handle names, so it must exist",
	"media-file-outside": "waform's own: a template may only upload files of its repository",
	"media-file-type":    "Meta's supported media types for IMAGE, VIDEO, DOCUMENT and GIF headers (M-COMP, M-MSGREF); a wrong type fails the upload or review",
	"media-file-size":    "Meta's media size limits per header format (M-COMP, M-MSGREF)",
	"media-file-ref":     "a request body sent to Meta carries upload handles; a file path means the upload step was skipped",
	"media-file-upload-type": "warning: Meta's media table takes 3GPP video, but the Resumable Upload API reference lists only " +
		"application/pdf, image/jpeg, image/jpg, image/png and video/mp4 as file_type",

	"header-text-length":  "M-COMP: header text at most 60 characters (2388040)",
	"body-text-length":    "M-COMP and M-LTO: body at most 1,024 characters, 600 with a limited-time offer (2388040)",
	"card-body-length":    "M-CAROUSEL: card body at most 160 characters",
	"footer-text-length":  "M-COMP: footer at most 60 characters (2388040)",
	"button-text-length":  "M-COMP: button labels at most 25 characters",
	"url-length":          "M-COMP: URLs at most 2,000 characters",
	"phone-number-length": "M-COMP: phone numbers at most 20 characters",
	"copy-code-length":    "M-COMP and M-COUPON: coupon code example at most 15 characters",
	"offer-text-length":   "M-LTO: offer text at most 16 characters",

	"header-variable-count":  "M-COMP: a text header supports one variable (2388047)",
	"footer-variable":        "M-COMP and M-ERR: footers have no variables (2388073)",
	"variable-braces":        "M-REVIEW: mismatched curly braces is a listed rejection reason",
	"variable-special-chars": "M-REVIEW: #, $ or % inside a variable is a listed rejection reason",
	"named-variable-pattern": "M-FUND: named variables are lowercase characters and underscores (digits tolerated, see named-variable-digits)",
	"named-variable-digits": "warning: M-FUND says lowercase letters and underscores, but Kapso's SDK and real templates use digits " +
		"and no rejection for them is recorded",
	"positional-sequence":       "M-FUND and M-REVIEW: positional variables are {{1}}..{{n}}; non-sequential ones are a listed rejection reason",
	"variable-style-mixed":      "M-FUND: parameter_format is POSITIONAL or NAMED for the whole template",
	"parameter-format-mismatch": "M-FUND: without parameter_format the template is POSITIONAL, so {{name}} is not a variable Meta accepts",
	"body-variable-edge": "M-REVIEW and M-ERR 2388299: a body cannot start or end with a parameter; applies to a bare variable " +
		"at either end",
	"body-variable-edge-punctuation": "warning: a third-party validator reports Meta ignoring punctuation after an end variable " +
		"([OBS] 63195413130), but Meta's template overview prints \"... is {{order_number}}.\" as a working example and " +
		"real accounts hold APPROVED templates of this shape (TEMPLATE-RULES §5.6)",
	"variable-adjacent": "warning: only a third-party validator reports adjacent variables rejected ([OBS] 63195413130); " +
		"Meta's pages do not list it",
	"variable-density": "warning: M-ERR 2388293 exists but Meta publishes no ratio; waform's threshold is a rule of thumb",

	"example-missing": "M-COMP: samples are required for every variable (2388043)",
	"example-shape":   "M-COMP and M-FUND: body_text is an array of arrays, header_text an array, named examples {param_name, example}",
	"example-extra":   "M-COMP: examples illustrate variables; one without a variable is refused as a sample problem (2388043)",

	"button-count":          "M-COMP: at most 10 buttons",
	"button-type-count":     "M-COMP: at most 2 URL, 1 PHONE_NUMBER, 1 COPY_CODE; Meta's checkout page: 1 ORDER_DETAILS; Kapso's SDK: 1 CATALOG, MPM, SPM",
	"button-field-missing":  "M-COMP: each button type has required fields; Meta answers 2388050",
	"quick-reply-grouping":  "M-COMP: quick replies and other buttons form two groups; QR,URL,QR is listed invalid",
	"url-variable-position": "M-COMP: one variable, appended to the end of the URL",
	"url-variable-count":    "M-COMP: one variable, appended to the end of the URL",
	"url-example-missing":   "M-COMP: a URL with a variable needs an example (2388043)",
	"flow-target":           "Meta's flows templates page: exactly one of flow_id, flow_name, flow_json",
	"order-details-buttons": "Meta's checkout button templates page: one checkout button and up to 9 quick replies; " +
		"in a media card carousel it must be the card's first button",

	"otp-category":         "M-AUTH: OTP buttons belong to authentication templates",
	"auth-component":       "M-AUTH: authentication templates have a preset body, optional footer and an OTP button; media and URLs are not supported",
	"auth-body-text":       "M-AUTH and M-COPY: Meta writes the body; custom text is not supported",
	"auth-footer-text":     "M-COPY: the footer carries only code_expiration_minutes",
	"auth-otp-button":      "M-COPY, M-ONETAP, M-ZEROTAP: one OTP button",
	"auth-code-expiration": "M-COPY: code_expiration_minutes is 1 to 90",
	"otp-button-text": "warning: M-ONETAP allows text up to 25 characters, but a custom label was reported rejected " +
		"(corpus invalid__authentication_otp_button_custom_text, questionable)",
	"otp-legacy-app-fields": "warning: M-ONETAP documents package_name and signature_hash on the button only up to Graph v20.0; " +
		"old templates still carry them and import writes them as they are",
	"supported-apps-missing":  "M-ONETAP and M-ZEROTAP: the apps that may receive the code (2388050)",
	"supported-apps-count":    "M-ONETAP: at most 5 supported_apps",
	"supported-app-package":   "M-ONETAP: package names at most 224 characters, two or more dot-separated segments starting with a letter",
	"supported-app-signature": "M-ONETAP: signature hashes are exactly 11 characters of [A-Za-z0-9+/=]",
	"zero-tap-terms":          "M-ZEROTAP: zero_tap_terms_accepted must be true",
	"copy-code-category": "warning: Meta's utility page allows COPY_CODE; some providers refuse it " +
		"(corpus invalid__copy_code_button_in_utility_category, low confidence)",

	"location-header-category": "M-COMP: LOCATION headers only in UTILITY and MARKETING templates",
	"carousel-category":        "M-CAROUSEL: carousel templates are marketing templates",
	"lto-category":             "M-LTO: limited-time offers only in MARKETING templates",
	"lto-footer":               "M-LTO: limited-time offer templates cannot have a footer",
	"carousel-card-count":      "M-CAROUSEL: 2 to 10 cards",
	"carousel-card-shape":      "M-CAROUSEL: every card has the same components",
	"carousel-card-header":     "M-CAROUSEL: card headers are IMAGE or VIDEO (PRODUCT in product-card carousels)",
	"carousel-card-buttons":    "M-CAROUSEL: at most 2 buttons per card",

	"ttl-range": "M-TTL: allowed message_send_ttl_seconds per category",
	"ttl-marketing-minimum": "warning: M-TTL's table gives MARKETING 43,200 s as the minimum, " +
		"but Meta's own example uses 120",
	"allow-category-change": "warning: M-CAT: no longer accepted since 2025-04-09; waform never sends it",
	"category-consistency": "warning: Meta refuses a new language whose category differs from the name's existing ones " +
		"([OBS] 69734141125), but recategorises each language on its own: a real account holds sample_issue_resolution " +
		"as UTILITY in en_US and MARKETING in es, id, pt_BR (TEMPLATE-RULES §2.3)",
	"translation-consistency": "waform's own: every language of a name is sent with the same parameters, so code that sends it works in " +
		"every language; Meta does not require it",
	"category-promotional": "warning, a heuristic: since 2025-04-09 Meta approves a UTILITY template it judges promotional as MARKETING, " +
		"billed at the marketing rate (M-CAT; TEMPLATE-RULES §2 item 7); Meta's utility guidelines exclude promotional content and its " +
		"marketing examples are offers, discounts, coupons, sales, urgency, launches and recommendations. The signals are that vocabulary " +
		"(internal/validate/advisor.go, English, Spanish, Portuguese); measured false positives are in the README",
	"translation-missing": "waform's own: manage.languages in waform.yaml asks for every listed language",

	"file-read":            "a file waform cannot read cannot be checked",
	"file-empty":           "an empty file declares nothing, which is usually a mistake",
	"no-templates":         "a folder without template files is usually the wrong folder, yet it is also how to say the account should have no templates, so it warns",
	"yaml-syntax":          "the file must parse as YAML",
	"yaml-encoding":        "YAML files are UTF-8",
	"yaml-limit":           "guards against files too large or deep to be templates",
	"yaml-alias":           "anchors would make one change alter several templates unseen",
	"yaml-tag":             "templates are plain data; tags and complex keys have no meaning in Meta's request",
	"yaml-duplicate-key":   "a key written twice loses one of the values",
	"yaml-comment-in-text": "YAML ends a plain value at \" #\", so the text sent to Meta would be cut short",
	"duplicate-template":   "identity is (name, language): Meta holds one template per pair (2388024)",
}
