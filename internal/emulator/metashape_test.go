package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

const richTemplate = `{
  "name": "rich", "language": "en_US", "category": "utility", "parameter_format": "named",
  "allow_category_change": true,
  "components": [
    {"type": "header", "format": "image", "example": {"header_handle": ["4::aW1hZ2U="]}},
    {"type": "body", "text": "Hi {{first_name}}, your order {{order_id}} is ready today.",
     "example": {"body_text_named_params": [
        {"param_name": "first_name", "example": "Ana"}, {"param_name": "order_id", "example": "A-1"}]}},
    {"type": "buttons", "buttons": [
      {"type": "phone_number", "text": "Call us", "phone_number": "15550051310"},
      {"type": "flow", "text": "Book", "flow_id": "123456", "flow_action": "navigate", "navigate_screen": "WELCOME"}
    ]}
  ]
}`

const authTemplate = `{
  "name": "login_code", "language": "en_US", "category": "authentication",
  "components": [
    {"type": "body", "add_security_recommendation": true},
    {"type": "footer", "code_expiration_minutes": 5},
    {"type": "buttons", "buttons": [{"type": "otp", "otp_type": "copy_code"}]}
  ]
}`

func jsonPath(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func TestGetReturnsMetaShape(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.create(json.RawMessage(richTemplate))
	first := h.do("GET", "/"+waba+"/message_templates/"+id, nil).body
	second := h.doWith("GET", metaPrefix+"/"+id, nil, map[string]string{"Authorization": "Bearer " + DefaultAPIKey}).body
	tests := []struct {
		name string
		path []any
		want any
	}{
		{"category upper-cased", []any{"category"}, "UTILITY"},
		{"parameter_format upper-cased", []any{"parameter_format"}, "NAMED"},
		{"sub_category added", []any{"sub_category"}, "CUSTOM"},
		{"status", []any{"status"}, "APPROVED"},
		{"id", []any{"id"}, id},
		{"allow_category_change not echoed", []any{"allow_category_change"}, nil},
		{"component type", []any{"components", 0, "type"}, "HEADER"},
		{"header format", []any{"components", 0, "format"}, "IMAGE"},
		{"named examples reordered", []any{"components", 1, "example", "body_text_named_params", 0, "param_name"}, "order_id"},
		{"button type", []any{"components", 2, "buttons", 0, "type"}, "PHONE_NUMBER"},
		{"phone number gains +", []any{"components", 2, "buttons", 0, "phone_number"}, "+15550051310"},
		{"flow_id is a number", []any{"components", 2, "buttons", 1, "flow_id"}, float64(123456)},
		{"flow_action upper-cased", []any{"components", 2, "buttons", 1, "flow_action"}, "NAVIGATE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jsonPath(first, tt.path...); got != tt.want {
				t.Fatalf("%v = %#v, want %#v", tt.path, got, tt.want)
			}
		})
	}
	t.Run("header handle becomes a changing CDN URL", func(t *testing.T) {
		a, _ := jsonPath(first, "components", 0, "example", "header_handle", 0).(string)
		b, _ := jsonPath(second, "components", 0, "example", "header_handle", 0).(string)
		if !strings.HasPrefix(a, "https://scontent.whatsapp.net/") || a == b || b == "" {
			t.Fatalf("handles %q then %q", a, b)
		}
	})
	t.Run("stored template keeps what was sent", func(t *testing.T) {
		got := h.srv.Templates()[0].Template
		if got.Category != "utility" || got.Components[0].Example.HeaderHandle[0] != "4::aW1hZ2U=" {
			t.Fatalf("stored %+v", got)
		}
	})
}

func TestGetRewritesAuthentication(t *testing.T) {
	h := newHarness(t, Options{})
	h.create(json.RawMessage(authTemplate))
	got := h.do("GET", "/"+waba+"/message_templates?name=login_code", nil).data()[0]
	tests := []struct {
		name string
		path []any
		want any
	}{
		{"generated body", []any{"components", 0, "text"}, "*{{1}}* is your verification code. For your security, do not share this code."},
		{"security flag kept", []any{"components", 0, "add_security_recommendation"}, true},
		{"generated body example", []any{"components", 0, "example", "body_text", 0, 0}, "123456"},
		{"generated footer", []any{"components", 1, "text"}, "This code expires in 5 minutes."},
		{"expiry kept", []any{"components", 1, "code_expiration_minutes"}, float64(5)},
		{"OTP button comes back as URL", []any{"components", 2, "buttons", 0, "type"}, "URL"},
		{"default button text", []any{"components", 2, "buttons", 0, "text"}, "Copy code"},
		{"URL carries otp_type", []any{"components", 2, "buttons", 0, "url"},
			"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code_expiration_minutes=5&code=otp{{1}}"},
		{"default TTL echoed", []any{"message_send_ttl_seconds"}, float64(600)},
		{"category", []any{"category"}, "AUTHENTICATION"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if v := jsonPath(got, tt.path...); v != tt.want {
				t.Fatalf("%v = %#v, want %#v", tt.path, v, tt.want)
			}
		})
	}
}

func TestGetFields(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.create(utility("f", "en_US"))
	r := h.do("GET", "/"+waba+"/message_templates?fields=name,status", nil)
	item := r.data()[0]
	if len(item) != 3 || item["id"] != id || item["name"] != "f" || item["status"] != "APPROVED" {
		t.Fatalf("fields=name,status gave %v", item)
	}
	if r := h.do("GET", "/"+waba+"/message_templates/999", nil); r.status != http.StatusNotFound {
		t.Fatalf("unknown id: %d", r.status)
	}
}
