package emulator

import (
	"net/http"
	"testing"
)

func TestAuth(t *testing.T) {
	h := newHarness(t, Options{APIKey: "k-123", Token: "t-456"})
	list := "/" + waba + "/message_templates"
	tests := []struct {
		name    string
		path    string
		headers map[string]string
		want    int
	}{
		{"kapso key", kapsoPrefix + list, map[string]string{"X-API-Key": "k-123"}, http.StatusOK},
		{"kapso no key", kapsoPrefix + list, nil, http.StatusUnauthorized},
		{"kapso wrong key", kapsoPrefix + list, map[string]string{"X-API-Key": "nope"}, http.StatusUnauthorized},
		{"kapso bearer is not a key", kapsoPrefix + list, map[string]string{"Authorization": "Bearer k-123"}, http.StatusUnauthorized},
		{"meta token", metaPrefix + list, map[string]string{"Authorization": "Bearer t-456"}, http.StatusOK},
		{"meta other version", "/v19.0" + list, map[string]string{"Authorization": "Bearer t-456"}, http.StatusOK},
		{"meta no token", metaPrefix + list, nil, http.StatusUnauthorized},
		{"meta wrong token", metaPrefix + list, map[string]string{"Authorization": "Bearer k-123"}, http.StatusUnauthorized},
		{"meta key header is not a token", metaPrefix + list, map[string]string{"X-API-Key": "t-456"}, http.StatusUnauthorized},
		{"unauthenticated send", kapsoPrefix + "/" + phone + "/messages", nil, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.doWith("GET", tt.path, nil, tt.headers)
			if r.status != tt.want {
				t.Fatalf("status %d, want %d: %s", r.status, tt.want, r.raw)
			}
			if tt.want == http.StatusUnauthorized {
				if code, _ := r.errCode(); code != 190 || r.errField("type") != "OAuthException" {
					t.Fatalf("want OAuthException code 190, got %s", r.raw)
				}
			}
		})
	}
}

func TestUnknownPaths(t *testing.T) {
	h := newHarness(t, Options{})
	tests := []struct {
		name, method, path string
	}{
		{"unknown edge", "GET", "/" + waba + "/phone_numbers"},
		{"unknown waba", "GET", "/999/message_templates"},
		{"unknown object", "GET", "/123456"},
		{"unknown phone", "POST", "/999/messages"},
		{"too deep", "GET", "/" + waba + "/message_templates/1/2"},
		{"no version", "GET", "/../x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.do(tt.method, tt.path, nil)
			code, sub := r.errCode()
			if r.status != http.StatusNotFound || code != 100 || sub != 33 {
				t.Fatalf("want 404 code 100/33, got %d %s", r.status, r.raw)
			}
		})
	}
}
