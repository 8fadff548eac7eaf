package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/secret"
)

// echoedKey returns the credential the request carried, as a hostile or
// careless server would reflect it.
func echoedKey(r *http.Request) string {
	if k := r.Header.Get("X-API-Key"); k != "" {
		return k
	}
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

// leakyServer answers every request in the given way, with the caller's key
// in the body, the headers and the paging links.
func leakyServer(mode string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := echoedKey(r)
		w.Header().Set("X-Echo", key)
		w.Header().Set("Set-Cookie", "session="+key)
		w.Header().Set("WWW-Authenticate", `OAuth "Facebook Platform" "invalid_token" "`+key+`"`)
		switch mode {
		case "graph error":
			writeJSON(w, 400, map[string]any{"error": map[string]any{"message": "(#100) bad key " + key, "code": 100,
				"error_user_msg": "key " + key + " refused", "error_data": map[string]any{"details": "X-API-Key: " + key}, "fbtrace_id": key}})
		case "text error":
			writeJSON(w, 401, map[string]any{"error": "Invalid API key " + key})
		case "html":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprintf(w, "<html><body>upstream refused %s</body></html>", key)
		case "throttled":
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, map[string]any{"error": map[string]any{"message": "slow down " + key, "code": 4}})
		case "truncated":
			w.Header().Set("Content-Length", "400")
			w.WriteHeader(200)
			fmt.Fprintf(w, `{"id":"%s","data":[{"id":"%s"`, key, key)
		case "drop":
			dropConnection(w, r)
		case "paging":
			next := "https://graph.facebook.com/v24.0/x?access_token=" + url.QueryEscape(key) + "&after=" + url.QueryEscape(key)
			if r.URL.Query().Get("after") != "" {
				next = ""
			}
			writeJSON(w, 200, map[string]any{"data": []any{}, "paging": map[string]any{"next": next}})
		}
	}
}

// everyCall runs each client method once and returns what it returned.
func everyCall(c *Client) []any {
	ctx := context.Background()
	tpl := utilityTemplate("order_update", "en_US", "Order {{1}} shipped.")
	var out []any
	add := func(v any, err error) { out = append(out, v, err) }
	add(c.ListTemplates(ctx, "111", ListFilter{}))
	add(c.FindTemplate(ctx, "111", tpl.Key()))
	add(c.GetTemplate(ctx, "111", "222"))
	add(c.CreateTemplate(ctx, "111", tpl))
	add(nil, c.UpdateTemplate(ctx, "111", "222", tpl))
	add(nil, c.DeleteTemplate(ctx, "111", "222", "order_update"))
	add(c.SendMessage(ctx, "333", templateMessage("order_update", "15551234567")))
	add(c.UploadMedia(ctx, "333", "a.png", "image/png", bytes.NewReader([]byte("png"))))
	add(c.GetMedia(ctx, "333", "444"))
	add(nil, c.DeleteMedia(ctx, "333", "444"))
	add(c.ListMessages(ctx, "333", MessageFilter{}))
	add(c.FindMessage(ctx, "333", "wamid.x", time.Time{}))
	add(c.UploadHandle(ctx, emulator.DefaultAppID, "a.png", "image/png", pngBytes))
	return out
}

// printed renders values every way a caller might print them.
func printed(vals ...any) string {
	var b strings.Builder
	for _, v := range vals {
		fmt.Fprintf(&b, "%v\n%+v\n%#v\n%s\n%q\n", v, v, v, v, v)
		if data, err := json.Marshal(v); err == nil {
			b.Write(data)
		}
	}
	return b.String()
}

func assertNoSecret(t *testing.T, where, text string) {
	t.Helper()
	for _, form := range []string{testKey, url.QueryEscape(testKey), url.PathEscape(testKey), "S3CR3T"} {
		if i := strings.Index(text, form); i >= 0 {
			t.Errorf("%s shows the secret (%q) near: %q", where, form, text[max(0, i-80):min(len(text), i+80)])
		}
	}
}

func TestSecretsNeverShow(t *testing.T) {
	modes := []string{"graph error", "text error", "html", "throttled", "truncated", "drop", "paging"}
	for _, provider := range []string{ProviderKapso, ProviderMeta} {
		for _, mode := range modes {
			t.Run(provider+"/"+mode, func(t *testing.T) {
				env := newTestEnv(t, leakyServer(mode), func(o *Options) {
					o.Provider, o.MaxAttempts = provider, 2
				})
				results := everyCall(env.client)
				assertNoSecret(t, "returned values and errors", printed(results...))
				assertNoSecret(t, "the trace", env.trace.String())
				if !strings.Contains(env.trace.String(), "-->") {
					t.Error("nothing was traced")
				}
			})
		}
	}
}

// The success paths, through the emulator, and a server that is not there.
func TestSecretsNeverShowOnSuccessOrRefusal(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	_, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."), "")
	mustOK(t, err)
	results := everyCall(env.client)
	assertNoSecret(t, "results against the emulator", printed(results...))
	assertNoSecret(t, "the emulator trace", env.trace.String())
	if !strings.Contains(env.trace.String(), "X-Api-Key: [REDACTED]") {
		t.Errorf("trace does not show the redacted key header:\n%s", env.trace.String())
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	mustOK(t, err)
	addr := ln.Addr().String()
	ln.Close()
	trace := &syncBuffer{}
	clock := newFakeClock()
	c, err := New(Options{Provider: ProviderMeta, BaseURL: "http://" + addr + "/v24.0", Token: testKey, Trace: trace,
		MaxAttempts: 2, Clock: clock, Rand: func() float64 { return 0 }})
	mustOK(t, err)
	assertNoSecret(t, "results with no server", printed(everyCall(c)...))
	assertNoSecret(t, "the trace with no server", trace.String())
}

func TestSecretFormatting(t *testing.T) {
	opts := Options{Provider: ProviderKapso, BaseURL: "https://api.kapso.ai/meta/whatsapp/v24.0", APIKey: testKey, Token: testKey}
	c, err := New(opts)
	mustOK(t, err)
	text := printed(opts, c, opts.APIKey, &opts) + fmt.Sprintf("%x %X %d %v", opts.APIKey, opts.Token, opts.APIKey, []secret.Secret{opts.APIKey})
	assertNoSecret(t, "formatted options and client", text)
	func() {
		defer func() { assertNoSecret(t, "a panic value", fmt.Sprint(recover())) }()
		panic(opts)
	}()
	if got := c.Redact("curl -H 'X-API-Key: " + testKey + "' 'https://x/?access_token=abc' -H 'Authorization: Bearer xyz'"); got !=
		"curl -H 'X-API-Key: [REDACTED]' 'https://x/?access_token=[REDACTED]' -H 'Authorization: Bearer [REDACTED]'" {
		t.Errorf("Redact = %q", got)
	}
	if string(opts.APIKey) != testKey {
		t.Error("the secret's value itself must stay usable")
	}
}

// The trace names method, URL, status, duration and headers.
func TestTraceFormat(t *testing.T) {
	env := newTestEnv(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Set-Cookie", "session=abc123")
		writeJSON(w, 200, map[string]any{"id": "222"})
	}), nil)
	_, err := env.client.GetTemplate(context.Background(), "111", "222")
	mustOK(t, err)
	tr := env.trace.String()
	for _, want := range []string{
		"--> GET " + env.srv.URL + "/meta/whatsapp/v24.0/111/message_templates/222?fields=",
		"    User-Agent: waform/1.2.3 (+https://github.com/waform/waform)\n",
		"    X-Api-Key: [REDACTED]\n",
		"<-- 200 OK (0s)\n",
		"    Content-Type: application/json\n",
		"    Set-Cookie: [REDACTED]\n",
	} {
		if !strings.Contains(tr, want) {
			t.Errorf("trace lacks %q:\n%s", want, tr)
		}
	}
}
