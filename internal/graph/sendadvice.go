package graph

import "fmt"

// sendAdvice says what to do about the send-time errors a test send meets.
var sendAdvice = map[int]string{
	132000: "the number of parameters does not match the template on the account; the local file may differ from the approved version (run waform plan)",
	132001: "the template does not exist in this language on the account, or is not approved yet (run waform status)",
	132012: "a parameter's format does not match the template, e.g. a media header sent without media or with the wrong media type",
	132015: "Meta paused the template for low quality; it cannot be sent until it is unpaused (run waform status)",
	132016: "Meta disabled the template for low quality; it can no longer be sent",
	131047: "more than 24 hours have passed since the recipient last wrote; only approved templates can be sent to them",
}

// ExplainSendError adds advice to a send's API error whose code is known;
// the original error stays wrapped for its details.
func ExplainSendError(err error) error {
	apiErr, ok := AsAPIError(err)
	if !ok {
		return err
	}
	advice, known := sendAdvice[apiErr.Code]
	if !known && apiErr.Status == 409 {
		advice, known = "another message to this recipient was still in flight after waform's retries; try again in a few seconds", true
	}
	if !known {
		return err
	}
	return fmt.Errorf("%s: %w", advice, err)
}
