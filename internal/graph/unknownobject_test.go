package graph

import (
	"context"
	"testing"

	"github.com/waform/waform/internal/emulator"
)

// The emulator answers an unknown account as Graph does (100/33 naming
// the ID); other errors, and a 100/33 whose message names no ID, give none.
func TestUnknownObject(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	_, err := env.client.ListTemplates(context.Background(), "999", ListFilter{})
	apiErr, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("listing an unknown account: %v, want an API error", err)
	}
	if id, ok := apiErr.UnknownObject(); !ok || id != "999" {
		t.Errorf("UnknownObject = %q, %v; want 999", id, ok)
	}
	for _, e := range []*APIError{
		{Status: 400, Code: 100, Message: "Object with ID '5' is wrong in another way"},
		{Status: 404, Code: 100, Subcode: 33, Message: "Unsupported get request."},
		{Status: 404, Code: 100, Subcode: 33, Message: "Object with ID '' does not exist"},
	} {
		if id, ok := e.UnknownObject(); ok {
			t.Errorf("%v: UnknownObject = %q", e, id)
		}
	}
}
