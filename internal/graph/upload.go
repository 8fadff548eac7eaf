package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// UploadHandle uploads data through Meta's Resumable Upload API and returns
// the handle ("4::...") a template's media header takes as its sample:
// POST /{app_id}/uploads with file_length and file_type opens a session
// ({"id": "upload:..."}), then POST /upload:... with the bytes and
// file_offset: 0 answers {"h": "4::..."}. Meta wants the second request
// authorised as "OAuth <token>". Both steps are safe to repeat (a spare
// session expires unused; offset 0 restarts the transfer), so they follow
// the client's usual retries.
//
// Through Kapso the same paths go to the proxy. Kapso documents no upload
// endpoint there (TEMPLATE-RULES §0), so a refusal is explained with what
// to do instead.
func (c *Client) UploadHandle(ctx context.Context, appID, fileName, mimeType string, data []byte) (string, error) {
	wrap := func(err error) error { return fmt.Errorf("upload %s: %w", fileName, err) }
	if appID == "" {
		return "", wrap(ErrNoAppID)
	}
	path, err := pathOf(appID, "uploads")
	if err != nil {
		return "", wrap(err)
	}
	q := url.Values{"file_name": {fileName}, "file_length": {strconv.Itoa(len(data))}, "file_type": {mimeType}}
	var session struct {
		ID string `json:"id"`
	}
	if err := c.do(ctx, &call{method: http.MethodPost, path: path, query: q}, &session); err != nil {
		return "", wrap(c.explainUploadRefusal(err, appID))
	}
	cl, err := sessionCall(session.ID)
	if err != nil {
		return "", wrap(err)
	}
	cl.body, cl.oauth = data, true
	cl.header = http.Header{"File_offset": {"0"}}
	var ans struct {
		H string `json:"h"`
	}
	if err := c.do(ctx, cl, &ans); err != nil {
		return "", wrap(c.explainUploadRefusal(err, appID))
	}
	if ans.H == "" {
		return "", wrap(errors.New("the answer carries no handle"))
	}
	return ans.H, nil
}

// ErrNoAppID is returned when an upload is attempted without a Meta app ID.
var ErrNoAppID = errors.New("no Meta app ID: set api.app_id in waform.yaml or META_APP_ID " +
	"(the ID of the Meta app your token belongs to, shown in the App Dashboard at developers.facebook.com/apps)")

// sessionCall addresses an upload session. Meta's session ids carry their
// own query ("upload:MTph...?sig=ARZ..."), which must travel with them.
func sessionCall(id string) (*call, error) {
	if !strings.HasPrefix(id, "upload:") {
		return nil, fmt.Errorf("the answer carries no upload session (got id %q)", id)
	}
	id, rawQuery, _ := strings.Cut(id, "?")
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, fmt.Errorf("upload session %q: %w", id, err)
	}
	path, err := pathOf(id)
	return &call{method: http.MethodPost, path: path, query: q}, err
}

// explainUploadRefusal adds to a refusal what to do: by Kapso's proxy, which
// does not forward Meta's upload API, another way to upload; by Meta, for
// an app it does not know, the setting that named it.
func (c *Client) explainUploadRefusal(err error, appID string) error {
	e, ok := AsAPIError(err)
	if ok && c.opts.Provider == ProviderMeta {
		if id, unknown := e.UnknownObject(); unknown && id == appID {
			return fmt.Errorf("the Meta app ID %s (api.app_id or META_APP_ID) is not an app this token can upload to: "+
				"set it to the ID of the app the token belongs to (App Dashboard at developers.facebook.com/apps): %w", appID, err)
		}
	}
	if c.opts.Provider != ProviderKapso || !ok || e.Status < 400 || e.Status >= 500 || e.Status == http.StatusTooManyRequests {
		return err
	}
	return fmt.Errorf("the Kapso proxy refused Meta's Resumable Upload API: %w; "+
		"upload the file with Kapso's media ingest (POST /platform/v1/whatsapp/media with delivery: meta_resumable_asset) "+
		"and write the handle it returns (4::...) in header_handle, or run this apply with api.provider: meta, "+
		"META_ACCESS_TOKEN and the app ID", err)
}
