package emulator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	filemedia "github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/template"
)

// DefaultAppID is the Meta app the emulator takes uploads for.
const DefaultAppID = "300000000000001"

// uploadTypes are the file_type values Meta's Resumable Upload API
// documents (image/jpg is its alias of image/jpeg).
var uploadTypes = []string{"application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"}

// uploadSession is an open upload (POST /{app_id}/uploads).
type uploadSession struct {
	ID       string    `json:"id"`
	Sig      string    `json:"sig"`
	Length   int64     `json:"file_length"`
	Type     string    `json:"file_type"`
	Name     string    `json:"file_name,omitempty"`
	OpenedAt time.Time `json:"opened_at"`
}

// handle is a finished upload: what a template header's example names.
type handle struct {
	H      string    `json:"h"`
	Type   string    `json:"file_type"`
	Size   int64     `json:"file_size"`
	SHA256 string    `json:"sha256"`
	At     time.Time `json:"uploaded_at"`
}

// openUpload starts a session: POST /{app_id}/uploads?file_length&file_type.
func (s *Server) openUpload(c *call, appID string) (int, any, *apiError) {
	if appID != s.opts.AppID {
		return 0, nil, unsupported(c.method, appID)
	}
	length, err := strconv.ParseInt(c.query.Get("file_length"), 10, 64)
	switch {
	case c.query.Get("file_length") == "":
		return 0, nil, badRequest("(#100) The parameter file_length is required")
	case err != nil || length <= 0:
		return 0, nil, badRequest("(#100) Param file_length must be a positive integer")
	case c.query.Get("file_type") == "":
		return 0, nil, badRequest("(#100) The parameter file_type is required")
	case !slices.Contains(uploadTypes, c.query.Get("file_type")):
		return 0, nil, badRequest("(#100) Param file_type must be one of {%s}", strings.Join(uploadTypes, ", "))
	}
	s.st.Seq++
	id := base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "1:attachment:%d", s.st.Seq))
	sess := &uploadSession{ID: "upload:" + id, Sig: "ARZ" + strconv.FormatInt(s.st.Seq*7919, 36), Length: length,
		Type: c.query.Get("file_type"), Name: c.query.Get("file_name"), OpenedAt: c.now}
	s.st.Uploads = append(s.st.Uploads, sess)
	c.mutated = true
	return http.StatusOK, map[string]string{"id": sess.ID + "?sig=" + sess.Sig}, nil
}

// transferUpload receives the bytes: POST /upload:<session>?sig= with
// file_offset: 0. The whole file comes in one request; the content must be
// the declared type.
func (s *Server) transferUpload(c *call, id string) (int, any, *apiError) {
	i := slices.IndexFunc(s.st.Uploads, func(u *uploadSession) bool { return u.ID == id })
	if i < 0 || c.query.Get("sig") != s.st.Uploads[i].Sig {
		return 0, nil, unsupported(c.method, id)
	}
	sess := s.st.Uploads[i]
	switch {
	case c.header.Get("file_offset") == "":
		return 0, nil, badRequest("(#100) The header file_offset is required")
	case c.header.Get("file_offset") != "0":
		return 0, nil, badRequest("(#100) file_offset %s does not match the bytes received so far (0)", c.header.Get("file_offset"))
	case int64(len(c.body)) != sess.Length:
		return 0, nil, badRequest("(#100) Received %d bytes; the session was opened with file_length %d", len(c.body), sess.Length)
	}
	declared := strings.Replace(sess.Type, "image/jpg", "image/jpeg", 1)
	if got := filemedia.Sniff(c.body); got != declared {
		return 0, nil, badRequest("(#100) The file's content is not of file_type %s", sess.Type)
	}
	sum := sha256.Sum256(c.body)
	h := &handle{
		H:    "4::" + base64.StdEncoding.EncodeToString([]byte(declared)) + ":ARa" + hex.EncodeToString(sum[:12]),
		Type: declared, Size: sess.Length, SHA256: hex.EncodeToString(sum[:]), At: c.now,
	}
	s.st.Uploads = slices.Delete(s.st.Uploads, i, i+1)
	if !slices.ContainsFunc(s.st.Handles, func(x *handle) bool { return x.H == h.H }) {
		s.st.Handles = append(s.st.Handles, h)
	}
	c.mutated = true
	return http.StatusOK, map[string]string{"h": h.H}, nil
}

// noteHeaderMedia records, on a stored template, the digest of the upload
// its header example names, so tests (and people reading the state file)
// can tell which file a template holds; Meta keeps this to itself.
func (s *Server) noteHeaderMedia(rec *record) {
	rec.HeaderSHA256 = ""
	for _, c := range rec.Template.Components {
		if !strings.EqualFold(c.Type, template.ComponentHeader) || c.Example == nil {
			continue
		}
		for _, h := range c.Example.HeaderHandle {
			if i := slices.IndexFunc(s.st.Handles, func(x *handle) bool { return x.H == h }); i >= 0 {
				rec.HeaderSHA256 = s.st.Handles[i].SHA256
			}
		}
	}
}
