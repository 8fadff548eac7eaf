package emulator

import (
	"net/http"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

func newBody(text string) map[string]any {
	return map[string]any{"components": []any{map[string]any{
		"type": "BODY", "text": text, "example": map[string]any{"body_text": []any{[]any{"A-1"}}},
	}}}
}

// editVia sends an edit the way each client style does.
func (h *harness) editVia(style, id string, body any) response {
	h.t.Helper()
	switch style {
	case "kapso POST":
		return h.do("POST", "/"+waba+"/message_templates?hsm_id="+id, body)
	case "kapso PUT":
		return h.do("PUT", "/"+waba+"/message_templates?hsm_id="+id, body)
	default:
		return h.doWith("POST", metaPrefix+"/"+id, body, map[string]string{"Authorization": "Bearer " + DefaultAPIKey})
	}
}

func TestEditReplacesComponents(t *testing.T) {
	for _, style := range []string{"kapso POST", "kapso PUT", "meta POST"} {
		t.Run(style, func(t *testing.T) {
			h := newHarness(t, Options{})
			create := utility("e", "en_US")
			create["components"] = append(create["components"].([]any), map[string]any{"type": "FOOTER", "text": "Thanks"})
			id := h.create(create)
			r := h.editVia(style, id, newBody("Order {{1}} is on its way."))
			if r.status != http.StatusOK || r.body["success"] != true || len(r.body) != 1 {
				t.Fatalf("edit: %d %s", r.status, r.raw)
			}
			got := h.srv.Templates()[0].Template
			if len(got.Components) != 1 || got.Components[0].Text != "Order {{1}} is on its way." {
				t.Fatalf("components not replaced wholesale: %+v", got.Components)
			}
		})
	}
}

func TestEditRules(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		status   string // forced before the edit; "" keeps APPROVED
		before   func(h *harness, id string)
		body     map[string]any
		wantCode int // 0 = success
	}{
		{"pending cannot be edited", Options{Approval: Approval{Mode: ApproveNever}}, "", nil, newBody("New {{1}} text here."), 100},
		{"rejected can be edited", Options{}, template.StatusRejected, nil, newBody("New {{1}} text here."), 0},
		{"paused can be edited", Options{}, template.StatusPaused, nil, newBody("New {{1}} text here."), 0},
		{"disabled cannot be edited", Options{}, template.StatusDisabled, nil, newBody("New {{1}} text here."), 100},
		{"approved category is fixed", Options{}, "", nil, map[string]any{"category": "MARKETING"}, 100},
		{"rejected category can change", Options{}, template.StatusRejected, nil, map[string]any{"category": "MARKETING"}, 0},
		{"same category is fine", Options{}, "", nil, map[string]any{"category": "utility"}, 0},
		{"name is immutable", Options{}, "", nil, map[string]any{"name": "other", "components": newBody("New {{1}} text here.")["components"]}, 100},
		{"language is immutable", Options{}, "", nil, map[string]any{"language": "es", "components": newBody("New {{1}} text here.")["components"]}, 100},
		{"repeating name and language is fine", Options{}, "", nil, map[string]any{"name": "e", "language": "en_US", "components": newBody("New {{1}} text here.")["components"]}, 0},
		{"invalid components refused", Options{}, "", nil, newBody("{{1}} starts the text."), 100},
		{"empty edit refused", Options{}, "", nil, map[string]any{}, 100},
		{"second edit within 24h", Options{}, "", func(h *harness, id string) {
			h.editVia("kapso POST", id, newBody("First {{1}} edit here."))
			h.clock.Advance(23 * time.Hour)
		}, newBody("Second {{1}} edit here."), 100},
		{"second edit after 24h", Options{}, "", func(h *harness, id string) {
			h.editVia("kapso POST", id, newBody("First {{1}} edit here."))
			h.clock.Advance(24 * time.Hour)
		}, newBody("Second {{1}} edit here."), 0},
		{"eleventh edit in 30 days", Options{}, "", func(h *harness, id string) {
			for range 10 {
				if r := h.editVia("kapso POST", id, newBody("Daily {{1}} edit here.")); r.status != http.StatusOK {
					h.t.Fatalf("edit within quota refused: %s", r.raw)
				}
				h.clock.Advance(25 * time.Hour)
			}
		}, newBody("One {{1}} edit too many."), 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.opts)
			id := h.create(utility("e", "en_US"))
			if tt.status != "" {
				if _, err := h.srv.SetStatus(id, tt.status); err != nil {
					t.Fatal(err)
				}
			}
			if tt.before != nil {
				tt.before(h, id)
			}
			before := h.srv.Templates()[0].Template
			r := h.editVia("kapso POST", id, tt.body)
			code, _ := r.errCode()
			if code != tt.wantCode {
				t.Fatalf("want code %d, got %d %s", tt.wantCode, r.status, r.raw)
			}
			after := h.srv.Templates()[0]
			if tt.wantCode != 0 && (len(after.Template.Components) != len(before.Components) ||
				after.Template.Components[0].Text != before.Components[0].Text || after.Template.Category != before.Category) {
				t.Fatalf("refused edit changed the template: %+v", after.Template)
			}
			if tt.wantCode == 0 && after.Status != template.StatusApproved {
				t.Fatalf("after an accepted edit status is %s, want the review's APPROVED", after.Status)
			}
		})
	}
}

func TestEditUnknownTemplate(t *testing.T) {
	h := newHarness(t, Options{})
	if r := h.editVia("kapso POST", "1234", newBody("New {{1}} text here.")); r.status != http.StatusNotFound {
		t.Fatalf("got %d %s", r.status, r.raw)
	}
	if r := h.do("PUT", "/"+waba+"/message_templates", newBody("New {{1}} text here.")); r.status != http.StatusBadRequest {
		t.Fatalf("PUT without hsm_id: %d %s", r.status, r.raw)
	}
}
