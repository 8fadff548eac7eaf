package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/waform/waform/internal/emulator"
)

// lockedBuffer is a bytes.Buffer safe to write from the command's goroutine
// and read from the test's.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// runEmulatorCmd starts `waform emulator` with args, waits for its banner and
// returns the exports it printed, a stop func returning the exit code, and
// stderr.
func runEmulatorCmd(t *testing.T, args ...string) (exports map[string]string, stop func() int, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, outW := io.Pipe()
	stderr = &lockedBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, append([]string{"emulator", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), outW, stderr, func(string) string { return "" })
		outW.Close()
	}()
	exports = map[string]string{}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "="); ok && strings.HasPrefix(sc.Text(), "export ") {
			exports[k] = v
		}
		if strings.HasPrefix(sc.Text(), "Press Ctrl-C") {
			break
		}
	}
	go io.Copy(io.Discard, out) //nolint:errcheck // drain until the command exits
	stop = func() int {
		cancel()
		return <-code
	}
	t.Cleanup(func() { cancel() })
	return exports, stop, stderr
}

func TestEmulatorCommandServesAndStops(t *testing.T) {
	state := filepath.Join(t.TempDir(), "emu.json")
	exports, stop, stderr := runEmulatorCmd(t, "--state", state, "--api-key", "secret-k", "--approve", "never")
	for _, k := range []string{"KAPSO_API_BASE_URL", "KAPSO_API_KEY", "WHATSAPP_BUSINESS_ACCOUNT_ID", "WHATSAPP_PHONE_NUMBER_ID", "META_APP_ID"} {
		if exports[k] == "" {
			t.Fatalf("banner lacks export %s: %v", k, exports)
		}
	}
	if exports["KAPSO_API_KEY"] != "secret-k" {
		t.Fatalf("KAPSO_API_KEY=%s, want the --api-key", exports["KAPSO_API_KEY"])
	}
	base := exports["KAPSO_API_BASE_URL"] + "/meta/whatsapp/v24.0/" + exports["WHATSAPP_BUSINESS_ACCOUNT_ID"] + "/message_templates"
	body := `{"name":"hello","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hello there, friend."}]}`
	req, _ := http.NewRequest("POST", base, strings.NewReader(body))
	req.Header.Set("X-API-Key", "secret-k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(raw), `"status":"PENDING"`) {
		t.Fatalf("create through the command's server: %d %s", resp.StatusCode, raw)
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d after Ctrl-C; stderr %s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Fatalf("stderr %q", stderr)
	}
	reloaded, err := emulator.New(emulator.Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	if got := reloaded.Templates(); len(got) != 1 || got[0].Template.Name != "hello" {
		t.Fatalf("state file holds %+v", got)
	}
}

func TestEmulatorCommandErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(corrupt, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"unknown approval mode", []string{"emulator", "--approve", "sometimes"}, exitUsage, "sometimes"},
		{"corrupt state file", []string{"emulator", "--addr", "127.0.0.1:0", "--state", corrupt}, exitFailure, corrupt},
		{"bad address", []string{"emulator", "--addr", "256.0.0.1:99999"}, exitFailure, "start emulator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Main(context.Background(), tt.args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
			if code != tt.wantCode || !strings.Contains(errb.String(), tt.wantErr) {
				t.Fatalf("exit %d, stderr %q; want %d mentioning %q", code, errb.String(), tt.wantCode, tt.wantErr)
			}
		})
	}
}

func TestEmulatorCommandHelp(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"emulator", "--help"}, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	if code != 0 || !strings.Contains(out.String(), "Example:") || !strings.Contains(out.String(), "--approve") {
		t.Fatalf("help exit %d:\n%s", code, out.String())
	}
}
