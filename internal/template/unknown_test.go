package template

import (
	"encoding/json"
	"slices"
	"testing"
)

// A template using types and keys waform does not know is read as far as
// possible: Unknown names each part, FromRemote leaves them out, and the
// rest compares with a file declaring only the known parts.
func TestUnknownParts(t *testing.T) {
	raw := []byte(`{"id":"1","name":"promo","language":"en_US","category":"MARKETING","status":"APPROVED",
		"library_template_name":"x",
		"components":[
			{"type":"HEADER","format":"HOLOGRAM","text":"x"},
			{"type":"BODY","text":"Spring sale on every plant in the shop.","emphasis":"strong"},
			{"type":"PRODUCT_BANNER","product_ids":["a","b"]},
			{"type":"BUTTONS","buttons":[
				{"type":"QUICK_REPLY","text":"Stop"},
				{"type":"SUBSCRIBE","text":"Follow"},
				{"type":"URL","text":"Shop","url":"https://example.com","tracking":true}]}]}`)
	var r Remote
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	got := Unknown(r, raw)
	want := []string{
		"components[0]: format HOLOGRAM",
		"components[1].emphasis",
		"components[2]: type PRODUCT_BANNER",
		"components[3].buttons[1]: type SUBSCRIBE",
		"components[3].buttons[2].tracking",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Unknown =\n%q\nwant\n%q", got, want)
	}
	file := Template{Name: "promo", Language: "en_US", Category: "MARKETING", Components: []Component{
		{Type: "BODY", Text: "Spring sale on every plant in the shop."},
		{Type: "BUTTONS", Buttons: []Button{{Type: "QUICK_REPLY", Text: "Stop"}, {Type: "URL", Text: "Shop", URL: "https://example.com"}}},
	}}
	if changes := Diff(file, FromRemote(r)); len(changes) > 0 {
		t.Errorf("the known parts differ: %v", changes)
	}
}

func TestUnknownNothing(t *testing.T) {
	raw := []byte(`{"id":"1","name":"a","language":"en_US","category":"UTILITY","quality_score":{"score":"GREEN"},
		"components":[{"type":"BODY","text":"Hi {{1}}, thanks.","example":{"body_text":[["Ann"]]}},
		{"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SAVE10"},{"type":"FLOW","text":"Go","flow_id":123}]}]}`)
	var r Remote
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	if got := Unknown(r, raw); got != nil {
		t.Errorf("Unknown = %q, want nil", got)
	}
}
