package graph

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func sampleTemplate() template.Template {
	ttl := 3600
	return template.Template{
		Name: "order_confirmation", Language: "en_US", Category: "UTILITY", ParameterFormat: "POSITIONAL",
		MessageSendTTLSeconds: &ttl,
		Components: []template.Component{{Type: "BODY", Text: "Order {{1}} is confirmed.",
			Example: &template.Example{BodyText: template.Matrix{{"A-1"}}}}},
	}
}

// cannedAPI answers every call waform makes with a plausible success.
func cannedAPI(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/message_templates"):
		writeJSON(w, 200, map[string]any{"data": []any{map[string]any{"id": "222", "name": "order_confirmation", "language": "en_US"}}})
	case r.Method == http.MethodGet:
		writeJSON(w, 200, map[string]any{"id": "222", "name": "order_confirmation", "language": "en_US", "status": "APPROVED"})
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/message_templates") && r.URL.Query().Get("hsm_id") == "":
		writeJSON(w, 200, map[string]any{"id": "333", "status": "PENDING", "category": "UTILITY"})
	default:
		writeJSON(w, 200, map[string]any{"success": true})
	}
}

func TestProviderRequests(t *testing.T) {
	tests := []struct {
		name, provider, updateMethod string
		prefix                       string
		wantUpdate, wantGet          string // "METHOD path?query"
	}{
		{"kapso default POST", ProviderKapso, "", "/meta/whatsapp/v24.0",
			"POST /meta/whatsapp/v24.0/111/message_templates?hsm_id=222", "GET /meta/whatsapp/v24.0/111/message_templates/222"},
		{"kapso PUT", ProviderKapso, "put", "/meta/whatsapp/v24.0",
			"PUT /meta/whatsapp/v24.0/111/message_templates?hsm_id=222", "GET /meta/whatsapp/v24.0/111/message_templates/222"},
		{"meta", ProviderMeta, "PUT", "/v24.0", "POST /v24.0/222", "GET /v24.0/222"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{next: http.HandlerFunc(cannedAPI)}
			env := newTestEnv(t, rec, func(o *Options) {
				o.Provider, o.UpdateMethod = tt.provider, tt.updateMethod
				o.BaseURL = strings.TrimSuffix(o.BaseURL, "/meta/whatsapp/v24.0") + tt.prefix
			})
			ctx := context.Background()
			mustOK(t, env.client.UpdateTemplate(ctx, "111", "222", sampleTemplate()))
			_, err := env.client.GetTemplate(ctx, "111", "222")
			mustOK(t, err)
			reqs := rec.all()
			if got := reqLine(reqs[0]); got != tt.wantUpdate {
				t.Errorf("update sent %q, want %q", got, tt.wantUpdate)
			}
			if got := reqLine(reqs[1]); !strings.HasPrefix(got, tt.wantGet+"?fields=") {
				t.Errorf("get sent %q, want %q?fields=...", got, tt.wantGet)
			}
			var body map[string]any
			mustOK(t, json.Unmarshal(reqs[0].Body, &body))
			keys := slices.Sorted(maps.Keys(body))
			if want := []string{"category", "components", "message_send_ttl_seconds", "parameter_format"}; !slices.Equal(keys, want) {
				t.Errorf("edit body keys %v, want %v", keys, want)
			}
			for _, r := range reqs {
				checkAuthHeaders(t, tt.provider, r.Header)
			}
		})
	}
}

func checkAuthHeaders(t *testing.T, provider string, h http.Header) {
	t.Helper()
	if ua := h.Get("User-Agent"); ua != "waform/1.2.3 (+https://github.com/waform/waform)" {
		t.Errorf("User-Agent %q", ua)
	}
	switch provider {
	case ProviderKapso:
		if h.Get("X-API-Key") != testKey || h.Get("Authorization") != "" {
			t.Errorf("kapso headers: X-API-Key %q, Authorization %q", h.Get("X-API-Key"), h.Get("Authorization"))
		}
	case ProviderMeta:
		if h.Get("Authorization") != "Bearer "+testKey || h.Get("X-API-Key") != "" {
			t.Errorf("meta headers: Authorization %q, X-API-Key %q", h.Get("Authorization"), h.Get("X-API-Key"))
		}
	}
}

func reqLine(r recorded) string {
	if r.RawQuery == "" {
		return r.Method + " " + r.Path
	}
	return r.Method + " " + r.Path + "?" + r.RawQuery
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeleteSendsIDAndName(t *testing.T) {
	rec := &recorder{next: http.HandlerFunc(cannedAPI)}
	env := newTestEnv(t, rec, nil)
	ctx := context.Background()
	mustOK(t, env.client.DeleteTemplate(ctx, "111", "222", "order_confirmation"))
	for _, bad := range [][2]string{{"", "order_confirmation"}, {"222", ""}} {
		err := env.client.DeleteTemplate(ctx, "111", bad[0], bad[1])
		if err == nil || !strings.Contains(err.Error(), "would remove every language") {
			t.Errorf("DeleteTemplate(id %q, name %q) = %v, want a refusal", bad[0], bad[1], err)
		}
	}
	reqs := rec.all()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1 (refused deletes send nothing)", len(reqs))
	}
	q, _ := url.ParseQuery(reqs[0].RawQuery)
	if reqs[0].Method != "DELETE" || reqs[0].Path != "/meta/whatsapp/v24.0/111/message_templates" ||
		q.Get("hsm_id") != "222" || q.Get("name") != "order_confirmation" {
		t.Errorf("delete sent %s", reqLine(reqs[0]))
	}
}

func TestCreateAndListRequests(t *testing.T) {
	rec := &recorder{next: http.HandlerFunc(cannedAPI)}
	env := newTestEnv(t, rec, nil)
	ctx := context.Background()
	res, err := env.client.CreateTemplate(ctx, "111", sampleTemplate())
	mustOK(t, err)
	if res != (CreateResult{ID: "333", Status: "PENDING", Category: "UTILITY"}) {
		t.Errorf("create result %+v", res)
	}
	_, err = env.client.ListTemplates(ctx, "111", ListFilter{Status: "approved"})
	mustOK(t, err)
	reqs := rec.all()
	var sent template.Template
	mustOK(t, json.Unmarshal(reqs[0].Body, &sent))
	if reqs[0].Header.Get("Content-Type") != "application/json" || !template.Equal(sampleTemplate(), sent) {
		t.Errorf("create sent %s with %s", reqs[0].Header.Get("Content-Type"), reqs[0].Body)
	}
	q, _ := url.ParseQuery(reqs[1].RawQuery)
	if q.Get("fields") != TemplateFields || q.Get("limit") != "100" || q.Get("status") != "approved" {
		t.Errorf("list query %v", q)
	}
}

// An edit answered 204 No Content is done: an empty answer is not a lost one.
func TestUpdateNoContent(t *testing.T) {
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })}
	env := newTestEnv(t, rec, nil)
	mustOK(t, env.client.UpdateTemplate(context.Background(), "111", "222", sampleTemplate()))
	if n := len(rec.all()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
