package graph

import (
	"context"
	"fmt"
	"io"
	"path"
	"time"

	"github.com/waform/waform/internal/template"
)

// Account is the client bound to one business account (and the Meta app
// that uploads its header files). Its methods are what apply and message
// declare they need of the remote (apply.Client, apply.Lister,
// apply.FileUploader, message.Sender), in the domain's own types, so no
// adapter sits between them and the client.
type Account struct {
	Client *Client
	WABA   string
	AppID  string
	// Names, a glob on the template name (*, ?, [a-z]), narrows List;
	// "" lists every template.
	Names string
}

// Create submits t and returns it with the id and status the account gave
// it; recovered is true when the answer was lost and the template was found
// already there.
func (a Account) Create(ctx context.Context, t template.Template) (created template.Remote, recovered bool, err error) {
	res, err := a.Client.CreateTemplate(ctx, a.WABA, t)
	if err != nil {
		return template.Remote{}, false, err
	}
	return template.Remote{Template: t, ID: res.ID, Status: res.Status}, res.Recovered, nil
}

// Update edits template id. Meta's refusal for the edit quota comes back
// as an *EditLimitError, which apply reports as blocked.
func (a Account) Update(ctx context.Context, id string, t template.Template) error {
	err := a.Client.UpdateTemplate(ctx, a.WABA, id, t)
	if IsEditLimit(err) {
		return &EditLimitError{Err: err, At: a.Client.opts.Clock.Now()}
	}
	return err
}

// Delete deletes one language of a template, by id and name.
func (a Account) Delete(ctx context.Context, id, name string) error {
	return a.Client.DeleteTemplate(ctx, a.WABA, id, name)
}

// Find returns the template with exactly key's name and language, nil when
// there is none.
func (a Account) Find(ctx context.Context, key template.Key) (*template.Remote, error) {
	return a.Client.FindTemplate(ctx, a.WABA, key)
}

// List returns the account's templates whose name matches Names.
func (a Account) List(ctx context.Context) ([]template.Remote, error) {
	all, err := a.Client.ListTemplates(ctx, a.WABA, ListFilter{})
	if err != nil || a.Names == "" {
		return all, err
	}
	var out []template.Remote
	for _, r := range all {
		if ok, _ := path.Match(a.Names, r.Name); ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// UploadFile uploads a header sample through Meta's Resumable Upload API
// with the account's app and returns its handle.
func (a Account) UploadFile(ctx context.Context, name, mimeType string, data []byte) (string, error) {
	return a.Client.UploadHandle(ctx, a.AppID, name, mimeType, data)
}

// TemplateStatus returns the status of the template with key's name and
// language, "" when the account has none.
func (a Account) TemplateStatus(ctx context.Context, key template.Key) (string, error) {
	r, err := a.Find(ctx, key)
	if err != nil || r == nil {
		return "", err
	}
	return r.Status, nil
}

// UploadMedia uploads a file to send as a message's media and returns its
// media id.
func (a Account) UploadMedia(ctx context.Context, phoneID, filename, mimeType string, r io.Reader) (string, error) {
	return a.Client.UploadMedia(ctx, phoneID, filename, mimeType, r)
}

// SendTemplate posts body, a template message (encoded as JSON), from
// phoneID and returns its wamid.
func (a Account) SendTemplate(ctx context.Context, phoneID string, body any) (string, error) {
	res, err := a.Client.SendMessage(ctx, phoneID, body)
	return res.WAMID, err
}

// MessageStatus reads a sent message's delivery status from the history
// (status "" when it is not listed yet) and, for a failed one, WhatsApp's
// reason.
func (a Account) MessageStatus(ctx context.Context, phoneID, wamid string, since time.Time) (status, reason string, err error) {
	m, err := a.Client.FindMessage(ctx, phoneID, wamid, since)
	if err != nil || m == nil {
		return "", "", err
	}
	return m.Status, m.Error, nil
}

// EditLimitError is Meta's refusal of an edit beyond an APPROVED
// template's quota, refused at At: running apply again at once would be
// refused the same way, so it says when to retry (apply reports it as
// blocked through Refused).
type EditLimitError struct {
	Err error
	At  time.Time
}

func (e *EditLimitError) Error() string { return fmt.Sprintf("%v; %s", e.Err, e.Refused()) }
func (e *EditLimitError) Unwrap() error { return e.Err }

// Refused names the limits and the earliest time a retry can succeed: Meta
// does not say which limit was reached nor when the template was last
// edited, so the 24-hour limit gives the earliest time and the 30-day one
// the latest.
func (e *EditLimitError) Refused() string {
	const layout = "2006-01-02 15:04 MST"
	return fmt.Sprintf("Meta allows an APPROVED template 1 edit per 24 hours and 10 per 30 days: "+
		"retry after %s (by %s at the latest, if the 30-day limit is the one reached)",
		e.At.Add(24*time.Hour).UTC().Format(layout), e.At.Add(30*24*time.Hour).UTC().Format(layout))
}
