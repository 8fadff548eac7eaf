// Package secret holds waform's one type for API keys and tokens: whatever
// prints it (any fmt verb, JSON) prints [REDACTED], so a secret cannot leak
// through a %v of settings or options, a log line or a panic value. Only an
// explicit string(s) conversion, where a request needs the value, reads it.
package secret

import (
	"fmt"
	"io"
)

// Redacted is what a Secret prints as.
const Redacted = "[REDACTED]"

// Secret is an API key or token.
type Secret string

// Format implements fmt.Formatter for every verb; an empty secret prints
// nothing, so "no key" and "a key" stay distinguishable.
func (s Secret) Format(f fmt.State, _ rune) {
	if s != "" {
		io.WriteString(f, Redacted)
	}
}

// MarshalJSON keeps secrets out of JSON dumps as well.
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }
