package graph

import (
	"strings"
	"testing"
)

func TestResolveBaseURL(t *testing.T) {
	tests := []struct {
		name string
		in   Endpoint
		want string
		err  string
	}{
		{"kapso defaults", Endpoint{}, "https://api.kapso.ai/meta/whatsapp/v24.0", ""},
		{"kapso host root", Endpoint{Provider: "kapso", BaseURL: "https://api.kapso.ai/"}, "https://api.kapso.ai/meta/whatsapp/v24.0", ""},
		{"kapso platform base", Endpoint{BaseURL: "https://api.kapso.ai/platform/v1"}, "https://api.kapso.ai/meta/whatsapp/v24.0", ""},
		{"kapso meta base", Endpoint{BaseURL: "https://api.kapso.ai/meta"}, "https://api.kapso.ai/meta/whatsapp/v24.0", ""},
		{"kapso full prefix, configured version wins", Endpoint{BaseURL: "https://api.kapso.ai/meta/whatsapp/v21.0", GraphVersion: "v23.0"}, "https://api.kapso.ai/meta/whatsapp/v23.0", ""},
		{"kapso version without v", Endpoint{GraphVersion: "22.0"}, "https://api.kapso.ai/meta/whatsapp/v22.0", ""},
		{"KAPSO_META_BASE_URL overrides", Endpoint{BaseURL: "https://api.kapso.ai", MetaBaseURL: "https://proxy.example.com/meta/whatsapp"}, "https://proxy.example.com/meta/whatsapp/v24.0", ""},
		{"kapso localhost http allowed", Endpoint{BaseURL: "http://127.0.0.1:8089"}, "http://127.0.0.1:8089/meta/whatsapp/v24.0", ""},
		{"meta default", Endpoint{Provider: "meta"}, "https://graph.facebook.com/v24.0", ""},
		{"meta base with version", Endpoint{Provider: "meta", BaseURL: "https://graph.facebook.com/v19.0/", GraphVersion: "v24.0"}, "https://graph.facebook.com/v24.0", ""},
		{"bad version", Endpoint{GraphVersion: "latest"}, "", "graph version"},
		{"remote plain http refused", Endpoint{BaseURL: "http://api.kapso.ai"}, "", "must use https"},
		{"credentials in URL refused", Endpoint{Provider: "meta", BaseURL: "https://user:pw@graph.facebook.com"}, "", "must not carry credentials"},
		{"query refused", Endpoint{BaseURL: "https://api.kapso.ai?x=1"}, "", "query"},
		{"relative refused", Endpoint{BaseURL: "api.kapso.ai"}, "", "absolute"},
		{"unknown provider", Endpoint{Provider: "twilio"}, "", "unknown provider"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveBaseURL(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ResolveBaseURL() = %q, %v; want error containing %q", got, err, tt.err)
				}
				if strings.Contains(err.Error(), "pw@") {
					t.Errorf("error shows URL credentials: %v", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ResolveBaseURL() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		err  string
	}{
		{"kapso without key", Options{Provider: "kapso", BaseURL: "https://x.test/v24.0"}, "KAPSO_API_KEY"},
		{"meta without token", Options{Provider: "meta", BaseURL: "https://x.test/v24.0", APIKey: "k"}, "META_ACCESS_TOKEN"},
		{"unknown provider", Options{Provider: "other", BaseURL: "https://x.test", APIKey: "k"}, "unknown provider"},
		{"bad update method", Options{Provider: "kapso", BaseURL: "https://x.test", APIKey: "k", UpdateMethod: "PATCH"}, "update method"},
		{"relative base", Options{Provider: "kapso", BaseURL: "/v24.0", APIKey: "k"}, "absolute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("New() error = %v, want one containing %q", err, tt.err)
			}
		})
	}
}
