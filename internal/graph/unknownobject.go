package graph

import "regexp"

// objectIDRE finds the ID in Graph's "Object with ID '123' does not exist"
// (code 100, subcode 33).
var objectIDRE = regexp.MustCompile(`Object with ID '([^']*)'`)

// UnknownObject returns the ID of the object Graph says does not exist or
// cannot be reached with this key (code 100, subcode 33), so a caller can
// tell which of its settings named it; ok is false for any other error or
// when the message names no ID.
func (e *APIError) UnknownObject() (id string, ok bool) {
	if e.Code != 100 || e.Subcode != 33 {
		return "", false
	}
	m := objectIDRE.FindStringSubmatch(e.Message)
	if m == nil || m[1] == "" {
		return "", false
	}
	return m[1], true
}
