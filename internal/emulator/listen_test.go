package emulator

import (
	"context"
	"net/http"
	"testing"
)

// A listening emulator answers over real TCP until Close, and a second
// Listen on the same address fails rather than serving twice.
func TestListen(t *testing.T) {
	srv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := srv.Listen(ctx, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	get := func() (*http.Response, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, l.URL+"/meta/whatsapp/v24.0/"+srv.BusinessAccountID()+"/message_templates", nil)
		req.Header.Set("X-API-Key", srv.APIKey())
		return http.DefaultClient.Do(req)
	}
	resp, err := get()
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("list: HTTP %d", resp.StatusCode)
	}
	if _, err := srv.Listen(ctx, l.URL[len("http://"):]); err == nil {
		t.Error("a second Listen on the same address succeeded")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := l.Close(cancelled); err != nil {
		t.Fatalf("close: %v", err)
	}
	http.DefaultClient.CloseIdleConnections()
	if resp, err := get(); err == nil {
		resp.Body.Close()
		t.Error("still answering after Close")
	}
	if err := <-l.Failed(); err != http.ErrServerClosed {
		t.Errorf("Failed after Close: %v, want http.ErrServerClosed", err)
	}
}
