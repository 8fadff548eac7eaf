package message

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/waform/waform/internal/template"
)

// Preview is what a recipient sees, with every variable filled in. Text
// keeps WhatsApp's markup (*bold*, _italic_, ~strike~) for the renderer.
type Preview struct {
	Header  *PreviewHeader
	Offer   *PreviewOffer
	Body    string
	Footer  string
	Buttons []PreviewButton
	Cards   []PreviewCard
}

// PreviewHeader is a header: Text for TEXT, Media for IMAGE, VIDEO, GIF and
// DOCUMENT (a link, a media id or a local file, "" when none was given),
// Location for LOCATION.
type PreviewHeader struct {
	Format   string // upper case, as in the template
	Text     string
	Media    string
	Location *Location
}

// PreviewOffer is a limited-time offer's banner.
type PreviewOffer struct {
	Text    string
	Expires time.Time // zero when the offer does not expire
}

// PreviewButton is one button: its label and, where it has one, what it
// does (the URL with its variable filled, the phone number, the code).
type PreviewButton struct {
	Type   string
	Text   string
	Target string
}

// PreviewCard is one carousel card.
type PreviewCard struct {
	Header  *PreviewHeader
	Body    string
	Buttons []PreviewButton
}

// PreviewOf fills t's variables from p (and the examples) for display. It
// checks the values as Build does, except that a media header may be left
// without media: a preview does not need the file.
func PreviewOf(t template.Template, p Params, opts Options) (Preview, error) {
	opts.previewOnly = true
	m, err := compose(t, p, opts)
	if err != nil {
		return Preview{}, err
	}
	return m.Preview, nil
}

// authBody is the text Meta generates for an authentication template's
// body; the file declares only whether the security line is added.
func authBody(c template.Component) string {
	if c.Text != "" {
		return c.Text // a template read back from the API carries the text
	}
	text := "*{{1}}* is your verification code."
	if c.AddSecurityRecommendation != nil && *c.AddSecurityRecommendation {
		text += " For your security, do not share this code."
	}
	return text
}

// authFooter is the text Meta generates for an authentication footer.
func authFooter(c template.Component) string {
	if c.Text != "" || c.CodeExpirationMinutes == nil {
		return c.Text
	}
	return "This code expires in " + pluralMinutes(*c.CodeExpirationMinutes) + "."
}

func pluralMinutes(n int) string {
	if n == 1 {
		return "1 minute"
	}
	return strconv.Itoa(n) + " minutes"
}

// Line is the header as a preview shows it: a text header's text, else a
// placeholder for what the recipient sees: "[image] LINK" (with a hint
// when no media was given) or "[location] NAME, ADDRESS (LAT, LONG)". ""
// for no header.
func (h *PreviewHeader) Line() string {
	switch {
	case h == nil:
		return ""
	case h.IsText():
		return h.Text
	case h.Location != nil:
		l := h.Location
		return fmt.Sprintf("[location] %s, %s (%s, %s)", l.Name, l.Address, l.Latitude, l.Longitude)
	}
	media := h.Media
	if media == "" {
		media = "no media given; use --header-media"
	}
	return "[" + strings.ToLower(h.Format) + "] " + media
}

// IsText reports a text header, whose line is the message's title.
func (h *PreviewHeader) IsText() bool { return h != nil && h.Format == template.HeaderText }

// Line is the offer's banner, "[offer] TEXT (ends 2026-05-01 18:00 UTC)";
// "" for no offer.
func (o *PreviewOffer) Line() string {
	if o == nil {
		return ""
	}
	line := "[offer] " + o.Text
	if !o.Expires.IsZero() {
		line += " (ends " + o.Expires.UTC().Format("2006-01-02 15:04 MST") + ")"
	}
	return line
}

// ButtonLines are the buttons as a preview shows them: "[ LABEL ]" and
// what the button does (its URL, tel:+NUMBER, the code, "(opens a flow)").
func ButtonLines(bs []PreviewButton) []string {
	var out []string
	for _, b := range bs {
		line := "[ " + b.Text + " ]"
		switch {
		case b.Type == template.ButtonPhoneNumber:
			line += " tel:+" + strings.TrimPrefix(b.Target, "+")
		case b.Target != "":
			line += " " + b.Target
		case b.Type == template.ButtonFlow:
			line += " (opens a flow)"
		}
		out = append(out, line)
	}
	return out
}
