package graph

import (
	"encoding/json"
	"testing"
)

// decodeRemote never panics, and whatever it returns is either readable or
// says why not.
func FuzzDecodeRemote(f *testing.F) {
	for _, seed := range []string{
		`{"id":"1","name":"a","language":"en_US","components":[{"type":"BODY","text":"x"}]}`,
		`{"name":"a","components":[{"type":"BODY","add_security_recommendation":"True"}]}`,
		`{"components":[{"type":"PRODUCT_BANNER","x":[1,{"y":2}]},{"type":"BUTTONS","buttons":[{"type":"ZAP","q":1}]}]}`,
		`{"components":[{"type":"CAROUSEL","cards":[{"components":[{"type":"HEADER","format":"HOLO","z":1}]}]}]}`,
		`{"components":{"type":"BODY"}}`, `[]`, `null`, `{"name":1,"language":["x"]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		r := decodeRemote(data)
		if r.Unreadable == "" && r.Raw != nil {
			t.Errorf("a readable template keeps its raw JSON")
		}
	})
}
