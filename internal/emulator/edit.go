package emulator

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/waform/waform/internal/template"
)

// editBody is what an edit may carry. Name and language may be repeated
// (Kapso's update takes the create body) but not changed.
type editBody struct {
	Name                  *string               `json:"name"`
	Language              *string               `json:"language"`
	Category              *string               `json:"category"`
	ParameterFormat       *string               `json:"parameter_format"`
	MessageSendTTLSeconds *int                  `json:"message_send_ttl_seconds"`
	Components            *[]template.Component `json:"components"`
}

// editTemplate applies Meta's edit rules: only APPROVED, REJECTED or
// PAUSED templates; an APPROVED one keeps its category and is subject to the
// edit quota; components are replaced wholesale; the edit is reviewed again.
func (s *Server) editTemplate(c *call, waba, id string) (int, any, *apiError) {
	rec := s.st.templateByID(id)
	if rec == nil || rec.WABA != waba {
		return 0, nil, unsupported(c.method, id)
	}
	var body editBody
	if err := json.Unmarshal(c.body, &body); err != nil {
		return 0, nil, badRequest("(#100) Invalid parameter: request body is not a template edit: %v", err)
	}
	if err := editAllowed(rec, body, c); err != nil {
		return 0, nil, err
	}
	t := rec.Template
	if body.Category != nil {
		t.Category = *body.Category
	}
	if body.ParameterFormat != nil {
		t.ParameterFormat = *body.ParameterFormat
	}
	if body.MessageSendTTLSeconds != nil {
		t.MessageSendTTLSeconds = body.MessageSendTTLSeconds
	}
	if body.Components != nil {
		t.Components = *body.Components
	}
	merged, err := json.Marshal(t)
	if err != nil {
		return 0, nil, badRequest("(#100) Invalid parameter: %v", err)
	}
	if err := checkPayload(merged); err != nil {
		return 0, nil, err
	}
	if rec.Status == template.StatusApproved {
		recordEdit(rec, c.now)
	}
	rec.Template = t
	s.noteHeaderMedia(rec)
	rec.Raw = nil
	s.startReview(rec, c.now)
	c.mutated = true
	return http.StatusOK, map[string]bool{"success": true}, nil
}

func editAllowed(rec *record, body editBody, c *call) *apiError {
	switch rec.Status {
	case template.StatusApproved, template.StatusRejected, template.StatusPaused:
	default:
		return invalidParam(0, "Message Template Can't Be Edited",
			"Only templates with status APPROVED, REJECTED or PAUSED can be edited; this one is "+rec.Status+".")
	}
	if (body.Name != nil && *body.Name != rec.Template.Name) || (body.Language != nil && *body.Language != rec.Template.Language) {
		return invalidParam(0, "Name and Language Can't Be Changed",
			"A message template's name and language can't be edited. Create a new template instead.")
	}
	if body.Category == nil && body.Components == nil && body.MessageSendTTLSeconds == nil && body.ParameterFormat == nil {
		return badRequest("(#100) Nothing to edit: give category, components or message_send_ttl_seconds")
	}
	if rec.Status != template.StatusApproved {
		return nil
	}
	if body.Category != nil && !strings.EqualFold(*body.Category, rec.Template.Category) {
		return invalidParam(0, "Category Can't Be Changed",
			"The category of an approved message template can't be edited.")
	}
	return editQuotaError(rec, c.now)
}
