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
