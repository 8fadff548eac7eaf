package template_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

const prefix = "/meta/whatsapp/v24.0/"

// Every sample template, created on the emulator (which answers GET the way
// Meta rewrites templates) and read back, equals its file: a template just
// applied must plan clean.
func TestSampleTemplatesRoundTripThroughEmulator(t *testing.T) {
	docs, diags := spec.Load("../../templates")
	if diag.HasErrors(diags) {
		t.Fatalf("load templates: %v", diags)
	}
	if len(docs) == 0 {
		t.Fatal("no sample templates in templates/")
	}
	srv, err := emulator.New(emulator.Options{Clock: clock.NewFake(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	api := client{t: t, base: ts.URL + prefix + srv.BusinessAccountID(), key: srv.APIKey()}

	local := map[template.Key]template.Template{}
	for _, d := range docs {
		tpl, err := d.Decode()
		if err != nil {
			t.Fatalf("%s: %v", d.File, err)
		}
		local[tpl.Key()] = tpl
		// A header file goes as the handle apply would have uploaded it as.
		sent, _ := media.WithHandles(tpl, func(string) (string, error) { return "4::aW1hZ2UvcG5n:ARZxRoundTrip", nil })
		api.do(http.MethodPost, "/message_templates", template.ForCreate(sent), nil)
	}
	remote := api.listAll()
	if len(remote) != len(local) {
		t.Errorf("read back %d templates, created %d", len(remote), len(local))
	}
	for _, r := range remote {
		want, ok := local[r.Key()]
		if !ok {
			t.Errorf("%v read back but never created", r.Key())
			continue
		}
		if d := template.Diff(template.Canonical(want), template.FromRemote(r)); len(d) > 0 {
			t.Errorf("%v differs after create and read back: %v", r.Key(), d)
		}
	}
}

type client struct {
	t         *testing.T
	base, key string
}

func (c client) do(method, path string, body, out any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	url := path
	if len(path) > 0 && path[0] == '/' {
		url = c.base + path
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("X-API-Key", c.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("%s %s: %d %s", method, url, resp.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("decode %s: %v", url, err)
		}
	}
}

// listAll follows paging.next to the last page.
func (c client) listAll() []template.Remote {
	var all []template.Remote
	next := "/message_templates?limit=5"
	for next != "" {
		var page struct {
			Data   []template.Remote `json:"data"`
			Paging struct {
				Next string `json:"next"`
			} `json:"paging"`
		}
		c.do(http.MethodGet, next, nil, &page)
		all = append(all, page.Data...)
		next = page.Paging.Next
		if len(all) > 1000 {
			c.t.Fatal("paging does not end")
		}
	}
	return all
}
