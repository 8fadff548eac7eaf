package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/waform/waform/internal/template"
)

// SendResult is the answer to a send.
type SendResult struct {
	WAMID         string // the message id, wamid.…
	WaID          string // the recipient's WhatsApp id, when echoed
	MessageStatus string // pacing status when given (accepted, held_for_quality_assessment)
}

// SendMessage posts body (a complete Cloud API message payload, such as a
// template message built by the message package) from phoneID and returns
// the wamid. Delivery is at least once: a send whose outcome is unknown is
// repeated, because no lookup can tell it apart from an identical earlier
// one, and a test message arriving twice does less harm than one silently
// lost. Throttling answers (429, 131056, the proxy's 409 "another message
// in flight") are always repeated.
func (c *Client) SendMessage(ctx context.Context, phoneID string, body any) (SendResult, error) {
	wrap := func(err error) error { return fmt.Errorf("send message: %w", err) }
	path, err := pathOf(phoneID, "messages")
	if err != nil {
		return SendResult{}, wrap(err)
	}
	data, err := json.Marshal(body)
	if err != nil {
		return SendResult{}, wrap(err)
	}
	var ans struct {
		Contacts []struct {
			WaID string `json:"wa_id"`
		} `json:"contacts"`
		Messages []struct {
			ID            string `json:"id"`
			MessageStatus string `json:"message_status"`
		} `json:"messages"`
	}
	if err := c.do(ctx, &call{method: http.MethodPost, path: path, body: data, contentType: jsonType}, &ans); err != nil {
		return SendResult{}, wrap(err)
	}
	if len(ans.Messages) == 0 || ans.Messages[0].ID == "" {
		return SendResult{}, wrap(errors.New("the answer carries no message id"))
	}
	res := SendResult{WAMID: ans.Messages[0].ID, MessageStatus: ans.Messages[0].MessageStatus}
	if len(ans.Contacts) > 0 {
		res.WaID = ans.Contacts[0].WaID
	}
	return res, nil
}

// MessageFilter narrows ListMessages with the filters of Kapso's message
// history (kapso-meta-proxy-api.md "Query history").
type MessageFilter struct {
	Direction      string    // inbound | outbound
	Status         string    // pending | sent | delivered | read | failed
	ConversationID string    // a conversation UUID
	Since, Until   time.Time // zero: unbounded
	Fields         string    // default kapso(default), which carries direction and status
	Max            int       // stop after this many messages; 0 means 100
}

func (f MessageFilter) query() url.Values {
	q := url.Values{"fields": {"kapso(default)"}, "limit": {strconv.Itoa(min(pageSize, f.max()))}}
	if f.Fields != "" {
		q.Set("fields", f.Fields)
	}
	for k, v := range map[string]string{"direction": f.Direction, "status": f.Status, "conversation_id": f.ConversationID} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if !f.Since.IsZero() {
		q.Set("since", f.Since.UTC().Format(time.RFC3339))
	}
	if !f.Until.IsZero() {
		q.Set("until", f.Until.UTC().Format(time.RFC3339))
	}
	return q
}

func (f MessageFilter) max() int {
	if f.Max <= 0 {
		return 100
	}
	return f.Max
}

// Message is one entry of the message history.
type Message struct {
	ID               string
	Type             string
	Timestamp        string
	From, To         string
	Direction        string
	Status           string
	TemplateName     string
	TemplateLanguage string
	// Error is why a failed message failed, from its last status's errors:
	// "(#131026) Message undeliverable: details".
	Error string
}

// statusError is one entry of a status's errors, as Meta's status webhooks
// and Kapso's history carry them.
type statusError struct {
	Code      int    `json:"code"`
	Title     string `json:"title"`
	Message   string `json:"message"`
	ErrorData struct {
		Details string `json:"details"`
	} `json:"error_data"`
}

func (e statusError) String() string {
	s := fmt.Sprintf("(#%d) %s", e.Code, firstNonEmpty(e.Title, e.Message))
	if e.ErrorData.Details != "" {
		s += ": " + e.ErrorData.Details
	}
	return s
}

// UnmarshalJSON reads Kapso's shape: Meta's message with Kapso's fields
// (direction, status) under "kapso", or at the top level.
func (m *Message) UnmarshalJSON(data []byte) error {
	var w struct {
		ID        string              `json:"id"`
		Type      string              `json:"type"`
		Timestamp template.FlexString `json:"timestamp"`
		From      string              `json:"from"`
		To        string              `json:"to"`
		Direction string              `json:"direction"`
		Status    string              `json:"status"`
		Template  *struct {
			Name     string `json:"name"`
			Language struct {
				Code string `json:"code"`
			} `json:"language"`
		} `json:"template"`
		Errors []statusError `json:"errors"`
		Kapso  *struct {
			Direction string `json:"direction"`
			Status    string `json:"status"`
			Statuses  []struct {
				Errors []statusError `json:"errors"`
			} `json:"statuses"`
		} `json:"kapso"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*m = Message{ID: w.ID, Type: w.Type, Timestamp: string(w.Timestamp), From: w.From, To: w.To, Direction: w.Direction, Status: w.Status}
	errs := w.Errors
	if w.Kapso != nil {
		m.Direction = firstNonEmpty(w.Kapso.Direction, m.Direction)
		m.Status = firstNonEmpty(w.Kapso.Status, m.Status)
		if n := len(w.Kapso.Statuses); n > 0 && len(w.Kapso.Statuses[n-1].Errors) > 0 {
			errs = w.Kapso.Statuses[n-1].Errors
		}
	}
	if len(errs) > 0 {
		m.Error = errs[0].String()
	}
	if w.Template != nil {
		m.TemplateName, m.TemplateLanguage = w.Template.Name, w.Template.Language.Code
	}
	return nil
}

var errNoHistory = errors.New("message history is a Kapso proxy feature; provider meta has none")

// ListMessages returns up to f.Max messages of phoneID's history, newest
// first as the proxy orders them.
func (c *Client) ListMessages(ctx context.Context, phoneID string, f MessageFilter) ([]Message, error) {
	var out []Message
	err := c.messagePages(ctx, phoneID, f.query(), func(items []Message) bool {
		out = append(out, items...)
		return len(out) >= f.max()
	})
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	return out[:min(len(out), f.max())], nil
}

// FindMessage looks for the outbound message wamid among those sent since
// since, to read its status; nil (and no error) when it is not there.
func (c *Client) FindMessage(ctx context.Context, phoneID, wamid string, since time.Time) (*Message, error) {
	var found *Message
	q := MessageFilter{Direction: "outbound", Since: since}.query()
	err := c.messagePages(ctx, phoneID, q, func(items []Message) bool {
		for i := range items {
			if items[i].ID == wamid {
				found = &items[i]
				return true
			}
		}
		return false
	})
	if err != nil {
		return nil, fmt.Errorf("find message %s: %w", wamid, err)
	}
	return found, nil
}

func (c *Client) messagePages(ctx context.Context, phoneID string, q url.Values, visit func([]Message) bool) error {
	if c.opts.Provider == ProviderMeta {
		return errNoHistory
	}
	path, err := pathOf(phoneID, "messages")
	if err != nil {
		return err
	}
	return listPages(ctx, c, path, q, visit)
}
