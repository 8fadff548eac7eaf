package emulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Media size limits from the seed's format table.
const (
	maxImageSize    = 5 << 20
	maxAVSize       = 16 << 20
	maxDocumentSize = 100 << 20
	maxStickerSize  = 500 << 10 // animated; static stickers are limited to 100 KB
)

// mediaLimits maps each accepted MIME type to its maximum size.
var mediaLimits = map[string]int64{
	"image/jpeg": maxImageSize, "image/png": maxImageSize,
	"video/mp4": maxAVSize, "video/3gpp": maxAVSize,
	"audio/aac": maxAVSize, "audio/amr": maxAVSize, "audio/mpeg": maxAVSize, "audio/mp4": maxAVSize, "audio/ogg": maxAVSize,
	"application/pdf": maxDocumentSize, "application/msword": maxDocumentSize,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   maxDocumentSize,
	"application/vnd.ms-powerpoint":                                             maxDocumentSize,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": maxDocumentSize,
	"application/vnd.ms-excel":                                                  maxDocumentSize,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         maxDocumentSize,
	"text/plain": maxDocumentSize,
	"image/webp": maxStickerSize,
}

// media is an uploaded file's metadata; the bytes are not kept.
type media struct {
	ID         string    `json:"id"`
	Phone      string    `json:"phone"`
	MimeType   string    `json:"mime_type"`
	SHA256     string    `json:"sha256"`
	Size       int64     `json:"file_size"`
	UploadedAt time.Time `json:"uploaded_at"`
}

func (st *state) mediaByID(id string) *media {
	for _, m := range st.Media {
		if m.ID == id {
			return m
		}
	}
	return nil
}

type upload struct {
	product, mimeType string
	data              []byte
	hasFile           bool
}

func (s *Server) uploadMedia(c *call) (int, any, *apiError) {
	up, err := readUpload(c)
	if err != nil {
		return 0, nil, badRequest("(#100) Invalid parameter: %v", err)
	}
	if up.product != "whatsapp" {
		return 0, nil, badRequest("(#100) The parameter messaging_product is required and must be whatsapp.")
	}
	if !up.hasFile {
		return 0, nil, badRequest("(#100) The parameter file is required.")
	}
	limit, ok := mediaLimits[up.mimeType]
	switch {
	case !ok:
		return 0, nil, uploadError(fmt.Sprintf("Param file must be a file with one of the following types: %s. Received file of type '%s'.", acceptedTypes(), up.mimeType))
	case len(up.data) == 0:
		return 0, nil, uploadError("The uploaded file is empty.")
	case int64(len(up.data)) > limit:
		return 0, nil, uploadError(fmt.Sprintf("File of type %s is %d bytes, larger than the limit of %d bytes.", up.mimeType, len(up.data), limit))
	}
	sum := sha256.Sum256(up.data)
	s.st.Seq++
	m := &media{ID: strconv.FormatInt(2*idBase+s.st.Seq, 10), Phone: s.opts.PhoneNumberID, MimeType: up.mimeType,
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(up.data)), UploadedAt: c.now}
	s.st.Media = append(s.st.Media, m)
	c.mutated = true
	return http.StatusOK, map[string]string{"id": m.ID}, nil
}

func uploadError(details string) *apiError {
	return sendError(http.StatusBadRequest, 131053, "(#131053) Media upload error", details)
}

func acceptedTypes() string {
	types := make([]string, 0, len(mediaLimits))
	for t := range mediaLimits {
		types = append(types, t)
	}
	slices.Sort(types)
	return fmt.Sprint(types)
}

// readUpload parses the multipart form: messaging_product, an optional
// type, and the file (whose MIME type is `type` or the part's own).
func readUpload(c *call) (upload, error) {
	var up upload
	mt, params, err := mime.ParseMediaType(c.contentType)
	if err != nil || mt != "multipart/form-data" {
		return up, errors.New("want a multipart/form-data body")
	}
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return up, nil
		}
		if err != nil {
			return up, fmt.Errorf("read multipart body: %w", err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return up, fmt.Errorf("read multipart body: %w", err)
		}
		switch part.FormName() {
		case "messaging_product":
			up.product = string(data)
		case "type":
			up.mimeType = string(data)
		case "file":
			up.data, up.hasFile = data, true
			if up.mimeType == "" {
				up.mimeType, _, _ = mime.ParseMediaType(part.Header.Get("Content-Type"))
			}
		}
	}
}

// mediaPhoneMismatch refuses access to media through another phone number.
func mediaPhoneMismatch(c *call, m *media) *apiError {
	if p := c.query.Get("phone_number_id"); p != "" && p != m.Phone {
		return unsupported(c.method, m.ID)
	}
	return nil
}

func (s *Server) getMedia(c *call, m *media) (int, any, *apiError) {
	if err := mediaPhoneMismatch(c, m); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{
		"messaging_product": "whatsapp",
		"url":               fmt.Sprintf("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=%s&ext=%d&hash=%s", m.ID, c.now.Add(5*time.Minute).Unix(), m.SHA256[:16]),
		"mime_type":         m.MimeType,
		"sha256":            m.SHA256,
		"file_size":         m.Size,
		"id":                m.ID,
	}, nil
}

func (s *Server) deleteMedia(c *call, m *media) (int, any, *apiError) {
	if err := mediaPhoneMismatch(c, m); err != nil {
		return 0, nil, err
	}
	s.st.Media = slices.DeleteFunc(s.st.Media, func(x *media) bool { return x == m })
	c.mutated = true
	return http.StatusOK, map[string]bool{"success": true}, nil
}
