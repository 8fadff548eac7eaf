package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/waform/waform/internal/emulator"
)

var pngBytes = []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("x", 100))

// TestUploadHandleMeta: with provider meta, the two requests go as Meta's
// Resumable Upload API documents them, the second one authorised as
// "OAuth <token>" with file_offset: 0 and the session's own query, and the
// handle comes back; nothing in the trace shows the token.
func TestUploadHandleMeta(t *testing.T) {
	rec := &recorder{}
	env := newEmuEnv(t, emulator.Options{}, func(h http.Handler) http.Handler { rec.next = h; return rec }, func(o *Options) {
		o.Provider, o.Token, o.APIKey = ProviderMeta, testKey, ""
		o.BaseURL = strings.Replace(o.BaseURL, "/meta/whatsapp", "", 1)
	})
	h, err := env.client.UploadHandle(context.Background(), env.emu.AppID(), "banner.png", "image/png", pngBytes)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "4::") {
		t.Errorf("handle %q does not start with 4::", h)
	}
	reqs := rec.all()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	open, send := reqs[0], reqs[1]
	if open.Path != "/v24.0/"+env.emu.AppID()+"/uploads" || !strings.Contains(open.RawQuery, "file_length=108") ||
		!strings.Contains(open.RawQuery, "file_type=image%2Fpng") {
		t.Errorf("open: %s?%s", open.Path, open.RawQuery)
	}
	if open.Header.Get("Authorization") != "Bearer "+testKey {
		t.Errorf("open authorised as %q", open.Header.Get("Authorization"))
	}
	if !strings.HasPrefix(send.Path, "/v24.0/upload:") || !strings.HasPrefix(send.RawQuery, "sig=") {
		t.Errorf("transfer: %s?%s", send.Path, send.RawQuery)
	}
	if send.Header.Get("Authorization") != "OAuth "+testKey || send.Header.Get("File_offset") != "0" || string(send.Body) != string(pngBytes) {
		t.Errorf("transfer headers %v, %d bytes", send.Header, len(send.Body))
	}
	if strings.Contains(env.trace.String(), testKey) {
		t.Error("the trace shows the token")
	}
}

// TestUploadHandleRetries: a 5xx on either step is retried like any
// request; the handle is the one of the file.
func TestUploadHandleRetries(t *testing.T) {
	for _, path := range []string{"/uploads", "/upload:"} {
		env := newEmuEnv(t, emulator.Options{Faults: emulator.Faults{Once: []emulator.PathFault{{Path: path, Kind: emulator.FaultServerError}}}}, nil, nil)
		h, err := env.client.UploadHandle(context.Background(), env.emu.AppID(), "banner.png", "image/png", pngBytes)
		if err != nil || !strings.HasPrefix(h, "4::") {
			t.Fatalf("%s failing once: %q, %v", path, h, err)
		}
		if n := strings.Count(env.trace.String(), "<-- 500"); n != 1 {
			t.Errorf("%s failing once: %d answers 500 in the trace, want 1", path, n)
		}
	}
}

// TestUploadHandleErrors: the emulator answers Meta's errors; a missing app
// id fails before any request; a proxy that refuses the path is explained.
func TestUploadHandleErrors(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	ctx := context.Background()
	if _, err := env.client.UploadHandle(ctx, "", "a.png", "image/png", pngBytes); !errors.Is(err, ErrNoAppID) {
		t.Errorf("no app id: %v", err)
	}
	if env.trace.String() != "" {
		t.Error("a request was sent without an app id")
	}
	_, err := env.client.UploadHandle(ctx, env.emu.AppID(), "a.gif", "image/gif", []byte("GIF89a"))
	if e, ok := AsAPIError(err); !ok || e.Code != 100 || !strings.Contains(e.Message, "file_type") {
		t.Errorf("image/gif: %v", err)
	}
	_, err = env.client.UploadHandle(ctx, env.emu.AppID(), "a.png", "image/jpeg", pngBytes)
	if e, ok := AsAPIError(err); !ok || !strings.Contains(e.Message, "not of file_type") {
		t.Errorf("PNG bytes declared JPEG: %v", err)
	}
	_, err = env.client.UploadHandle(ctx, "999", "a.png", "image/png", pngBytes)
	if err == nil || !strings.Contains(err.Error(), "the Kapso proxy refused Meta's Resumable Upload API") ||
		!strings.Contains(err.Error(), "meta_resumable_asset") {
		t.Errorf("refused by the proxy: %v", err)
	}
}

// TestUploadHandleUnknownAppMeta: Meta's "Object with ID ... does not
// exist" for the app names the setting to fix.
func TestUploadHandleUnknownAppMeta(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, func(o *Options) {
		o.Provider, o.Token, o.APIKey = ProviderMeta, testKey, ""
		o.BaseURL = strings.Replace(o.BaseURL, "/meta/whatsapp", "", 1)
	})
	_, err := env.client.UploadHandle(context.Background(), "999", "a.png", "image/png", pngBytes)
	if e, ok := AsAPIError(err); !ok || e.Code != 100 {
		t.Fatalf("unknown app: %v, want the API error kept", err)
	}
	if !strings.Contains(err.Error(), "the Meta app ID 999 (api.app_id or META_APP_ID)") {
		t.Errorf("unknown app: %v", err)
	}
}
