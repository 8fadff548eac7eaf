package message_test

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/waform/waform/internal/message"
)

func TestParseFlags(t *testing.T) {
	p, err := message.ParseFlags([]string{"customer_name=Pablo", "1=a=b", "{{ 2 }}=", "header=https://x.example/a.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	want := message.Params{"customer_name": "Pablo", "1": "a=b", "2": "", "header": "https://x.example/a.jpg"}
	if !maps.Equal(p, want) {
		t.Errorf("params = %v, want %v", p, want)
	}
	for flag, reason := range map[string]string{"novalue": "want key=value", "=x": "want key=value"} {
		if _, err := message.ParseFlags([]string{flag}); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%q: err = %v, want %q", flag, err, reason)
		}
	}
	if _, err := message.ParseFlags([]string{"a=1", "a=2"}); err == nil || !strings.Contains(err.Error(), "more than once") {
		t.Errorf("duplicate: err = %v", err)
	}
}

func TestFromValueFlattens(t *testing.T) {
	var v any
	dec := json.NewDecoder(strings.NewReader(`{"customer_name":"Pablo","2":7.5,"location":{"latitude":38.7,"name":"Lisbon"},"button":{"0":"ORD-1"},"card":[{"header":"https://x/a.jpg"}],"flag":true}`))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	p, err := message.FromValue(v)
	if err != nil {
		t.Fatal(err)
	}
	want := message.Params{
		"customer_name": "Pablo", "2": "7.5", "location.latitude": "38.7", "location.name": "Lisbon",
		"button.0": "ORD-1", "card.0.header": "https://x/a.jpg", "flag": "true",
	}
	if !maps.Equal(p, want) {
		t.Errorf("params = %v, want %v", p, want)
	}
	bad := map[string]any{
		"not a mapping": []any{"x"},
		"null value":    map[string]any{"a": nil},
		"duplicate":     map[string]any{"a.b": "1", "a": map[string]any{"b": "2"}},
	}
	for name, v := range bad {
		if _, err := message.FromValue(v); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func TestMergeFlagsWin(t *testing.T) {
	got := message.Merge(message.Params{"a": "file", "b": "file"}, message.Params{"a": "flag"})
	if !maps.Equal(got, message.Params{"a": "flag", "b": "file"}) {
		t.Errorf("merge = %v", got)
	}
}
