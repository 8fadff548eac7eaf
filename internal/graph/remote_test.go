package graph

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// One template that does not fit the model (a string where Meta documents a
// boolean) must not break the listing: the others decode, and it comes back
// with its identity and the reason.
func TestListTemplatesOneUnreadable(t *testing.T) {
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"data": []any{
			map[string]any{"id": "1", "name": "good", "language": "en_US", "status": "APPROVED", "category": "UTILITY",
				"components": []any{map[string]any{"type": "BODY", "text": "Hello"}}},
			map[string]any{"id": "2", "name": "odd", "language": "es", "status": "APPROVED", "category": "AUTHENTICATION",
				"components": []any{map[string]any{"type": "BODY", "add_security_recommendation": "True"}}},
			map[string]any{"id": 3, "name": []any{"x"}, "components": "none"},
		}})
	})}
	env := newTestEnv(t, rec, nil)
	got, err := env.client.ListTemplates(context.Background(), "111", ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d templates, want 3: %+v", len(got), got)
	}
	if got[0].Unreadable != "" || got[0].Components[0].Text != "Hello" {
		t.Errorf("good template: %+v", got[0])
	}
	odd := got[1]
	if odd.ID != "2" || odd.Name != "odd" || odd.Language != "es" || odd.Status != "APPROVED" || odd.Category != "AUTHENTICATION" {
		t.Errorf("odd template identity: %+v", odd)
	}
	if want := "components.add_security_recommendation is a string, waform reads a bool"; odd.Unreadable != want {
		t.Errorf("reason %q, want %q", odd.Unreadable, want)
	}
	if !strings.Contains(string(odd.Raw), `"True"`) {
		t.Errorf("raw JSON not kept: %s", odd.Raw)
	}
	if got[2].Unreadable == "" || got[2].ID != "" || got[2].Name != "" {
		t.Errorf("template with unreadable identity: %+v", got[2])
	}
	if n := len(rec.all()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// A complete JSON answer of another shape is not retried: the server would
// answer the same again.
func TestListTemplatesWrongShapeNotRetried(t *testing.T) {
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"data": "not a list"})
	})}
	env := newTestEnv(t, rec, nil)
	_, err := env.client.ListTemplates(context.Background(), "111", ListFilter{})
	if err == nil || !strings.Contains(err.Error(), "decode response (HTTP 200)") || strings.Contains(err.Error(), "gave up") {
		t.Errorf("err = %v", err)
	}
	if n := len(rec.all()); n != 1 {
		t.Errorf("%d requests, want 1 (no retry)", n)
	}
}
