package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

func TestAPIErrorShapes(t *testing.T) {
	html := "<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("nginx upstream error ", 40) + "</body></html>"
	tests := []struct {
		name   string
		status int
		ctype  string
		body   string
		check  func(t *testing.T, e *APIError)
		text   string // substring of Error()
	}{
		{
			name: "graph envelope", status: 400, ctype: "application/json",
			body: `{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"error_subcode":2388024,"is_transient":false,` +
				`"error_user_title":"Content in This Language Already Exists","error_user_msg":"There is already English content for this template.",` +
				`"error_data":{"messaging_product":"whatsapp","details":"name taken"},"fbtrace_id":"AQc1T169"}}`,
			check: func(t *testing.T, e *APIError) {
				want := APIError{Status: 400, Code: 100, Subcode: 2388024, Type: "OAuthException", Message: "(#100) Invalid parameter",
					UserTitle: "Content in This Language Already Exists", UserMsg: "There is already English content for this template.",
					Details: "name taken", FBTraceID: "AQc1T169"}
				if *e != want {
					t.Errorf("got %+v\nwant %+v", *e, want)
				}
			},
			text: "(#100/2388024) Content in This Language Already Exists: There is already English content for this template. (name taken) [HTTP 400, fbtrace_id AQc1T169]",
		},
		{
			name: "codes as strings", status: 400, ctype: "application/json",
			body:  `{"error":{"message":"(#132001) Template name does not exist in the translation","code":"132001"}}`,
			check: func(t *testing.T, e *APIError) { assertCodes(t, e, 132001, 0) },
			text:  "(#132001) Template name does not exist in the translation [HTTP 400]",
		},
		{
			name: "proxy text error", status: 401, ctype: "application/json",
			body:  `{"error":"Invalid API key"}`,
			check: func(t *testing.T, e *APIError) { assertCodes(t, e, 0, 0) },
			text:  "HTTP 401: Invalid API key",
		},
		{
			name: "html page from a proxy", status: 502, ctype: "text/html", body: html,
			check: func(t *testing.T, e *APIError) {
				if len(e.Excerpt) > excerptMax+len("…") || !strings.HasPrefix(e.Excerpt, "<html><head><title>502") {
					t.Errorf("excerpt %q: want the page's start, at most %d bytes", e.Excerpt, excerptMax)
				}
			},
			text: "HTTP 502 Bad Gateway: unexpected response body: \"<html>",
		},
		{
			name: "truncated json", status: 400, ctype: "application/json",
			body:  `{"error":{"message":"(#100) Inval`,
			check: func(t *testing.T, e *APIError) { assertCodes(t, e, 0, 0) },
			text:  `HTTP 400 Bad Request: unexpected response body: "{\"error\":{\"message\":\"(#100) Inval"`,
		},
		{
			name: "empty body", status: 404, body: "",
			check: func(t *testing.T, e *APIError) {
				if !IsNotFound(e) {
					t.Error("404 with an empty body is not IsNotFound")
				}
			},
			text: "HTTP 404 Not Found: unexpected response body: \"(empty)\"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}), func(o *Options) { o.MaxAttempts = 1 })
			_, err := env.client.GetTemplate(context.Background(), "111", "222")
			e, ok := AsAPIError(err)
			if !ok {
				t.Fatalf("error %v (%T) carries no *APIError", err, err)
			}
			tt.check(t, e)
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error text\n  %s\nwant it to contain\n  %s", err, tt.text)
			}
			if !strings.HasPrefix(err.Error(), "get template 222: ") {
				t.Errorf("error %q lacks the operation prefix", err)
			}
		})
	}
}

func assertCodes(t *testing.T, e *APIError, code, subcode int) {
	t.Helper()
	if e.Code != code || e.Subcode != subcode {
		t.Errorf("code/subcode = %d/%d, want %d/%d", e.Code, e.Subcode, code, subcode)
	}
}

func TestErrorHelpers(t *testing.T) {
	tests := []struct {
		name                                 string
		e                                    *APIError
		notFound, limited, exists, retryable bool
	}{
		{"404", &APIError{Status: 404}, true, false, false, false},
		{"unknown alias 803", &APIError{Status: 400, Code: 803}, true, false, false, false},
		{"object does not exist 100/33", &APIError{Status: 400, Code: 100, Subcode: 33}, true, false, false, false},
		{"subcode 2593002", &APIError{Status: 400, Code: 100, Subcode: 2593002}, true, false, false, false},
		{"template missing at send 132001", &APIError{Status: 404, Code: 132001}, true, false, false, false},
		{"plain 100 is not not-found", &APIError{Status: 400, Code: 100}, false, false, false, false},
		{"429", &APIError{Status: 429}, false, true, false, true},
		{"app throttle 4", &APIError{Status: 400, Code: 4}, false, true, false, true},
		{"waba throttle 80008", &APIError{Status: 400, Code: 80008}, false, true, false, true},
		{"template edits 80012", &APIError{Status: 400, Code: 80012}, false, true, false, true},
		{"pair rate 131056", &APIError{Status: 400, Code: 131056}, false, true, false, true},
		{"in flight 409", &APIError{Status: 400, Code: 409}, false, false, false, true},
		{"already exists", &APIError{Status: 400, Code: 100, Subcode: 2388024}, false, false, true, false},
		{"already exists as code", &APIError{Status: 400, Code: 2388024}, false, false, true, false},
		{"503", &APIError{Status: 503}, false, false, false, true},
		{"transient", &APIError{Status: 400, Code: 2, Transient: true}, false, false, false, true},
		{"validation 400", &APIError{Status: 400, Code: 100, Subcode: 2388040}, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := fmt.Errorf("op: %w", tt.e)
			got := [4]bool{IsNotFound(err), IsRateLimited(err), IsAlreadyExists(err), IsRetryable(err)}
			want := [4]bool{tt.notFound, tt.limited, tt.exists, tt.retryable}
			if got != want {
				t.Errorf("[IsNotFound IsRateLimited IsAlreadyExists IsRetryable] = %v, want %v", got, want)
			}
		})
	}
	if IsNotFound(errors.New("plain")) || IsRetryable(nil) {
		t.Error("helpers match errors without an *APIError")
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"soon":                          0,
		"Sun, 01 Jun 2025 12:00:42 GMT": 42 * time.Second,
		"Sun, 01 Jun 2025 11:00:00 GMT": 0,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// A create conflict whose lookup finds no identical template is a real
// conflict: it is returned, typed, with the template named in the message.
func TestCreateAlreadyExistsFirstAttempt(t *testing.T) {
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := graphErr(100, 2388024, "(#100) Invalid parameter")
		body["error"].(map[string]any)["error_user_title"] = "Content in This Language Already Exists"
		writeJSON(w, 400, body)
	})}
	env := newTestEnv(t, rec, nil)
	_, err := env.client.CreateTemplate(context.Background(), "111", template.Template{Name: "order_confirmation", Language: "en_US", Category: "UTILITY"})
	if !IsAlreadyExists(err) {
		t.Fatalf("err = %v, want IsAlreadyExists", err)
	}
	const want = "create template order_confirmation (en_US): (#100/2388024) Content in This Language Already Exists"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q, want prefix %q", err, want)
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("%d requests, want 2 (the create and one lookup, no retry)", n)
	}
}
