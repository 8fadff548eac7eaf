package emulator

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Body limits: JSON calls are small; media may be up to the document limit.
const (
	maxJSONBody  = 2 << 20
	maxMediaBody = maxDocumentSize + 1<<20
)

var versionRe = regexp.MustCompile(`^v\d+\.\d+$`)

// call is one request as the handlers see it, served under s.mu.
type call struct {
	method      string
	segs        []string // path after the version
	query       url.Values
	contentType string
	header      http.Header
	body        []byte
	now         time.Time
	self        *url.URL // the request's absolute URL, for paging links
	mutated     bool     // set by handlers that change state, to persist it
}

// splitPath strips the kapso (/meta/whatsapp/vX.Y) or meta (/vX.Y) prefix.
func splitPath(p string) (segs []string, kapso, ok bool) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if len(parts) >= 3 && parts[0] == "meta" && parts[1] == "whatsapp" {
		kapso, parts = true, parts[2:]
	}
	if len(parts) < 2 || !versionRe.MatchString(parts[0]) || slicesHasEmpty(parts) {
		return nil, false, false
	}
	return parts[1:], kapso, true
}

func slicesHasEmpty(ss []string) bool {
	for _, s := range ss {
		if s == "" {
			return true
		}
	}
	return false
}

func (s *Server) authorized(r *http.Request, kapso bool) bool {
	if kapso {
		return constantEq(r.Header.Get("X-API-Key"), s.opts.APIKey)
	}
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		// The upload API's transfer step authorises as "OAuth <token>".
		token, ok = strings.CutPrefix(auth, "OAuth ")
	}
	if !ok {
		token = r.URL.Query().Get("access_token")
	}
	return constantEq(token, s.opts.Token)
}

func constantEq(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	segs, kapso, ok := splitPath(r.URL.Path)
	if !ok {
		s.writeError(w, unsupported(r.Method, r.URL.Path))
		return
	}
	if !s.authorized(r, kapso) {
		s.writeError(w, authError())
		return
	}
	limit := int64(maxJSONBody)
	if (len(segs) == 2 && segs[1] == "media") || strings.HasPrefix(segs[0], "upload:") {
		limit = maxMediaBody
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		s.writeError(w, badRequest("read request body: %v", err))
		return
	}
	if int64(len(body)) > limit {
		s.writeError(w, &apiError{status: http.StatusRequestEntityTooLarge, code: 100, typ: "OAuthException",
			message: fmt.Sprintf("request body larger than %d bytes", limit)})
		return
	}
	self := *r.URL
	self.Scheme, self.Host = "http", r.Host
	if r.TLS != nil {
		self.Scheme = "https"
	}
	c := &call{method: r.Method, segs: segs, query: r.URL.Query(), contentType: r.Header.Get("Content-Type"), header: r.Header, body: body, self: &self}

	s.mu.Lock()
	c.now = s.clock.Now()
	s.settle(c.now)
	status, out, apiErr := s.dispatch(c)
	if apiErr == nil && c.mutated {
		if err := s.save(); err != nil {
			apiErr = &apiError{status: http.StatusInternalServerError, code: 2, typ: "OAuthException", message: err.Error()}
		}
	}
	s.mu.Unlock()

	if apiErr != nil {
		s.writeError(w, apiErr)
		return
	}
	writeJSON(w, status, out)
}

// dispatch maps a path to its handler. The caller holds s.mu.
func (s *Server) dispatch(c *call) (int, any, *apiError) {
	id := c.segs[0]
	switch {
	case len(c.segs) == 1 && strings.HasPrefix(id, "upload:") && c.method == http.MethodPost:
		return s.transferUpload(c, id)
	case len(c.segs) == 1:
		return s.dispatchObject(c, id)
	case len(c.segs) == 2 && c.segs[1] == "message_templates" && s.knownWABA(id):
		return s.dispatchTemplates(c, id)
	case len(c.segs) == 3 && c.segs[1] == "message_templates" && s.knownWABA(id) && c.method == http.MethodGet:
		return s.getTemplate(c, id, c.segs[2])
	case len(c.segs) == 2 && c.segs[1] == "messages" && id == s.opts.PhoneNumberID:
		switch c.method {
		case http.MethodPost:
			return s.sendMessage(c)
		case http.MethodGet:
			return s.listMessages(c)
		}
	case len(c.segs) == 2 && c.segs[1] == "media" && id == s.opts.PhoneNumberID && c.method == http.MethodPost:
		return s.uploadMedia(c)
	case len(c.segs) == 2 && c.segs[1] == "uploads" && c.method == http.MethodPost:
		return s.openUpload(c, id)
	}
	// Graph names the object of /{id}/{edge}, the unknown account or
	// phone number, not the edge.
	return 0, nil, unsupported(c.method, id)
}

func (s *Server) dispatchTemplates(c *call, waba string) (int, any, *apiError) {
	hsmID := c.query.Get("hsm_id")
	switch c.method {
	case http.MethodGet:
		return s.listTemplates(c, waba)
	case http.MethodPost:
		if hsmID != "" {
			return s.editTemplate(c, waba, hsmID)
		}
		return s.createTemplate(c, waba)
	case http.MethodPut:
		if hsmID == "" {
			return 0, nil, badRequest("(#100) The parameter hsm_id is required")
		}
		return s.editTemplate(c, waba, hsmID)
	case http.MethodDelete:
		return s.deleteTemplates(c, waba)
	}
	return 0, nil, unsupported(c.method, waba)
}

// dispatchObject serves Meta's object paths: /{template_id} and /{media_id}.
func (s *Server) dispatchObject(c *call, id string) (int, any, *apiError) {
	if rec := s.st.templateByID(id); rec != nil {
		switch c.method {
		case http.MethodGet:
			return s.getTemplate(c, rec.WABA, id)
		case http.MethodPost:
			return s.editTemplate(c, rec.WABA, id)
		}
	}
	if m := s.st.mediaByID(id); m != nil {
		switch c.method {
		case http.MethodGet:
			return s.getMedia(c, m)
		case http.MethodDelete:
			return s.deleteMedia(c, m)
		}
	}
	return 0, nil, unsupported(c.method, id)
}

func (s *Server) knownWABA(id string) bool {
	if id == s.opts.BusinessAccountID {
		return true
	}
	for _, rec := range s.st.Templates {
		if rec.WABA == id {
			return true
		}
	}
	return false
}
