package render_test

import (
	"strings"
	"testing"

	"github.com/waform/waform/internal/render"
)

func bubble(t *testing.T, b render.Bubble, o render.BubbleOptions) string {
	t.Helper()
	var sb strings.Builder
	if err := render.WriteBubble(&sb, b, o); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

func TestWriteBubblePlain(t *testing.T) {
	got := bubble(t, render.Bubble{
		Blocks: []render.BubbleBlock{
			{Style: render.BubbleTitle, Text: "Order ORD-9 shipped"},
			{Text: "Hi *Maria*, your parcel arrives on Friday between nine and noon."},
			{Style: render.BubbleMuted, Text: "Reply STOP"},
		},
		Buttons: []string{"[Track] https://shop.example.com/track/ORD-9"},
	}, render.BubbleOptions{Width: 30})
	want := `+----------------------------+
| Order ORD-9 shipped        |
|                            |
| Hi *Maria*, your parcel    |
| arrives on Friday between  |
| nine and noon.             |
|                            |
| Reply STOP                 |
+----------------------------+
| [Track]                    |
| https://shop.example.com/t |
| rack/ORD-9                 |
+----------------------------+
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteBubbleColourStylesMarkup(t *testing.T) {
	got := bubble(t, render.Bubble{Blocks: []render.BubbleBlock{
		{Text: "*Bold* _it_ ~old~ 2*3*4 snake_case_name"},
		{Style: render.BubbleMuted, Text: "foot"},
	}}, render.BubbleOptions{Width: 50, Color: true})
	for _, want := range []string{
		"\x1b[0;1mBold\x1b[0m ",
		"\x1b[0;3mit\x1b[0m ",
		"\x1b[0;9mold\x1b[0m ",
		" 2*3*4 snake_case_name",
		"\x1b[0;2mfoot\x1b[0m",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%q", want, got)
		}
	}
	// Markers that styled text are gone, so the border still lines up.
	for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if n := len([]rune(stripANSI(line))); n != 50 {
			t.Errorf("line %q is %d columns, want 50", stripANSI(line), n)
		}
	}
}

func TestWriteBubbleWideRunes(t *testing.T) {
	got := bubble(t, render.Bubble{Blocks: []render.BubbleBlock{{Text: "注文確認 🎉 ok"}}}, render.BubbleOptions{Width: 20})
	// 4 CJK (8 columns) + space + emoji (2) + space + "ok" = 14 columns.
	if !strings.Contains(got, "| 注文確認 🎉 ok   |") {
		t.Errorf("got:\n%s", got)
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
