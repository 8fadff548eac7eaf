package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/template"
)

// TestAccountTemplates goes through what apply and status do with an
// account, against the emulator over HTTP: create, find, list by glob,
// update, the edit limit as a typed refusal, delete.
func TestAccountTemplates(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	ctx := context.Background()
	a := Account{Client: env.client, WABA: env.waba}
	order := utilityTemplate("order_update", "en_US", "Order {{1}} shipped.")
	created, recovered, err := a.Create(ctx, order)
	mustOK(t, err)
	if created.ID == "" || created.Status != template.StatusApproved || created.Name != "order_update" || recovered {
		t.Fatalf("created %+v, recovered %v", created, recovered)
	}
	_, _, err = a.Create(ctx, utilityTemplate("refund_done", "en_US", "Refund {{1}} sent."))
	mustOK(t, err)

	found, err := a.Find(ctx, order.Key())
	mustOK(t, err)
	if found == nil || found.ID != created.ID {
		t.Fatalf("found %+v, want id %s", found, created.ID)
	}
	missing, err := a.Find(ctx, template.Key{Name: "order_update", Language: "es"})
	if err != nil || missing != nil {
		t.Errorf("find of a missing language: %+v, %v", missing, err)
	}
	status, err := a.TemplateStatus(ctx, order.Key())
	if err != nil || status != template.StatusApproved {
		t.Errorf("TemplateStatus = %q, %v", status, err)
	}
	if status, err := a.TemplateStatus(ctx, template.Key{Name: "nope", Language: "en_US"}); err != nil || status != "" {
		t.Errorf("TemplateStatus of a missing template = %q, %v", status, err)
	}

	all, err := a.List(ctx)
	mustOK(t, err)
	a.Names = "order_*"
	some, err := a.List(ctx)
	mustOK(t, err)
	if len(all) != 2 || len(some) != 1 || some[0].Name != "order_update" {
		t.Errorf("List: %d templates, with Names order_*: %+v", len(all), some)
	}

	mustOK(t, a.Update(ctx, created.ID, utilityTemplate("order_update", "en_US", "Order {{1}} left.")))
	err = a.Update(ctx, created.ID, utilityTemplate("order_update", "en_US", "Order {{1}} is on its way."))
	var limit *EditLimitError
	if !errors.As(err, &limit) || !IsEditLimit(err) {
		t.Fatalf("second edit within 24 hours: %v, want an *EditLimitError wrapping the API error", err)
	}
	want := "; Meta allows an APPROVED template 1 edit per 24 hours and 10 per 30 days: retry after 2026-03-02 12:00 UTC (by 2026-03-31 12:00 UTC at the latest, if the 30-day limit is the one reached)"
	if !strings.HasPrefix(err.Error(), "update template order_update (en_US): ") || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("edit limit error:\n%s\nwant it to end with\n%s", err, want)
	}

	mustOK(t, a.Delete(ctx, created.ID, "order_update"))
	if gone, err := a.Find(ctx, order.Key()); err != nil || gone != nil {
		t.Errorf("after delete: %+v, %v", gone, err)
	}
}

// Other update errors stay as they are: only the quota is a refusal.
func TestAccountUpdateOtherErrors(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{Approval: emulator.Approval{Mode: emulator.ApproveNever}}, nil, nil)
	a := Account{Client: env.client, WABA: env.waba}
	created, _, err := a.Create(context.Background(), utilityTemplate("order_update", "en_US", "Order {{1}} shipped."))
	mustOK(t, err)
	err = a.Update(context.Background(), created.ID, utilityTemplate("order_update", "en_US", "Order {{1}} left."))
	var limit *EditLimitError
	if err == nil || errors.As(err, &limit) {
		t.Errorf("editing a PENDING template: %v, want a plain error", err)
	}
}

func TestAccountCreateRecovered(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, loseFirst(http.MethodPost, "/message_templates", true), nil)
	created, recovered, err := Account{Client: env.client, WABA: env.waba}.Create(context.Background(), utilityTemplate("order_update", "en_US", "Order {{1}} shipped."))
	mustOK(t, err)
	if !recovered || created.ID != env.emu.Templates()[0].ID {
		t.Errorf("created %+v, recovered %v; want the stored template, recovered", created, recovered)
	}
}

// TestAccountSend goes through what send does: the message, then its
// status from the history, and a media upload.
func TestAccountSend(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	ctx := context.Background()
	a := Account{Client: env.client, WABA: env.waba}
	_, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."), "")
	mustOK(t, err)
	wamid, err := a.SendTemplate(ctx, env.phone, templateMessage("order_update", "15551234567"))
	mustOK(t, err)
	if !strings.HasPrefix(wamid, "wamid.") {
		t.Fatalf("wamid %q", wamid)
	}
	status, reason, err := a.MessageStatus(ctx, env.phone, wamid, emuEpoch.Add(-time.Minute))
	if err != nil || status != "sent" || reason != "" {
		t.Errorf("MessageStatus = %q, %q, %v; want sent", status, reason, err)
	}
	status, reason, err = a.MessageStatus(ctx, env.phone, "wamid.unknown", emuEpoch.Add(-time.Minute))
	if err != nil || status != "" || reason != "" {
		t.Errorf("MessageStatus of an unknown message = %q, %q, %v; want empty", status, reason, err)
	}
	id, err := a.UploadMedia(ctx, env.phone, "banner.png", "image/png", strings.NewReader(string(pngBytes)))
	if err != nil || id == "" {
		t.Errorf("UploadMedia = %q, %v", id, err)
	}
}

func TestAccountUploadFile(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	a := Account{Client: env.client, WABA: env.waba, AppID: env.emu.AppID()}
	h, err := a.UploadFile(context.Background(), "banner.png", "image/png", pngBytes)
	if err != nil || !strings.HasPrefix(h, "4::") {
		t.Errorf("UploadFile = %q, %v; want a handle", h, err)
	}
	a.AppID = "999"
	if _, err := a.UploadFile(context.Background(), "banner.png", "image/png", pngBytes); err == nil {
		t.Error("UploadFile with an unknown app succeeded")
	}
}
