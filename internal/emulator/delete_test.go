package emulator

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

func TestDelete(t *testing.T) {
	tests := []struct {
		name        string
		query       func(ids map[string]string) string
		wantSubcode int
		wantLeft    []string
	}{
		{"by name removes every language", func(map[string]string) string { return "name=greet" }, 0, []string{"other/en_US"}},
		{"by hsm_id and name removes one", func(ids map[string]string) string { return "hsm_id=" + ids["greet/es"] + "&name=greet" }, 0,
			[]string{"other/en_US", "greet/en_US"}},
		{"by name and language (Kapso SDK)", func(map[string]string) string { return "name=greet&language=en_US" }, 0,
			[]string{"other/en_US", "greet/es"}},
		{"unknown name", func(map[string]string) string { return "name=nope" }, 2593002, nil},
		{"hsm_id with another name", func(ids map[string]string) string { return "hsm_id=" + ids["other/en_US"] + "&name=greet" }, 2593002, nil},
		{"neither name nor hsm_id", func(map[string]string) string { return "" }, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			ids := map[string]string{
				"greet/en_US": h.create(utility("greet", "en_US")),
				"greet/es":    h.create(utility("greet", "es")),
				"other/en_US": h.create(utility("other", "en_US")),
			}
			r := h.do("DELETE", "/"+waba+"/message_templates?"+tt.query(ids), nil)
			left := []string{}
			for _, s := range h.srv.Templates() {
				left = append(left, s.Template.Name+"/"+s.Template.Language)
			}
			if tt.wantLeft == nil {
				code, sub := r.errCode()
				if r.status != http.StatusBadRequest || code != 100 || sub != tt.wantSubcode || len(left) != 3 {
					t.Fatalf("want refusal 100/%d with nothing deleted, got %d %s, left %v", tt.wantSubcode, r.status, r.raw, left)
				}
				return
			}
			if r.status != http.StatusOK || r.body["success"] != true {
				t.Fatalf("delete: %d %s", r.status, r.raw)
			}
			if !slices.Equal(left, tt.wantLeft) {
				t.Fatalf("left %v, want %v", left, tt.wantLeft)
			}
		})
	}
}

func TestDeleteCooldown(t *testing.T) {
	tests := []struct {
		name     string
		cooldown time.Duration
		wait     time.Duration
		wantOK   bool
	}{
		{"default 30 days, day 29", 0, 29 * 24 * time.Hour, false},
		{"default 30 days, day 30", 0, 30 * 24 * time.Hour, true},
		{"configured one hour, 59 minutes", time.Hour, 59 * time.Minute, false},
		{"configured one hour, 60 minutes", time.Hour, time.Hour, true},
		{"disabled", -1, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{DeleteCooldown: tt.cooldown})
			h.create(utility("gone", "en_US"))
			h.do("DELETE", "/"+waba+"/message_templates?name=gone", nil)
			h.clock.Advance(tt.wait)
			r := h.do("POST", "/"+waba+"/message_templates", utility("gone", "en_US"))
			if ok := r.status == http.StatusOK; ok != tt.wantOK {
				t.Fatalf("re-create ok=%v, want %v: %s", ok, tt.wantOK, r.raw)
			}
			if _, sub := r.errCode(); !tt.wantOK && sub != 2388023 {
				t.Fatalf("want subcode 2388023, got %s", r.raw)
			}
			// Another language of the name is not being deleted.
			if r := h.do("POST", "/"+waba+"/message_templates", utility("gone", "fr")); r.status != http.StatusOK {
				t.Fatalf("new language refused: %s", r.raw)
			}
		})
	}
}

func TestDeleteDisabledRefused(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.create(utility("d", "en_US"))
	if _, err := h.srv.SetStatus(id, template.StatusDisabled); err != nil {
		t.Fatal(err)
	}
	if r := h.do("DELETE", "/"+waba+"/message_templates?name=d", nil); r.status != http.StatusBadRequest || len(h.srv.Templates()) != 1 {
		t.Fatalf("deleting a DISABLED template: %d %s", r.status, r.raw)
	}
}
