package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/waform/waform/internal/template"
)

func (s *Server) listTemplates(c *call, waba string) (int, any, *apiError) {
	recs := slices.DeleteFunc(s.st.sortedTemplates(waba), func(rec *record) bool { return !matchesFilters(rec, c) })
	page, p, err := paginate(c, recs, func(r *record) string { return r.ID }, s.opts.PageSize)
	if err != nil {
		return 0, nil, err
	}
	resp := listResponse{Data: make([]any, 0, len(page)), Paging: p}
	for _, rec := range page {
		resp.Data = append(resp.Data, selectFields(s.metaTemplate(rec), c.query.Get("fields")))
		c.mutated = sawPending(rec) || c.mutated
	}
	return http.StatusOK, resp, nil
}

// matchesFilters applies list filters as Meta does: name matches a part of
// the name; status, category and language take comma lists.
func matchesFilters(rec *record, c *call) bool {
	t := rec.Template
	if n := c.query.Get("name"); n != "" && !strings.Contains(strings.ToLower(t.Name), strings.ToLower(n)) {
		return false
	}
	return inList(c.query.Get("status"), rec.Status) &&
		inList(c.query.Get("category"), t.Category) &&
		inList(c.query.Get("language"), t.Language)
}

func inList(list, v string) bool {
	if list == "" {
		return true
	}
	for _, item := range strings.Split(strings.Trim(list, "[]"), ",") {
		if strings.EqualFold(strings.Trim(strings.TrimSpace(item), `"`), v) {
			return true
		}
	}
	return false
}

func (s *Server) getTemplate(c *call, waba, id string) (int, any, *apiError) {
	rec := s.st.templateByID(id)
	if rec == nil || rec.WABA != waba {
		return 0, nil, unsupported(c.method, id)
	}
	out := selectFields(s.metaTemplate(rec), c.query.Get("fields"))
	c.mutated = sawPending(rec)
	return http.StatusOK, out, nil
}

type createResponse struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Category string `json:"category"`
}

func (s *Server) createTemplate(c *call, waba string) (int, any, *apiError) {
	var t template.Template
	if err := json.Unmarshal(c.body, &t); err != nil {
		return 0, nil, badRequest("(#100) Invalid parameter: request body is not a template: %v", err)
	}
	if err := s.createConflict(waba, t, c); err != nil {
		return 0, nil, err
	}
	if err := checkPayload(c.body); err != nil {
		return 0, nil, err
	}
	rec := s.st.addTemplate(waba, t, c.now)
	s.noteHeaderMedia(rec)
	s.st.Creates = append(s.st.Creates, createMark{WABA: waba, At: c.now})
	s.startReview(rec, c.now)
	c.mutated = true
	return http.StatusOK, createResponse{ID: rec.ID, Status: rec.Status, Category: strings.ToUpper(t.Category)}, nil
}

// createConflict runs the checks only the server can make, because they
// depend on what the WABA already holds.
func (s *Server) createConflict(waba string, t template.Template, c *call) *apiError {
	lang := languageName(t.Language)
	var sameName []*record
	for _, rec := range s.st.sortedTemplates(waba) {
		if rec.Template.Name != t.Name {
			continue
		}
		if rec.Template.Language == t.Language {
			return invalidParam(2388024, "Content in This Language Already Exists",
				fmt.Sprintf("There is already %s content for this template. You can create a new template and try again.", lang))
		}
		sameName = append(sameName, rec)
	}
	for _, tomb := range s.st.Tombstones {
		if tomb.WABA == waba && tomb.Name == t.Name && tomb.Language == t.Language {
			left := tomb.DeletedAt.Add(s.opts.DeleteCooldown).Sub(c.now).Round(time.Minute)
			return invalidParam(2388023, "Message Template Language Is Being Deleted",
				fmt.Sprintf("New %s content can't be added while the existing %s content is being deleted. Try again in %s or consider creating a new message template.", lang, lang, left))
		}
	}
	if s.opts.TemplateLimit > 0 && len(s.st.sortedTemplates(waba)) >= s.opts.TemplateLimit {
		return invalidParam(2388019, "Message Template Limit Exceeded",
			fmt.Sprintf("You have reached the limit of %d message templates for this WhatsApp Business Account.", s.opts.TemplateLimit))
	}
	if s.opts.CreatesPerHour > 0 && s.createsInWindow(waba) >= s.opts.CreatesPerHour {
		return &apiError{status: http.StatusBadRequest, code: 80008, typ: "OAuthException",
			message: "(#80008) There have been too many calls to this WhatsApp Business account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting."}
	}
	for _, rec := range sameName {
		if !strings.EqualFold(rec.Template.Category, t.Category) {
			return badRequest("The category %s doesn't match the one that's already associated with this template, %s.",
				strings.ToUpper(t.Category), strings.ToUpper(rec.Template.Category))
		}
	}
	return nil
}

func (s *Server) createsInWindow(waba string) int {
	n := 0
	for _, m := range s.st.Creates {
		if m.WABA == waba {
			n++
		}
	}
	return n
}

// languageName is the English name Meta's messages use for a language code.
func languageName(code string) string {
	names := map[string]string{
		"en": "English", "en_US": "English (US)", "en_GB": "English (UK)", "es": "Spanish", "es_ES": "Spanish (SPA)",
		"es_MX": "Spanish (MEX)", "pt_BR": "Portuguese (BR)", "pt_PT": "Portuguese (POR)", "fr": "French", "de": "German",
		"it": "Italian", "nl": "Dutch", "hi": "Hindi", "id": "Indonesian", "ar": "Arabic",
	}
	if n, ok := names[code]; ok {
		return n
	}
	return code
}

// deleteTemplates deletes by name (every language, or one with Kapso's
// `language`) or by hsm_id (+ name): one template.
func (s *Server) deleteTemplates(c *call, waba string) (int, any, *apiError) {
	name, hsmID, lang := c.query.Get("name"), c.query.Get("hsm_id"), c.query.Get("language")
	if name == "" && hsmID == "" {
		return 0, nil, badRequest("(#100) The parameter name is required")
	}
	var drop []*record
	for _, rec := range s.st.sortedTemplates(waba) {
		switch {
		case hsmID != "" && rec.ID != hsmID:
		case name != "" && rec.Template.Name != name:
		case lang != "" && rec.Template.Language != lang:
		default:
			drop = append(drop, rec)
		}
	}
	if len(drop) == 0 {
		return 0, nil, invalidParam(2593002, "Message template not found",
			fmt.Sprintf("No message template matches name %q and hsm_id %q in this WhatsApp Business Account.", name, hsmID))
	}
	for _, rec := range drop {
		if rec.Status == template.StatusDisabled {
			return 0, nil, badRequest("(#100) Message template %s is DISABLED and can't be deleted", rec.ID)
		}
	}
	s.st.removeTemplates(drop, c.now)
	c.mutated = true
	return http.StatusOK, map[string]bool{"success": true}, nil
}
