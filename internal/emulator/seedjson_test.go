package emulator

import (
	"strings"
	"testing"
)

// A seeded template waform's model cannot read is listed exactly as given,
// so clients can be tested against the odd shapes real accounts hold; one
// that fits the model is rendered as Meta renders it.
func TestSeedJSONKeepsWhatTheModelCannotHold(t *testing.T) {
	h := newHarness(t, Options{})
	odd := `{"name":"login_code","language":"es","category":"AUTHENTICATION","status":"PAUSED",
		"components":[{"type":"BODY","add_security_recommendation":"True"},{"type":"PRODUCT_BANNER","product_ids":["a1"]}]}`
	id, key, err := h.srv.SeedJSON(waba, []byte(odd))
	if err != nil || key.Name != "login_code" || key.Language != "es" {
		t.Fatalf("SeedJSON: %q %v %v", id, key, err)
	}
	if _, _, err := h.srv.SeedJSON(waba, []byte(`{"name":"plain","language":"en_US","category":"utility",
		"components":[{"type":"body","text":"Hello there, friend."}]}`)); err != nil {
		t.Fatal(err)
	}
	r := h.do("GET", "/"+waba+"/message_templates", nil)
	if !strings.Contains(string(r.raw), `"add_security_recommendation":"True"`) || !strings.Contains(string(r.raw), `"product_ids":["a1"]`) {
		t.Errorf("odd template not listed verbatim: %s", r.raw)
	}
	for _, item := range r.data() {
		switch item["name"] {
		case "login_code":
			if item["id"] != id || item["status"] != "PAUSED" {
				t.Errorf("odd template: %v", item)
			}
		case "plain":
			if item["category"] != "UTILITY" || item["parameter_format"] != "POSITIONAL" {
				t.Errorf("plain template not rendered as Meta does: %v", item)
			}
		}
	}
	if _, _, err := h.srv.SeedJSON(waba, []byte(`[1]`)); err == nil {
		t.Error("a non-object was seeded")
	}
}
