// Package template is waform's domain model: a WhatsApp message template
// shaped exactly like Meta's create request, and the canonical form that
// decides when a local template and a remote one are the same.
package template

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Key identifies a template inside a WhatsApp Business Account. Names are not
// unique on their own: one name exists once per language.
type Key struct {
	Name     string `json:"name"`
	Language string `json:"language"`
}

func (k Key) String() string { return k.Name + " (" + k.Language + ")" }

// Label names k in messages. A template an account lists may come without
// a readable name (Remote.Unreadable), which String would print as " ()".
func (k Key) Label() string {
	if k.Name == "" {
		return "a template without a readable name"
	}
	return k.String()
}

// Template is the create-request shape of a message template. Field names and
// JSON tags follow Meta's API so that YAML copied from Meta's documentation
// works unchanged and a template read back from the API decodes into it.
type Template struct {
	Name                       string      `json:"name"`
	Language                   string      `json:"language"`
	Category                   string      `json:"category"`
	ParameterFormat            string      `json:"parameter_format,omitempty"`
	MessageSendTTLSeconds      *int        `json:"message_send_ttl_seconds,omitempty"`
	CTAURLLinkTrackingOptedOut *bool       `json:"cta_url_link_tracking_opted_out,omitempty"`
	AllowCategoryChange        *bool       `json:"allow_category_change,omitempty"`
	Components                 []Component `json:"components"`
}

// Key returns the template's identity.
func (t Template) Key() Key { return Key{Name: t.Name, Language: t.Language} }

// Component is one entry of a template's components array. Which fields are
// meaningful depends on Type (HEADER, BODY, FOOTER, BUTTONS, CAROUSEL,
// LIMITED_TIME_OFFER, CALL_PERMISSION_REQUEST).
type Component struct {
	Type    string   `json:"type"`
	Format  string   `json:"format,omitempty"`
	Text    string   `json:"text,omitempty"`
	Example *Example `json:"example,omitempty"`
	Buttons []Button `json:"buttons,omitempty"`
	Cards   []Card   `json:"cards,omitempty"`

	LimitedTimeOffer *LimitedTimeOffer `json:"limited_time_offer,omitempty"`

	// Authentication templates declare these instead of text.
	AddSecurityRecommendation *bool `json:"add_security_recommendation,omitempty"`
	CodeExpirationMinutes     *int  `json:"code_expiration_minutes,omitempty"`
}

// Card is one card of a CAROUSEL component.
type Card struct {
	Components []Component `json:"components"`
}

// LimitedTimeOffer is the payload of a LIMITED_TIME_OFFER component.
type LimitedTimeOffer struct {
	Text          string `json:"text"`
	HasExpiration *bool  `json:"has_expiration,omitempty"`
}

// Example holds the sample values Meta's reviewers see.
type Example struct {
	HeaderText            []string     `json:"header_text,omitempty"`
	HeaderTextNamedParams []NamedParam `json:"header_text_named_params,omitempty"`
	HeaderHandle          []string     `json:"header_handle,omitempty"`
	BodyText              Matrix       `json:"body_text,omitempty"`
	BodyTextNamedParams   []NamedParam `json:"body_text_named_params,omitempty"`
}

// NamedParam is one example value of a NAMED-format variable.
type NamedParam struct {
	ParamName string `json:"param_name"`
	Example   string `json:"example"`
}

// Button is one entry of a BUTTONS component. Which fields are meaningful
// depends on Type.
type Button struct {
	Type        string  `json:"type"`
	Text        string  `json:"text,omitempty"`
	URL         string  `json:"url,omitempty"`
	PhoneNumber string  `json:"phone_number,omitempty"`
	Example     Strings `json:"example,omitzero"`

	// OTP buttons (AUTHENTICATION).
	OTPType              string         `json:"otp_type,omitempty"`
	AutofillText         string         `json:"autofill_text,omitempty"`
	SupportedApps        []SupportedApp `json:"supported_apps,omitempty"`
	ZeroTapTermsAccepted *bool          `json:"zero_tap_terms_accepted,omitempty"`
	// Before Graph v21 one-tap buttons named their app on the button itself.
	PackageName   string `json:"package_name,omitempty"`
	SignatureHash string `json:"signature_hash,omitempty"`

	// FLOW buttons.
	FlowID         FlexString `json:"flow_id,omitempty"`
	FlowName       string     `json:"flow_name,omitempty"`
	FlowJSON       string     `json:"flow_json,omitempty"`
	FlowAction     string     `json:"flow_action,omitempty"`
	NavigateScreen string     `json:"navigate_screen,omitempty"`
	Icon           string     `json:"icon,omitempty"`

	// VOICE_CALL buttons.
	TTLMinutes *int `json:"ttl_minutes,omitempty"`
}

// SupportedApp names an Android app allowed to autofill a one-time code.
type SupportedApp struct {
	PackageName   string `json:"package_name"`
	SignatureHash string `json:"signature_hash"`
}

// Remote is a template as the API lists it: the create shape plus the fields
// only the server sets. The differ ignores the extra fields unless the file
// declares their create-time counterpart.
type Remote struct {
	Template
	ID               string        `json:"id"`
	Status           string        `json:"status,omitempty"`
	SubCategory      string        `json:"sub_category,omitempty"`
	PreviousCategory string        `json:"previous_category,omitempty"`
	CorrectCategory  string        `json:"correct_category,omitempty"`
	RejectedReason   string        `json:"rejected_reason,omitempty"`
	QualityScore     *QualityScore `json:"quality_score,omitempty"`
	LastUpdatedTime  string        `json:"last_updated_time,omitempty"`

	// Unreadable says why the client could not read this template into the
	// model ("" when it could). Such a template holds only the fields that
	// could be read on their own (id, name, language, status, category) and
	// Raw, the JSON the API returned; nothing may be planned from its
	// content, so it is shown and left untouched.
	Unreadable string          `json:"-"`
	Raw        json.RawMessage `json:"-"`
	// Unknown names the parts of a readable template waform cannot
	// represent (template.Unknown): left out of FromRemote's form, so an
	// edit from a file would drop them.
	Unknown []string `json:"-"`
}

// QualityScore is Meta's rating of a template from recipients' feedback.
type QualityScore struct {
	Score string `json:"score"`
	Date  int64  `json:"date,omitempty"`
	// Reasons are why Meta rated it so, when it says.
	Reasons []string `json:"reasons,omitempty"`
}

// Matrix is the positional body example: one row of values. Meta documents a
// 2-D array, but some payloads carry a flat array or a single string; reading
// accepts all three so a remote template never fails to decode, while the
// schema keeps local files to the documented 2-D form.
type Matrix [][]string

// UnmarshalJSON accepts "v", ["a","b"] and [["a","b"]].
func (m *Matrix) UnmarshalJSON(data []byte) error {
	var rows [][]string
	if err := json.Unmarshal(data, &rows); err == nil {
		*m = rows
		return nil
	}
	var row []string
	if err := json.Unmarshal(data, &row); err == nil {
		*m = Matrix{row}
		return nil
	}
	var one string
	if err := json.Unmarshal(data, &one); err != nil {
		return fmt.Errorf("body_text example: want an array of arrays of strings")
	}
	*m = Matrix{{one}}
	return nil
}

// Strings is a button example, which Meta takes as an array of strings for
// URL buttons and as a single string for COPY_CODE buttons. The form read is
// the form written back.
type Strings struct {
	Values []string
	Single bool
}

// IsZero reports whether no example was given (used by omitzero).
func (s Strings) IsZero() bool { return len(s.Values) == 0 && !s.Single }

// First returns the first value, or "" when there is none.
func (s Strings) First() string {
	if len(s.Values) == 0 {
		return ""
	}
	return s.Values[0]
}

// MarshalJSON writes a single string or an array, as it was read.
func (s Strings) MarshalJSON() ([]byte, error) {
	if s.Single && len(s.Values) == 1 {
		return json.Marshal(s.Values[0])
	}
	if s.Values == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(s.Values)
}

// UnmarshalJSON accepts "v" or ["v", ...].
func (s *Strings) UnmarshalJSON(data []byte) error {
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*s = Strings{Values: []string{one}, Single: true}
		return nil
	}
	var list []string
	if err := json.Unmarshal(data, &list); err != nil {
		return fmt.Errorf("button example: want a string or an array of strings")
	}
	*s = Strings{Values: list}
	return nil
}

// FlexString is a string the API sometimes returns as a JSON number (Meta
// answers flow_id as a number on GET).
type FlexString string

// UnmarshalJSON accepts a JSON string or number.
func (f *FlexString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*f = FlexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("want a string or a number: %w", err)
	}
	if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
		return err
	}
	*f = FlexString(n.String())
	return nil
}
