package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// BubbleStyle is how a block of a message bubble is shown on a colour
// terminal.
type BubbleStyle int

const (
	BubblePlain BubbleStyle = iota
	BubbleTitle             // a text header: bold
	BubbleMuted             // a footer, a media placeholder: dim
)

// BubbleBlock is one part of a message (header, body, footer). Text may hold
// line breaks and WhatsApp's markup: *bold*, _italic_, ~strike~.
type BubbleBlock struct {
	Style BubbleStyle
	Text  string
}

// Bubble is a message as a recipient sees it: its blocks, then its buttons
// below a rule.
type Bubble struct {
	Blocks  []BubbleBlock
	Buttons []string
}

// BubbleOptions control drawing. Width is the box's total width in columns
// (at least 20; 0 means 56). Color applies styles with ANSI escapes; the
// caller decides (a terminal, NO_COLOR unset, no --no-color). Without colour
// the markup is printed as written.
type BubbleOptions struct {
	Width int
	Color bool
}

const (
	bubbleDefaultWidth = 56
	bubbleMinWidth     = 20
)

// WriteBubble draws b in a box of plain ASCII characters, wrapping text at
// word boundaries and counting wide characters (CJK, emoji) as two columns.
func WriteBubble(w io.Writer, b Bubble, o BubbleOptions) error {
	width := o.Width
	if width == 0 {
		width = bubbleDefaultWidth
	}
	width = max(width, bubbleMinWidth)
	inner := width - 4 // "| " and " |"
	out := bufio.NewWriter(w)
	rule := "+" + strings.Repeat("-", width-2) + "+\n"
	out.WriteString(rule)
	for i, block := range b.Blocks {
		if i > 0 {
			bubbleLine(out, nil, inner, o.Color)
		}
		for _, para := range strings.Split(strings.ReplaceAll(block.Text, "\t", " "), "\n") {
			runes := bubbleMarkup(para, block.Style, o.Color)
			for _, line := range bubbleWrap(runes, inner) {
				bubbleLine(out, line, inner, o.Color)
			}
		}
	}
	if len(b.Buttons) > 0 {
		out.WriteString(rule)
		for _, button := range b.Buttons {
			for _, line := range bubbleWrap(bubbleMarkup(button, BubblePlain, false), inner) {
				bubbleLine(out, line, inner, o.Color)
			}
		}
	}
	out.WriteString(rule)
	return out.Flush()
}

// Style bits of one rune.
const (
	bubbleBold uint8 = 1 << iota
	bubbleItalic
	bubbleStrike
	bubbleDim
)

type bubbleRune struct {
	r     rune
	style uint8
}

var bubbleMarkers = map[rune]uint8{'*': bubbleBold, '_': bubbleItalic, '~': bubbleStrike}

// bubbleMarkup turns one line into styled runes. With colour, a matched
// marker pair styles the text between and disappears, as WhatsApp shows it;
// without colour the text stays as written.
func bubbleMarkup(text string, style BubbleStyle, color bool) []bubbleRune {
	rs := []rune(text)
	out := make([]bubbleRune, len(rs))
	var base uint8
	switch style {
	case BubbleTitle:
		base = bubbleBold
	case BubbleMuted:
		base = bubbleDim
	}
	for i, r := range rs {
		out[i] = bubbleRune{r: r, style: base}
	}
	if !color {
		for i := range out {
			out[i].style = 0
		}
		return out
	}
	hidden := make([]bool, len(rs))
	for i, r := range rs {
		bit, ok := bubbleMarkers[r]
		if !ok || hidden[i] || !bubbleOpens(rs, i) {
			continue
		}
		for j := i + 2; j < len(rs); j++ {
			if rs[j] == r && !hidden[j] && bubbleCloses(rs, j) {
				hidden[i], hidden[j] = true, true
				for k := i + 1; k < j; k++ {
					out[k].style |= bit
				}
				break
			}
		}
	}
	kept := out[:0]
	for i, br := range out {
		if !hidden[i] {
			kept = append(kept, br)
		}
	}
	return kept
}

// A marker opens at the start of a word and closes at its end: "2*3*4"
// is no bold.
func bubbleOpens(rs []rune, i int) bool {
	return (i == 0 || !bubbleWordRune(rs[i-1])) && i+1 < len(rs) && !unicode.IsSpace(rs[i+1])
}

func bubbleCloses(rs []rune, j int) bool {
	return !unicode.IsSpace(rs[j-1]) && (j+1 == len(rs) || !bubbleWordRune(rs[j+1]))
}

func bubbleWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// bubbleWrap breaks runes into lines of at most width columns, at spaces
// when it can and inside a word only when the word alone is too long.
func bubbleWrap(rs []bubbleRune, width int) [][]bubbleRune {
	var lines [][]bubbleRune
	for len(rs) > 0 {
		cols, cut, lastSpace := 0, len(rs), -1
		for i, br := range rs {
			w := bubbleRuneWidth(br.r)
			if cols+w > width {
				cut = i
				break
			}
			if br.r == ' ' {
				lastSpace = i
			}
			cols += w
		}
		if cut == len(rs) {
			lines = append(lines, rs)
			break
		}
		next := cut
		switch {
		case rs[cut].r == ' ':
			next = cut + 1
		case lastSpace > 0:
			cut, next = lastSpace, lastSpace+1
		}
		lines = append(lines, rs[:max(cut, 1)])
		rs = rs[max(next, 1):]
	}
	if len(lines) == 0 {
		lines = append(lines, nil) // an empty paragraph is an empty line
	}
	return lines
}

// bubbleLine writes "| text… |", padding by display width and resetting
// styles before the border.
func bubbleLine(out *bufio.Writer, line []bubbleRune, width int, color bool) {
	out.WriteString("| ")
	cols := 0
	var current uint8
	for _, br := range line {
		if color && br.style != current {
			out.WriteString(bubbleSGR(br.style))
			current = br.style
		}
		out.WriteRune(br.r)
		cols += bubbleRuneWidth(br.r)
	}
	if current != 0 {
		out.WriteString("\x1b[0m")
	}
	out.WriteString(strings.Repeat(" ", max(width-cols, 0)))
	out.WriteString(" |\n")
}

// bubbleSGR is the escape sequence that sets exactly the given styles.
func bubbleSGR(style uint8) string {
	codes := []string{"0"}
	for _, s := range []struct {
		bit  uint8
		code string
	}{{bubbleBold, "1"}, {bubbleDim, "2"}, {bubbleItalic, "3"}, {bubbleStrike, "9"}} {
		if style&s.bit != 0 {
			codes = append(codes, s.code)
		}
	}
	return "\x1b[" + strings.Join(codes, ";") + "m"
}

// bubbleRuneWidth approximates a rune's terminal width: 0 for combining
// marks and joiners, 2 for East Asian wide characters and emoji, else 1.
func bubbleRuneWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r),
		r >= 0xFE00 && r <= 0xFE0F: // variation selectors
		return 0
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F,              // CJK … Yi
		r >= 0xAC00 && r <= 0xD7A3,                             // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF,                             // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,                             // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, // fullwidth forms
		r >= 0x1F300 && r <= 0x1F64F, // symbols, pictographs, emoticons
		r >= 0x1F900 && r <= 0x1F9FF, // supplemental symbols and pictographs
		r >= 0x1F680 && r <= 0x1F6FF, // transport and map symbols
		r >= 0x20000 && r <= 0x3FFFD: // CJK extension planes
		return 2
	}
	return 1
}

// Message is a message's parts as a preview shows them, in the order
// WhatsApp draws them, then its carousel cards.
type Message struct {
	Header string
	// HeaderIsText: a text header is the message's title (bold); another
	// header's line is a placeholder for its media (dim).
	HeaderIsText bool
	Offer        string // the limited-time offer's banner (bold)
	Body         string
	Footer       string // dim
	Buttons      []string
	Cards        []Message
}

// WriteMessage draws m as a bubble, then each card as its own bubble under
// a "card 1 of 2:" line.
func WriteMessage(w io.Writer, m Message, o BubbleOptions) error {
	if err := WriteBubble(w, m.bubble(false), o); err != nil {
		return err
	}
	for i, card := range m.Cards {
		if _, err := fmt.Fprintf(w, "card %d of %d:\n", i+1, len(m.Cards)); err != nil {
			return err
		}
		if err := WriteBubble(w, card.bubble(true), o); err != nil {
			return err
		}
	}
	return nil
}

// bubble lays out m's blocks; a card shows no empty body.
func (m Message) bubble(card bool) Bubble {
	b := Bubble{Buttons: m.Buttons}
	if m.Header != "" {
		style := BubbleMuted
		if m.HeaderIsText {
			style = BubbleTitle
		}
		b.Blocks = append(b.Blocks, BubbleBlock{Style: style, Text: m.Header})
	}
	if m.Offer != "" {
		b.Blocks = append(b.Blocks, BubbleBlock{Style: BubbleTitle, Text: m.Offer})
	}
	if !card || m.Body != "" {
		b.Blocks = append(b.Blocks, BubbleBlock{Text: m.Body})
	}
	if m.Footer != "" {
		b.Blocks = append(b.Blocks, BubbleBlock{Style: BubbleMuted, Text: m.Footer})
	}
	return b
}
