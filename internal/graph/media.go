package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
)

// maxUpload is WhatsApp's largest media (documents, 100 MB).
const maxUpload = 100 << 20

// Media is the metadata of an uploaded media object. URL is a short-lived
// download link.
type Media struct {
	ID       string
	URL      string
	MimeType string
	SHA256   string
	FileSize int
}

// UploadMedia uploads r as filename of type mimeType for phoneID and
// returns the media id for a send payload. The file is held in memory so
// that a retry can send it again; a retry after an unknown outcome may
// leave an unused copy behind, which WhatsApp expires on its own.
func (c *Client) UploadMedia(ctx context.Context, phoneID, filename, mimeType string, r io.Reader) (string, error) {
	wrap := func(err error) error { return fmt.Errorf("upload media %s: %w", filename, err) }
	path, err := pathOf(phoneID, "media")
	if err != nil {
		return "", wrap(err)
	}
	body, contentType, err := multipartBody(filename, mimeType, r)
	if err != nil {
		return "", wrap(err)
	}
	var ans struct {
		ID string `json:"id"`
	}
	if err := c.do(ctx, &call{method: http.MethodPost, path: path, body: body, contentType: contentType}, &ans); err != nil {
		return "", wrap(err)
	}
	if ans.ID == "" {
		return "", wrap(errors.New("the answer carries no media id"))
	}
	return ans.ID, nil
}

func multipartBody(filename, mimeType string, r io.Reader) ([]byte, string, error) {
	if _, _, err := mime.ParseMediaType(mimeType); err != nil {
		return nil, "", fmt.Errorf("mime type %q: %w", mimeType, err)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if err := w.WriteField("messaging_product", "whatsapp"); err != nil {
		return nil, "", err
	}
	if err := w.WriteField("type", mimeType); err != nil {
		return nil, "", err
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", mime.FormatMediaType("form-data", map[string]string{"name": "file", "filename": filename}))
	h.Set("Content-Type", mimeType)
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	n, err := io.Copy(part, io.LimitReader(r, maxUpload+1))
	if err != nil {
		return nil, "", fmt.Errorf("read file: %w", err)
	}
	if n > maxUpload {
		return nil, "", fmt.Errorf("file larger than WhatsApp's %d MB limit", maxUpload>>20)
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

// GetMedia reads a media object's metadata. phone_number_id lets Kapso's
// proxy find the account the media belongs to.
func (c *Client) GetMedia(ctx context.Context, phoneID, mediaID string) (Media, error) {
	var w struct {
		ID       string  `json:"id"`
		URL      string  `json:"url"`
		MimeType string  `json:"mime_type"`
		SHA256   string  `json:"sha256"`
		FileSize flexInt `json:"file_size"` // Meta answers a string, the emulator a number
	}
	cl, err := mediaCall(http.MethodGet, phoneID, mediaID)
	if err == nil {
		err = c.do(ctx, cl, &w)
	}
	if err != nil {
		return Media{}, fmt.Errorf("get media %s: %w", mediaID, err)
	}
	return Media{ID: w.ID, URL: w.URL, MimeType: w.MimeType, SHA256: w.SHA256, FileSize: int(w.FileSize)}, nil
}

// DeleteMedia deletes a media object; a repeat after an unknown outcome
// that finds it gone counts as done.
func (c *Client) DeleteMedia(ctx context.Context, phoneID, mediaID string) error {
	cl, err := mediaCall(http.MethodDelete, phoneID, mediaID)
	if err == nil {
		cl.unsafe = true
		err = c.settle(ctx,
			func() error { return c.do(ctx, cl, nil) },
			func() (bool, error) {
				_, err := c.GetMedia(ctx, phoneID, mediaID)
				if IsNotFound(err) {
					return true, nil
				}
				return false, err
			})
	}
	if err != nil && !errors.Is(err, errRecovered) {
		return fmt.Errorf("delete media %s: %w", mediaID, err)
	}
	return nil
}

func mediaCall(method, phoneID, mediaID string) (*call, error) {
	if phoneID == "" {
		return nil, errors.New("phone number id is empty")
	}
	path, err := pathOf(mediaID)
	return &call{method: method, path: path, query: url.Values{"phone_number_id": {phoneID}}}, err
}
