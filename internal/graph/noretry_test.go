package graph

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

type countingTransport struct {
	n  atomic.Int32
	rt http.RoundTripper
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.rt.RoundTrip(r)
}

func noRetryClient(t *testing.T, url string, rt *countingTransport) *Client {
	t.Helper()
	clk := newFakeClock()
	c, err := New(Options{Provider: ProviderKapso, BaseURL: url + "/v24.0", APIKey: testKey,
		HTTPClient: &http.Client{Transport: rt}, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Errors a retry cannot change are not retried: a certificate the client
// does not trust, and a complete 200 answer that is not the expected JSON
// (a proxy's HTML page).
func TestNoRetryWhenRetryCannotHelp(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer tlsSrv.Close()
	rt := &countingTransport{rt: &http.Transport{}}
	_, err := noRetryClient(t, tlsSrv.URL, rt).ListTemplates(context.Background(), "1", ListFilter{})
	if err == nil || !strings.Contains(err.Error(), "certificate") || rt.n.Load() != 1 {
		t.Errorf("bad certificate: %d attempts, err %v; want 1 attempt and a certificate error", rt.n.Load(), err)
	}

	var hits atomic.Int32
	htmlSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>Service maintenance</body></html>"))
	}))
	defer htmlSrv.Close()
	_, err = noRetryClient(t, htmlSrv.URL, &countingTransport{rt: http.DefaultTransport}).ListTemplates(context.Background(), "1", ListFilter{})
	if err == nil || !strings.Contains(err.Error(), "decode response (HTTP 200)") || hits.Load() != 1 {
		t.Errorf("HTML with 200: %d attempts, err %v; want 1 attempt and a decode error", hits.Load(), err)
	}
}
