package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/template"
)

var epoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const (
	kapsoPrefix = "/meta/whatsapp/v24.0"
	metaPrefix  = "/v23.0"
	waba        = DefaultBusinessAccountID
	phone       = DefaultPhoneNumberID
)

type harness struct {
	t     *testing.T
	srv   *Server
	ts    *httptest.Server
	clock *clock.Fake
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	clock := clock.NewFake(epoch)
	if opts.Clock == nil {
		opts.Clock = clock
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &harness{t: t, srv: srv, ts: ts, clock: clock}
}

// response is a decoded reply.
type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

// errCode returns error.code and error.error_subcode (0 when absent).
func (r response) errCode() (code, subcode int) {
	e, _ := r.body["error"].(map[string]any)
	c, _ := e["code"].(float64)
	s, _ := e["error_subcode"].(float64)
	return int(c), int(s)
}

func (r response) errField(name string) string {
	e, _ := r.body["error"].(map[string]any)
	s, _ := e[name].(string)
	return s
}

func (r response) data() []map[string]any {
	list, _ := r.body["data"].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, item := range list {
		m, _ := item.(map[string]any)
		out = append(out, m)
	}
	return out
}

// do sends a request through the kapso prefix with the default key.
func (h *harness) do(method, path string, body any) response {
	h.t.Helper()
	return h.doWith(method, kapsoPrefix+path, body, map[string]string{"X-API-Key": DefaultAPIKey})
}

func (h *harness) doWith(method, path string, body any, headers map[string]string) response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, h.ts.URL+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	out := response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if err := json.Unmarshal(raw, &out.body); err != nil {
		h.t.Fatalf("%s %s: body is not a JSON object: %v\n%s", method, path, err, raw)
	}
	return out
}

// create posts a create body and fails the test unless it succeeds.
func (h *harness) create(body any) string {
	h.t.Helper()
	r := h.do("POST", "/"+waba+"/message_templates", body)
	if r.status != http.StatusOK {
		h.t.Fatalf("create: %d %s", r.status, r.raw)
	}
	id, _ := r.body["id"].(string)
	return id
}

// utility returns a valid positional UTILITY template body.
func utility(name, lang string) map[string]any {
	return map[string]any{
		"name": name, "language": lang, "category": "UTILITY",
		"components": []any{map[string]any{
			"type": "BODY", "text": "Your order {{1}} has shipped.",
			"example": map[string]any{"body_text": []any{[]any{"A-1"}}},
		}},
	}
}

func mustTemplate(t *testing.T, js string) template.Template {
	t.Helper()
	var tpl template.Template
	if err := json.Unmarshal([]byte(js), &tpl); err != nil {
		t.Fatal(err)
	}
	return tpl
}
