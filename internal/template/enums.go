package template

// Categories and parameter formats, written as the canonical form (and
// Meta's answers) write them. Files may spell them in lower case too; every
// comparison is on the canonical form or case-insensitive.
const (
	CategoryAuthentication = "AUTHENTICATION"
	CategoryMarketing      = "MARKETING"
	CategoryUtility        = "UTILITY"

	ParameterFormatNamed      = "NAMED"
	ParameterFormatPositional = "POSITIONAL"
)

// Categories lists the categories Meta accepts today.
var Categories = []string{CategoryAuthentication, CategoryMarketing, CategoryUtility}

// Component types, header formats and button types, spelled as the canonical
// form and Meta's answers spell them; ComponentTypes, HeaderFormats and
// ButtonTypes list them.
const (
	ComponentHeader                = "HEADER"
	ComponentBody                  = "BODY"
	ComponentFooter                = "FOOTER"
	ComponentButtons               = "BUTTONS"
	ComponentCarousel              = "CAROUSEL"
	ComponentLimitedTimeOffer      = "LIMITED_TIME_OFFER"
	ComponentCallPermissionRequest = "CALL_PERMISSION_REQUEST"

	HeaderText     = "TEXT"
	HeaderImage    = "IMAGE"
	HeaderVideo    = "VIDEO"
	HeaderDocument = "DOCUMENT"
	HeaderGIF      = "GIF"
	HeaderLocation = "LOCATION"
	HeaderProduct  = "PRODUCT"

	ButtonQuickReply   = "QUICK_REPLY"
	ButtonURL          = "URL"
	ButtonPhoneNumber  = "PHONE_NUMBER"
	ButtonCopyCode     = "COPY_CODE"
	ButtonOTP          = "OTP"
	ButtonFlow         = "FLOW"
	ButtonVoiceCall    = "VOICE_CALL"
	ButtonCatalog      = "CATALOG"
	ButtonMPM          = "MPM"
	ButtonSPM          = "SPM"
	ButtonOrderDetails = "ORDER_DETAILS"
)
