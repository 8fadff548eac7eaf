package emulator

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"

	"github.com/waform/waform/internal/template"
)

// defaultAuthTTL is what Meta echoes as message_send_ttl_seconds for an
// authentication template created without one.
const defaultAuthTTL = 600

// metaTemplate renders rec the way Meta's GET returns it: enums upper-cased,
// parameter_format always present, sub_category CUSTOM, media handles
// replaced by CDN URLs that change between reads, authentication templates
// rewritten, named examples reordered, phone numbers with '+', flow ids as
// numbers. The caller holds s.mu.
func (s *Server) metaTemplate(rec *record) map[string]any {
	t := rec.Template
	t.Category = strings.ToUpper(t.Category)
	t.ParameterFormat = strings.ToUpper(t.ParameterFormat)
	if t.ParameterFormat == "" {
		t.ParameterFormat = template.ParameterFormatPositional
	}
	t.AllowCategoryChange = nil
	s.reads++
	if t.Category == template.CategoryAuthentication {
		t.Components = authComponents(t.Components)
		if t.MessageSendTTLSeconds == nil {
			ttl := defaultAuthTTL
			t.MessageSendTTLSeconds = &ttl
		}
	} else {
		t.Components = s.metaComponents(rec.ID, t.Components)
	}
	m := toMap(t)
	m["id"] = rec.ID
	m["status"] = rec.Status
	m["sub_category"] = "CUSTOM"
	quality := map[string]any{"score": rec.Quality, "date": rec.CreatedAt.Unix()}
	if len(rec.QualityReasons) > 0 {
		quality["reasons"] = rec.QualityReasons
	}
	m["quality_score"] = quality
	if rec.RejectedReason != "" {
		m["rejected_reason"] = rec.RejectedReason
	}
	if rec.PreviousCategory != "" {
		m["previous_category"] = rec.PreviousCategory
	}
	if rec.CorrectCategory != "" {
		m["correct_category"] = rec.CorrectCategory
	}
	numberFlowIDs(m["components"])
	for k, v := range rec.Raw {
		m[k] = v
	}
	return m
}

func (s *Server) metaComponents(id string, cs []template.Component) []template.Component {
	out := make([]template.Component, len(cs))
	for i, c := range cs {
		c.Type, c.Format = strings.ToUpper(c.Type), strings.ToUpper(c.Format)
		if c.Example != nil {
			ex := *c.Example
			ex.HeaderHandle = s.cdnURLs(id, c.Format, len(ex.HeaderHandle))
			ex.HeaderTextNamedParams = reversed(ex.HeaderTextNamedParams)
			ex.BodyTextNamedParams = reversed(ex.BodyTextNamedParams)
			c.Example = &ex
		}
		c.Buttons = metaButtons(c.Buttons)
		if len(c.Cards) > 0 {
			cards := make([]template.Card, len(c.Cards))
			for j, card := range c.Cards {
				cards[j] = template.Card{Components: s.metaComponents(id, card.Components)}
			}
			c.Cards = cards
		}
		out[i] = c
	}
	return out
}

func metaButtons(bs []template.Button) []template.Button {
	if bs == nil {
		return nil
	}
	out := make([]template.Button, len(bs))
	for i, b := range bs {
		b.Type, b.OTPType, b.FlowAction, b.Icon = strings.ToUpper(b.Type), strings.ToUpper(b.OTPType), strings.ToUpper(b.FlowAction), strings.ToUpper(b.Icon)
		if b.PhoneNumber != "" {
			b.PhoneNumber = "+" + strings.TrimLeft(b.PhoneNumber, "+")
		}
		// Meta stores the flow id, not the name or JSON it was created with.
		if b.FlowID == "" && (b.FlowName != "" || b.FlowJSON != "") {
			b.FlowID = template.FlexString(fmt.Sprint(flowID(b.FlowName + b.FlowJSON)))
		}
		b.FlowName, b.FlowJSON = "", ""
		out[i] = b
	}
	return out
}

// cdnURLs stands in for the scontent URLs Meta returns in place of upload
// handles; like Meta's, they differ on every read.
func (s *Server) cdnURLs(id, format string, n int) []string {
	if n == 0 {
		return nil
	}
	ext := map[string]string{template.HeaderVideo: "mp4", template.HeaderDocument: "pdf", template.HeaderGIF: "mp4"}[format]
	if ext == "" {
		ext = "jpg"
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("https://scontent.whatsapp.net/v/t61.29466-34/%s_%d_n.%s?ccb=1-7&_nc_sid=8b1bef&_nc_ht=scontent.whatsapp.net&oh=01_Q5Aa%x&oe=%X",
			id, i+1, ext, s.reads, 0x692B0000+s.reads)
	}
	return out
}

func reversed(ps []template.NamedParam) []template.NamedParam {
	if ps == nil {
		return nil
	}
	out := slices.Clone(ps)
	slices.Reverse(out)
	return out
}

func flowID(seed string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(seed))
	return 1_000_000_000_000_000 + h.Sum64()%1_000_000_000_000_000
}

// authComponents rewrites an authentication template as Meta does: body and
// footer text generated, the OTP button returned as a URL button.
func authComponents(cs []template.Component) []template.Component {
	var security bool
	var expiry *int
	var otp *template.Button
	for _, c := range cs {
		switch strings.ToUpper(c.Type) {
		case template.ComponentBody:
			security = c.AddSecurityRecommendation != nil && *c.AddSecurityRecommendation
		case template.ComponentFooter:
			expiry = c.CodeExpirationMinutes
		case template.ComponentButtons:
			if len(c.Buttons) > 0 {
				otp = &c.Buttons[0]
			}
		}
	}
	text := "*{{1}}* is your verification code."
	if security {
		text += " For your security, do not share this code."
	}
	out := []template.Component{{Type: template.ComponentBody, Text: text, AddSecurityRecommendation: &security,
		Example: &template.Example{BodyText: template.Matrix{{"123456"}}}}}
	minutes := 10
	if expiry != nil {
		minutes = *expiry
		out = append(out, template.Component{Type: template.ComponentFooter, Text: fmt.Sprintf("This code expires in %d minutes.", minutes), CodeExpirationMinutes: expiry})
	}
	if otp != nil {
		out = append(out, template.Component{Type: template.ComponentButtons, Buttons: []template.Button{otpAsURL(*otp, minutes)}})
	}
	return out
}

func otpAsURL(b template.Button, minutes int) template.Button {
	otpType := strings.ToUpper(b.OTPType)
	q := "otp_type=" + url.QueryEscape(otpType)
	if otpType == "ONE_TAP" || otpType == "ZERO_TAP" {
		pkg, hash := b.PackageName, b.SignatureHash
		if len(b.SupportedApps) > 0 {
			pkg, hash = b.SupportedApps[0].PackageName, b.SupportedApps[0].SignatureHash
		}
		q += "&cta_display_name=" + url.QueryEscape(b.AutofillText) + "&package_name=" + url.QueryEscape(pkg) + "&signature_hash=" + url.QueryEscape(hash)
	}
	base := fmt.Sprintf("https://www.whatsapp.com/otp/code/?%s&code_expiration_minutes=%d&code=otp", q, minutes)
	text := b.Text
	if text == "" {
		text = "Copy code"
	}
	return template.Button{Type: template.ButtonURL, Text: text, URL: base + "{{1}}", Example: template.Strings{Values: []string{base + "123456"}}}
}

// toMap turns a template into a generic JSON object so that server-side
// fields can be added next to it.
func toMap(t template.Template) map[string]any {
	data, err := json.Marshal(t)
	if err != nil {
		return map[string]any{}
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return map[string]any{}
	}
	return m
}

// numberFlowIDs turns flow_id strings into numbers, as Meta returns them.
func numberFlowIDs(components any) {
	cs, _ := components.([]any)
	for _, c := range cs {
		cm, _ := c.(map[string]any)
		bs, _ := cm["buttons"].([]any)
		for _, b := range bs {
			bm, _ := b.(map[string]any)
			if id, ok := bm["flow_id"].(string); ok && isDigits(id) {
				bm["flow_id"] = json.Number(id)
			}
		}
		numberFlowIDs(cardsComponents(cm["cards"]))
	}
}

func cardsComponents(cards any) []any {
	var out []any
	list, _ := cards.([]any)
	for _, card := range list {
		cm, _ := card.(map[string]any)
		cs, _ := cm["components"].([]any)
		out = append(out, cs...)
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// selectFields keeps only the requested fields (plus id), as Graph's
// `fields` parameter does.
func selectFields(m map[string]any, fields string) map[string]any {
	if fields == "" {
		return m
	}
	out := map[string]any{"id": m["id"]}
	for _, f := range strings.Split(fields, ",") {
		f = strings.TrimSpace(f)
		if v, ok := m[f]; ok {
			out[f] = v
		}
	}
	return out
}
