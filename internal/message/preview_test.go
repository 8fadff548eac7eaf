package message_test

import (
	"slices"
	"testing"
	"time"

	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/template"
)

func TestPreviewLines(t *testing.T) {
	for _, c := range []struct {
		h      *message.PreviewHeader
		line   string
		isText bool
	}{
		{nil, "", false},
		{&message.PreviewHeader{Format: template.HeaderText, Text: "Order *shipped*"}, "Order *shipped*", true},
		{&message.PreviewHeader{Format: template.HeaderImage, Media: "https://cdn.example.com/a.jpg"}, "[image] https://cdn.example.com/a.jpg", false},
		{&message.PreviewHeader{Format: template.HeaderDocument}, "[document] no media given; use --header-media", false},
		{&message.PreviewHeader{Format: template.HeaderLocation, Location: &message.Location{Name: "Shop", Address: "1 Main St", Latitude: "40.7", Longitude: "-74.0"}},
			"[location] Shop, 1 Main St (40.7, -74.0)", false},
	} {
		if got := c.h.Line(); got != c.line || c.h.IsText() != c.isText {
			t.Errorf("%+v: Line %q, IsText %v; want %q, %v", c.h, got, c.h.IsText(), c.line, c.isText)
		}
	}

	var none *message.PreviewOffer
	ends := &message.PreviewOffer{Text: "Flash deal!", Expires: time.Date(2026, 5, 1, 20, 0, 0, 0, time.FixedZone("CEST", 2*3600))}
	for got, want := range map[string]string{
		none.Line(): "",
		(&message.PreviewOffer{Text: "Deal"}).Line(): "[offer] Deal",
		ends.Line(): "[offer] Flash deal! (ends 2026-05-01 18:00 UTC)",
	} {
		if got != want {
			t.Errorf("offer line %q, want %q", got, want)
		}
	}

	got := message.ButtonLines([]message.PreviewButton{
		{Type: template.ButtonQuickReply, Text: "Stop"},
		{Type: template.ButtonURL, Text: "Track", Target: "https://t.example.com/ORD-1"},
		{Type: template.ButtonPhoneNumber, Text: "Call", Target: "15551234567"},
		{Type: template.ButtonPhoneNumber, Text: "Call us", Target: "+15551234567"},
		{Type: template.ButtonFlow, Text: "Book"},
		{Type: template.ButtonCopyCode, Text: "Copy code", Target: "SAVE20"},
	})
	want := []string{"[ Stop ]", "[ Track ] https://t.example.com/ORD-1", "[ Call ] tel:+15551234567",
		"[ Call us ] tel:+15551234567", "[ Book ] (opens a flow)", "[ Copy code ] SAVE20"}
	if !slices.Equal(got, want) {
		t.Errorf("button lines\n%q\nwant\n%q", got, want)
	}
}
