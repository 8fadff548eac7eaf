package message

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/template"
)

// Sender is what sending needs of the API client (graph.Account satisfies
// it).
type Sender interface {
	// TemplateStatus returns the remote template's status, "" when the
	// account has no template with that name and language.
	TemplateStatus(ctx context.Context, key template.Key) (string, error)
	UploadMedia(ctx context.Context, phoneID, filename, mimeType string, r io.Reader) (string, error)
	// SendTemplate posts body (a Request, which the client encodes as JSON)
	// and returns the message's wamid.
	SendTemplate(ctx context.Context, phoneID string, body any) (string, error)
	// MessageStatus reads a sent message's delivery status from the
	// history, status "" when the message is not listed (yet), and
	// WhatsApp's reason when it failed.
	MessageStatus(ctx context.Context, phoneID, wamid string, since time.Time) (status, reason string, err error)
}

// Status is a sent message's delivery status: pending, sent, delivered,
// read or failed, with WhatsApp's error when it failed.
type Status struct {
	Status string
	Error  string
}

// NormalizeNumber reduces a phone number to its digits, accepting a
// leading "+" and the usual separators (spaces, dashes, dots, brackets).
func NormalizeNumber(s string) (string, error) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return "", fmt.Errorf("normalize number %q: unexpected %q; give the number in international format, e.g. +15551234567", s, r)
		}
	}
	n := b.String()
	if len(n) < 7 || len(n) > 15 {
		return "", fmt.Errorf("normalize number %q: %d digits; an international number has 7 to 15", s, len(n))
	}
	return n, nil
}

// Allowed reports whether the normalized number is on the allow-list,
// whose entries are normalized the same way.
func Allowed(number string, allowList []string) bool {
	return slices.ContainsFunc(allowList, func(a string) bool {
		n, err := NormalizeNumber(a)
		return err == nil && n == number
	})
}

// ErrNotApproved is returned for a template that cannot be sent yet.
var ErrNotApproved = errors.New("template is not approved")

// Send checks that t is approved on the account, uploads the local media
// files its parameters name, builds the message and sends it, returning
// the wamid. opts.To must be set; opts.Uploaded is filled by Send.
func Send(ctx context.Context, s Sender, phoneID string, t template.Template, p Params, opts Options) (string, error) {
	m, err := Build(t, p, opts) // every local check before any request
	if err != nil {
		return "", err
	}
	status, err := s.TemplateStatus(ctx, t.Key())
	switch {
	case err != nil:
		return "", fmt.Errorf("look up template %s: %w", t.Key(), err)
	case status == "":
		return "", fmt.Errorf("send %s: %w: the account has no such template; create it with waform apply", t.Key(), ErrNotApproved)
	case !strings.EqualFold(status, template.StatusApproved):
		return "", fmt.Errorf("send %s: %w: its status is %s, and only APPROVED templates can be sent (see waform status)", t.Key(), ErrNotApproved, status)
	}
	if len(m.Uploads) > 0 {
		opts.Uploaded = map[string]string{}
		for _, f := range m.Uploads {
			id, err := upload(ctx, s, phoneID, f)
			if err != nil {
				return "", err
			}
			opts.Uploaded[f.Path] = id
		}
		if m, err = Build(t, p, opts); err != nil {
			return "", err
		}
	}
	wamid, err := s.SendTemplate(ctx, phoneID, m.Request)
	if err != nil {
		return "", fmt.Errorf("send %s: %w", t.Key(), err)
	}
	return wamid, nil
}

func upload(ctx context.Context, s Sender, phoneID string, f MediaFile) (string, error) {
	file, err := os.Open(f.Path)
	if err != nil {
		return "", fmt.Errorf("upload media: %w", err)
	}
	defer file.Close()
	id, err := s.UploadMedia(ctx, phoneID, f.Name, f.MIMEType, file)
	if err != nil {
		return "", fmt.Errorf("upload media %s: %w", f.Path, err)
	}
	return id, nil
}

// WaitOptions control Wait. The clock is injected so that tests never
// sleep (nil: the wall clock).
type WaitOptions struct {
	Timeout  time.Duration
	Interval time.Duration
	Since    time.Time // when the message was sent, to narrow the history
	Clock    clock.Clock
}

// ErrWaitTimeout is returned when a message reaches no final status in time.
var ErrWaitTimeout = errors.New("timed out waiting for delivery")

// ErrFailed is returned for a message WhatsApp could not deliver.
var ErrFailed = errors.New("message failed")

// Wait polls the message history until the message is delivered, read or
// failed, or the timeout passes. The last status seen is returned with
// ErrFailed or ErrWaitTimeout.
func Wait(ctx context.Context, s Sender, phoneID, wamid string, o WaitOptions) (Status, error) {
	clk := o.Clock
	if clk == nil {
		clk = clock.System{}
	}
	deadline := clk.Now().Add(o.Timeout)
	var last Status
	for {
		status, reason, err := s.MessageStatus(ctx, phoneID, wamid, o.Since)
		if err != nil {
			return last, fmt.Errorf("wait for %s: %w", wamid, err)
		}
		if status != "" {
			last = Status{Status: status, Error: reason}
		}
		switch strings.ToLower(last.Status) {
		case "delivered", "read":
			return last, nil
		case "failed":
			reason := last.Error
			if reason == "" {
				reason = "WhatsApp gave no reason"
			}
			return last, fmt.Errorf("wait for %s: %w: %s", wamid, ErrFailed, reason)
		}
		remaining := deadline.Sub(clk.Now())
		if remaining <= 0 {
			seen := last.Status
			if seen == "" {
				seen = "not yet in the message history"
			}
			return last, fmt.Errorf("wait for %s: %w after %s (last status: %s)", wamid, ErrWaitTimeout, o.Timeout, seen)
		}
		if err := clk.Sleep(ctx, min(o.Interval, remaining)); err != nil {
			return last, fmt.Errorf("wait for %s: %w", wamid, err)
		}
	}
}
