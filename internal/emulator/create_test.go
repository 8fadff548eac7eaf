package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCreateResponse(t *testing.T) {
	h := newHarness(t, Options{})
	body := utility("order_update", "en_US")
	body["category"] = "utility"
	r := h.do("POST", "/"+waba+"/message_templates", body)
	if r.status != http.StatusOK || len(r.body) != 3 {
		t.Fatalf("want {id,status,category}, got %d %s", r.status, r.raw)
	}
	id, _ := r.body["id"].(string)
	if !isDigits(id) || r.body["status"] != "APPROVED" || r.body["category"] != "UTILITY" {
		t.Fatalf("unexpected create response %s", r.raw)
	}
	// Through the meta prefix too.
	m := h.doWith("POST", metaPrefix+"/"+waba+"/message_templates", utility("order_update", "es"), map[string]string{"Authorization": "Bearer " + DefaultAPIKey})
	if m.status != http.StatusOK || m.body["id"] == id {
		t.Fatalf("meta create: %d %s", m.status, m.raw)
	}
}

func TestCreateConflicts(t *testing.T) {
	tests := []struct {
		name        string
		opts        Options
		setup       func(h *harness)
		body        map[string]any
		wantSubcode int
		wantCode    int
		wantText    string
	}{
		{
			name:        "name and language exist",
			setup:       func(h *harness) { h.create(utility("dup", "en_US")) },
			body:        utility("dup", "en_US"),
			wantCode:    100,
			wantSubcode: 2388024,
			wantText:    "There is already English (US) content",
		},
		{
			name: "name being deleted",
			setup: func(h *harness) {
				h.create(utility("gone", "en_US"))
				h.do("DELETE", "/"+waba+"/message_templates?name=gone", nil)
				h.clock.Advance(29 * 24 * time.Hour)
			},
			body:        utility("gone", "en_US"),
			wantCode:    100,
			wantSubcode: 2388023,
			wantText:    "being deleted",
		},
		{
			name: "template limit",
			opts: Options{TemplateLimit: 2},
			setup: func(h *harness) {
				h.create(utility("a", "en_US"))
				h.create(utility("b", "en_US"))
			},
			body:        utility("c", "en_US"),
			wantCode:    100,
			wantSubcode: 2388019,
		},
		{
			name: "creates per hour",
			opts: Options{CreatesPerHour: 3},
			setup: func(h *harness) {
				for i := range 3 {
					h.create(utility(fmt.Sprint("r", i), "en_US"))
				}
			},
			body:     utility("r3", "en_US"),
			wantCode: 80008,
		},
		{
			name:     "category differs from the other languages",
			setup:    func(h *harness) { h.create(utility("mixed", "en_US")) },
			body:     withCategory(utility("mixed", "es"), "MARKETING"),
			wantCode: 100,
			wantText: "The category MARKETING doesn't match the one that's already associated with this template, UTILITY.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.opts)
			tt.setup(h)
			before := len(h.srv.Templates())
			r := h.do("POST", "/"+waba+"/message_templates", tt.body)
			code, sub := r.errCode()
			if r.status != http.StatusBadRequest || code != tt.wantCode || sub != tt.wantSubcode {
				t.Fatalf("want 400 code %d/%d, got %d %s", tt.wantCode, tt.wantSubcode, r.status, r.raw)
			}
			if !strings.Contains(string(r.raw), tt.wantText) {
				t.Fatalf("error does not say %q: %s", tt.wantText, r.raw)
			}
			if after := len(h.srv.Templates()); after != before {
				t.Fatalf("a refused create stored a template (%d → %d)", before, after)
			}
		})
	}
}

func withCategory(body map[string]any, category string) map[string]any {
	body["category"] = category
	return body
}

func TestCreateWindowsExpire(t *testing.T) {
	h := newHarness(t, Options{CreatesPerHour: 1, DeleteCooldown: 2 * time.Hour})
	h.create(utility("a", "en_US"))
	if r := h.do("POST", "/"+waba+"/message_templates", utility("b", "en_US")); r.status == http.StatusOK {
		t.Fatal("second create in the hour succeeded")
	}
	h.clock.Advance(time.Hour)
	h.create(utility("b", "en_US"))
	h.do("DELETE", "/"+waba+"/message_templates?name=a", nil)
	h.clock.Advance(2 * time.Hour)
	h.create(utility("a", "en_US")) // cooldown over, hour window over
	got := []string{}
	for _, s := range h.srv.Templates() {
		got = append(got, s.Template.Name)
	}
	if !slices.Equal(got, []string{"a", "b"}) {
		t.Fatalf("templates %v", got)
	}
}

func TestCreateRejectsMalformedBody(t *testing.T) {
	h := newHarness(t, Options{})
	r := h.do("POST", "/"+waba+"/message_templates", `{"name": 12}`)
	if code, _ := r.errCode(); r.status != http.StatusBadRequest || code != 100 {
		t.Fatalf("got %d %s", r.status, r.raw)
	}
}

func TestCreateValidates(t *testing.T) {
	tests := []struct {
		name        string
		text        string
		wantSubcode int
	}{
		{"variable at start", "{{1}} is your order number.", 2388299},
		{"variable at end", "Your order number is {{1}}", 2388299},
		{"valid", "Your order {{1}} has shipped.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			body := utility("check", "en_US")
			body["components"].([]any)[0].(map[string]any)["text"] = tt.text
			r := h.do("POST", "/"+waba+"/message_templates", body)
			if tt.wantSubcode == 0 {
				if r.status != http.StatusOK {
					t.Fatalf("valid template refused: %s", r.raw)
				}
				return
			}
			code, sub := r.errCode()
			if r.status != http.StatusBadRequest || code != 100 || sub != tt.wantSubcode {
				t.Fatalf("want 100/%d, got %d %s", tt.wantSubcode, r.status, r.raw)
			}
			if r.errField("error_user_msg") == "" || r.errField("error_user_title") == "" {
				t.Fatalf("error lacks a user title or message: %s", r.raw)
			}
		})
	}
	t.Run("footer with a variable", func(t *testing.T) {
		h := newHarness(t, Options{})
		body := utility("check", "en_US")
		body["components"] = append(body["components"].([]any), map[string]any{"type": "FOOTER", "text": "Bye {{1}} now"})
		r := h.do("POST", "/"+waba+"/message_templates", body)
		if _, sub := r.errCode(); sub != 2388073 {
			t.Fatalf("want 2388073, got %s", r.raw)
		}
	})
}
