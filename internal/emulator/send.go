package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waform/waform/internal/template"
)

// message is one sent template message, kept for the history endpoint.
type message struct {
	ID       string    `json:"id"`
	Seq      int64     `json:"seq"`
	Phone    string    `json:"phone"`
	To       string    `json:"to"`
	Template string    `json:"template"`
	Language string    `json:"language"`
	SentAt   time.Time `json:"sent_at"`
}

type sendBody struct {
	MessagingProduct string        `json:"messaging_product"`
	To               string        `json:"to"`
	Type             string        `json:"type"`
	Template         *sendTemplate `json:"template"`
}

type sendTemplate struct {
	Name     string `json:"name"`
	Language struct {
		Code string `json:"code"`
	} `json:"language"`
	Components []sendComponent `json:"components"`
}

type sendComponent struct {
	Type       string              `json:"type"`
	SubType    string              `json:"sub_type"`
	Index      template.FlexString `json:"index"`
	Parameters []sendParam         `json:"parameters"`
}

type sendParam struct {
	Type          string    `json:"type"`
	Text          *string   `json:"text"`
	ParameterName string    `json:"parameter_name"`
	Payload       string    `json:"payload"`
	CouponCode    string    `json:"coupon_code"`
	Image         *mediaRef `json:"image"`
	Video         *mediaRef `json:"video"`
	Document      *mediaRef `json:"document"`
}

type mediaRef struct {
	ID   string `json:"id"`
	Link string `json:"link"`
}

// sendResponse is the seed's success shape.
type sendResponse struct {
	MessagingProduct string        `json:"messaging_product"`
	Contacts         []sendContact `json:"contacts"`
	Messages         []sendMessage `json:"messages"`
}

type sendContact struct {
	Input string `json:"input"`
	WaID  string `json:"wa_id"`
}

type sendMessage struct {
	ID string `json:"id"`
}

func (s *Server) sendMessage(c *call) (int, any, *apiError) {
	var body sendBody
	if err := json.Unmarshal(c.body, &body); err != nil {
		return 0, nil, badRequest("(#100) Invalid parameter: request body is not a message: %v", err)
	}
	if body.MessagingProduct != "whatsapp" {
		return 0, nil, badRequest("(#100) The parameter messaging_product is required and must be whatsapp.")
	}
	if body.Type != "template" || body.Template == nil {
		return 0, nil, badRequest("(#100) The emulator sends template messages only (type: template)")
	}
	waID := strings.TrimPrefix(body.To, "+")
	if len(waID) < 7 || len(waID) > 15 || !isDigits(waID) {
		return 0, nil, invalidParam(0, "Invalid Recipient", fmt.Sprintf("to: %q is not a phone number in international format (digits only)", body.To))
	}
	rec, err := s.sendableTemplate(body.Template)
	if err != nil {
		return 0, nil, err
	}
	if err := s.checkSendParams(rec, body.Template.Components); err != nil {
		return 0, nil, err
	}
	s.st.Seq++
	m := &message{ID: wamid(s.opts.PhoneNumberID, waID, s.st.Seq), Seq: s.st.Seq, Phone: s.opts.PhoneNumberID, To: waID,
		Template: rec.Template.Name, Language: rec.Template.Language, SentAt: c.now}
	s.st.Messages = append(s.st.Messages, m)
	c.mutated = true
	return http.StatusOK, sendResponse{MessagingProduct: "whatsapp",
		Contacts: []sendContact{{Input: body.To, WaID: waID}}, Messages: []sendMessage{{ID: m.ID}}}, nil
}

// wamid builds a deterministic message id shaped like WhatsApp's; the
// fixed-width counter keeps ids ordered by send time.
func wamid(phone, to string, seq int64) string {
	return "wamid.HBgL" + strings.ToUpper(strconv.FormatUint(uint64(len(to)), 16)) + to + "FQIAERgS" + fmt.Sprintf("%s%012d", phone[max(0, len(phone)-4):], seq) + "AA=="
}

// sendableTemplate finds the template named in a send and checks it can be
// sent: 132001 when it does not exist in that language or is not approved.
func (s *Server) sendableTemplate(st *sendTemplate) (*record, *apiError) {
	for _, rec := range s.st.sortedTemplates(s.opts.BusinessAccountID) {
		if rec.Template.Name != st.Name || rec.Template.Language != st.Language.Code {
			continue
		}
		switch rec.Status {
		case template.StatusApproved:
			return rec, nil
		case template.StatusPaused:
			return nil, sendError(http.StatusBadRequest, 132015, "(#132015) Template is Paused",
				fmt.Sprintf("Template %s (%s) is paused because of low quality.", st.Name, st.Language.Code))
		case template.StatusDisabled:
			return nil, sendError(http.StatusBadRequest, 132016, "(#132016) Template is disabled",
				fmt.Sprintf("Template %s (%s) has been disabled because of low quality.", st.Name, st.Language.Code))
		}
		return nil, sendError(http.StatusNotFound, 132001, "(#132001) Template name does not exist in the translation",
			fmt.Sprintf("template name (%s) is %s in %s, not APPROVED", st.Name, rec.Status, st.Language.Code))
	}
	return nil, sendError(http.StatusNotFound, 132001, "(#132001) Template name does not exist in the translation",
		fmt.Sprintf("template name (%s) does not exist in %s", st.Name, st.Language.Code))
}

// historyEntry is a sent message as the history lists it: Meta's message
// fields plus Kapso's `kapso` block with direction and delivery status.
type historyEntry struct {
	ID        string         `json:"id"`
	Timestamp string         `json:"timestamp"`
	Type      string         `json:"type"`
	From      string         `json:"from"`
	To        string         `json:"to"`
	Template  map[string]any `json:"template"`
	Kapso     *kapsoFields   `json:"kapso,omitempty"`

	key string // paging key: the send order
}

type kapsoFields struct {
	Direction      string        `json:"direction"`
	Status         string        `json:"status"`
	Statuses       []statusEvent `json:"statuses"`
	ConversationID string        `json:"conversation_id"`
}

type statusEvent struct {
	Status    string        `json:"status"`
	Timestamp string        `json:"timestamp"`
	Errors    []statusError `json:"errors,omitempty"`
}

// statusError is the error a failed status carries, as in Meta's status
// webhooks.
type statusError struct {
	Code      int    `json:"code"`
	Title     string `json:"title"`
	Message   string `json:"message"`
	ErrorData struct {
		Details string `json:"details"`
	} `json:"error_data"`
}

// statuses lists what has happened to m by now: sent, then delivered and
// read on the configured schedule, or failed for an undeliverable recipient.
func (s *Server) statuses(m *message, now time.Time) []statusEvent {
	ev := []statusEvent{{Status: "sent", Timestamp: unixString(m.SentAt)}}
	if slices.Contains(s.opts.Undeliverable, m.To) {
		if s.opts.DeliverAfter >= 0 && !now.Before(m.SentAt.Add(s.opts.DeliverAfter)) {
			e := statusError{Code: 131026, Title: "Message undeliverable", Message: "Message undeliverable"}
			e.ErrorData.Details = "The recipient cannot receive this message: not a WhatsApp user, or on an old app version."
			ev = append(ev, statusEvent{Status: "failed", Timestamp: unixString(m.SentAt.Add(s.opts.DeliverAfter)), Errors: []statusError{e}})
		}
		return ev
	}
	for _, step := range []struct {
		status string
		after  time.Duration
	}{{"delivered", s.opts.DeliverAfter}, {"read", s.opts.ReadAfter}} {
		if step.after < 0 || now.Before(m.SentAt.Add(step.after)) {
			break
		}
		ev = append(ev, statusEvent{Status: step.status, Timestamp: unixString(m.SentAt.Add(step.after))})
	}
	return ev
}

func unixString(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// listMessages serves the history with the seed's filters: direction,
// status, since, until, conversation_id, and cursor paging.
func (s *Server) listMessages(c *call) (int, any, *apiError) {
	since, err1 := parseTimeParam(c, "since")
	until, err2 := parseTimeParam(c, "until")
	if err := cmpErr(err1, err2); err != nil {
		return 0, nil, err
	}
	var entries []historyEntry
	for _, m := range slices.Backward(s.st.Messages) {
		e := s.historyEntry(m, c.now)
		k := e.Kapso
		if !inList(c.query.Get("status"), k.Status) || !inList(c.query.Get("direction"), k.Direction) ||
			!inList(c.query.Get("conversation_id"), k.ConversationID) ||
			(!since.IsZero() && m.SentAt.Before(since)) || (!until.IsZero() && m.SentAt.After(until)) {
			continue
		}
		if c.query.Get("fields") == "kapso()" {
			e.Kapso = nil
		}
		entries = append(entries, e)
	}
	page, p, err := paginate(c, entries, func(e historyEntry) string { return e.key }, s.opts.PageSize)
	if err != nil {
		return 0, nil, err
	}
	resp := listResponse{Data: make([]any, 0, len(page)), Paging: p}
	for _, e := range page {
		resp.Data = append(resp.Data, e)
	}
	return http.StatusOK, resp, nil
}

func (s *Server) historyEntry(m *message, now time.Time) historyEntry {
	ev := s.statuses(m, now)
	return historyEntry{ID: m.ID, Timestamp: unixString(m.SentAt), Type: "template", From: m.Phone, To: m.To,
		Template: map[string]any{"name": m.Template, "language": map[string]string{"code": m.Language}},
		key:      fmt.Sprintf("%020d", m.Seq),
		Kapso: &kapsoFields{Direction: "outbound", Status: ev[len(ev)-1].Status, Statuses: ev,
			ConversationID: "conv-" + m.Phone + "-" + m.To}}
}

func parseTimeParam(c *call, name string) (time.Time, *apiError) {
	v := c.query.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, badRequest("(#100) Param %s must be an ISO 8601 timestamp", name)
	}
	return t, nil
}

func cmpErr(errs ...*apiError) *apiError {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
