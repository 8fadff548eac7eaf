package emulator

import (
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/validate"
)

// checkPayload validates a create or merged edit body with the same rules
// as `waform validate` (shared, not copied) and answers the first error in
// Meta's envelope: code 100 with the subcode Meta uses for that rule.
// Warnings never fail a create, as Meta would accept those templates.
func checkPayload(body []byte) *apiError {
	for _, d := range validate.Payload(body) {
		if d.Severity != diag.Error || d.Suppressed {
			continue
		}
		subcode := 0
		if r, ok := validate.Lookup(d.Rule); ok {
			subcode = r.Subcode
		}
		e := invalidParam(subcode, "Invalid Message Template ("+d.Rule+")", d.Message)
		e.details = d.Rule + ": " + d.Message
		return e
	}
	return nil
}
