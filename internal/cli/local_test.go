package cli

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
)

// localCreate creates a template on a --local emulator and returns the
// response body.
func localCreate(t *testing.T, l *localEmulator, name string) string {
	t.Helper()
	body := `{"name":"` + name + `","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hello there, friend."}]}`
	req, _ := http.NewRequest("POST", l.url+"/meta/whatsapp/v24.0/"+l.BusinessAccountID()+"/message_templates", strings.NewReader(body))
	req.Header.Set("X-API-Key", l.APIKey())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return string(raw)
}

func TestStartLocalPersistsInWorkingDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	first, err := startLocal(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.url, "http://127.0.0.1:") || first.APIKey() == "" || first.BusinessAccountID() == "" || first.PhoneNumberID() == "" {
		t.Fatalf("local emulator %+v", first)
	}
	if got := localCreate(t, first, "kept"); !strings.Contains(got, `"APPROVED"`) {
		t.Fatalf("create: %s", got)
	}
	first.stop()
	if _, err := os.Stat(LocalStateFile); err != nil {
		t.Fatalf("state file: %v", err)
	}

	second, err := startLocal(context.Background(), "delay")
	if err != nil {
		t.Fatal(err)
	}
	defer second.stop()
	if got := localCreate(t, second, "kept"); !strings.Contains(got, "2388024") {
		t.Fatalf("second run does not see the first run's template: %s", got)
	}
	if got := localCreate(t, second, "later"); !strings.Contains(got, `"PENDING"`) {
		t.Fatalf("approval mode not applied: %s", got)
	}
}

func TestStartLocalErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	if _, err := startLocal(context.Background(), "sometimes"); err == nil || !strings.Contains(err.Error(), envLocalApprove) {
		t.Fatalf("bad approval mode: %v", err)
	}
	if err := os.MkdirAll(".waform", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(LocalStateFile, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := startLocal(context.Background(), ""); err == nil || !strings.Contains(err.Error(), LocalStateFile) {
		t.Fatalf("corrupt state: %v", err)
	}
}
