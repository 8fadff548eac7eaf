package render

import (
	"strings"
	"testing"
)

// TestWriteMessageGolden: a message with every part, then two cards (one
// with no body), as a terminal without colour shows them.
func TestWriteMessageGolden(t *testing.T) {
	m := Message{
		Header: "Spring sale", HeaderIsText: true,
		Offer:   "[offer] 20% off (ends 2026-05-01 18:00 UTC)",
		Body:    "Hi *Ana*, our spring sale starts today.",
		Footer:  "Reply STOP to opt out",
		Buttons: []string{"[ Shop now ] https://shop.example.com"},
		Cards: []Message{
			{Header: "[image] https://cdn.example.com/a.jpg", Body: "Sneakers from $49.", Buttons: []string{"[ Buy ] https://shop.example.com/a"}},
			{Header: "[image] no media given; use --header-media", Buttons: []string{"[ Buy ] https://shop.example.com/b"}},
		},
	}
	var b strings.Builder
	if err := WriteMessage(&b, m, BubbleOptions{Width: 40}); err != nil {
		t.Fatal(err)
	}
	golden(t, "preview/message.txt", []byte(b.String()))
}

// In colour a text header and the offer are bold, a media header and the
// footer dim.
func TestWriteMessageStyles(t *testing.T) {
	var b strings.Builder
	m := Message{Header: "Title", HeaderIsText: true, Offer: "[offer] Deal", Body: "Body", Footer: "Foot",
		Cards: []Message{{Header: "[image] x.jpg"}}}
	if err := WriteMessage(&b, m, BubbleOptions{Width: 40, Color: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\x1b[0;1mTitle", "\x1b[0;1m[offer] Deal", "| Body ", "\x1b[0;2mFoot", "\x1b[0;2m[image] x.jpg"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%q", want, b.String())
		}
	}
}
