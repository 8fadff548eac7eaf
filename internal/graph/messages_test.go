package graph

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/emulator"
)

func templateMessage(name, to string) map[string]any {
	return map[string]any{
		"messaging_product": "whatsapp", "to": to, "type": "template",
		"template": map[string]any{"name": name, "language": map[string]any{"code": "en_US"},
			"components": []any{map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "A-9"}}}}},
	}
}

func TestSendAndFollowStatus(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	ctx := context.Background()
	_, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."), "")
	mustOK(t, err)
	sent, err := env.client.SendMessage(ctx, env.phone, templateMessage("order_update", "15551234567"))
	mustOK(t, err)
	if !strings.HasPrefix(sent.WAMID, "wamid.") || sent.WaID != "15551234567" {
		t.Fatalf("send result %+v", sent)
	}
	status := func() string {
		t.Helper()
		m, err := env.client.FindMessage(ctx, env.phone, sent.WAMID, emuEpoch.Add(-time.Minute))
		mustOK(t, err)
		if m == nil {
			t.Fatal("sent message not in history")
		}
		if m.TemplateName != "order_update" || m.TemplateLanguage != "en_US" || m.Direction != "outbound" || m.To != "15551234567" {
			t.Errorf("history entry %+v", m)
		}
		return m.Status
	}
	if s := status(); s != "sent" {
		t.Errorf("status right after sending = %q, want sent", s)
	}
	env.clock.Advance(10 * time.Second)
	if s := status(); s != "read" {
		t.Errorf("status 10s later = %q, want read", s)
	}
	read, err := env.client.ListMessages(ctx, env.phone, MessageFilter{Status: "read", Direction: "outbound"})
	mustOK(t, err)
	if len(read) != 1 || read[0].ID != sent.WAMID {
		t.Errorf("read messages %+v", read)
	}
	none, err := env.client.ListMessages(ctx, env.phone, MessageFilter{Since: emuEpoch.Add(time.Hour)})
	mustOK(t, err)
	if len(none) != 0 {
		t.Errorf("messages since an hour later: %+v", none)
	}
}

func TestListMessagesStopsAtMax(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{PageSize: 2}, nil, nil)
	ctx := context.Background()
	_, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."), "")
	mustOK(t, err)
	for range 5 {
		_, err := env.client.SendMessage(ctx, env.phone, templateMessage("order_update", "15551234567"))
		mustOK(t, err)
	}
	got, err := env.client.ListMessages(ctx, env.phone, MessageFilter{Max: 3})
	mustOK(t, err)
	if len(got) != 3 {
		t.Errorf("%d messages, want 3", len(got))
	}
	all, err := env.client.ListMessages(ctx, env.phone, MessageFilter{})
	mustOK(t, err)
	if len(all) != 5 {
		t.Errorf("%d messages, want all 5", len(all))
	}
}

func TestSendUnknownTemplate(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	_, err := env.client.SendMessage(context.Background(), env.phone, templateMessage("missing", "15551234567"))
	if !IsNotFound(err) || !strings.HasPrefix(err.Error(), "send message: (#132001)") {
		t.Fatalf("err = %v, want a 132001 not-found error", err)
	}
}

func TestMediaLifecycle(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	ctx := context.Background()
	data := bytes.Repeat([]byte("\x89PNG fake image "), 64)
	id, err := env.client.UploadMedia(ctx, env.phone, "header.png", "image/png", bytes.NewReader(data))
	mustOK(t, err)
	m, err := env.client.GetMedia(ctx, env.phone, id)
	mustOK(t, err)
	sum := sha256.Sum256(data)
	if m.ID != id || m.MimeType != "image/png" || m.SHA256 != hex.EncodeToString(sum[:]) || m.FileSize != len(data) || m.URL == "" {
		t.Errorf("media %+v", m)
	}
	mustOK(t, env.client.DeleteMedia(ctx, env.phone, id))
	if _, err := env.client.GetMedia(ctx, env.phone, id); !IsNotFound(err) {
		t.Errorf("get after delete: %v, want IsNotFound", err)
	}
	if _, err := env.client.UploadMedia(ctx, env.phone, "x.bin", "application/x-nope", bytes.NewReader(data)); err == nil || !strings.Contains(err.Error(), "131053") {
		t.Errorf("upload of an unsupported type: %v, want error 131053", err)
	}
}

func TestMessageHistoryNeedsKapso(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, func(o *Options) {
		o.Provider, o.Token = ProviderMeta, testKey
		o.BaseURL = strings.Replace(o.BaseURL, "/meta/whatsapp/v24.0", "/v24.0", 1)
	})
	_, err := env.client.ListMessages(context.Background(), env.phone, MessageFilter{})
	if !errors.Is(err, errNoHistory) {
		t.Errorf("err = %v, want errNoHistory", err)
	}
}
func TestMessageCarriesWhyItFailed(t *testing.T) {
	for name, body := range map[string]string{
		"kapso statuses": `{"id":"wamid.1","kapso":{"status":"failed","statuses":[{"status":"sent"},{"status":"failed","errors":[{"code":131026,"title":"Message undeliverable","error_data":{"details":"not on WhatsApp"}}]}]}}`,
		"top level":      `{"id":"wamid.1","status":"failed","errors":[{"code":131026,"message":"Message undeliverable","error_data":{"details":"not on WhatsApp"}}]}`,
	} {
		var m Message
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatal(err)
		}
		if m.Status != "failed" || m.Error != "(#131026) Message undeliverable: not on WhatsApp" {
			t.Errorf("%s: got %+v", name, m)
		}
	}
}
