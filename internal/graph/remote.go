package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/waform/waform/internal/template"
)

// decodeRemote reads one template of a listing. A template that does not
// fit the model keeps what can be read of its identity, the reason and the
// raw JSON, so one odd template never hides the others.
func decodeRemote(raw json.RawMessage) template.Remote {
	var r template.Remote
	err := json.Unmarshal(raw, &r)
	if err == nil {
		r.Unknown = template.Unknown(r, raw)
		return r
	}
	r = template.Remote{Unreadable: readableReason(err), Raw: bytes.Clone(raw)}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return r
	}
	for key, dst := range map[string]*string{
		"id": &r.ID, "name": &r.Name, "language": &r.Language, "status": &r.Status, "category": &r.Category,
	} {
		_ = json.Unmarshal(fields[key], dst) // a field that is not a string stays empty
	}
	return r
}

// readableReason says where the JSON did not fit and what was expected:
// "components.add_security_recommendation is a string, waform reads a bool".
func readableReason(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		// Remote embeds Template, whose Go name leads the path.
		where := strings.TrimPrefix(te.Field, "Template.")
		if where == "" {
			where = "the template"
		}
		return fmt.Sprintf("%s is a %s, waform reads a %s", where, te.Value, te.Type)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}
