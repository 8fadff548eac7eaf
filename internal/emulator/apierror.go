package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is a Graph error envelope with the HTTP status it travels with.
type apiError struct {
	status    int
	code      int
	subcode   int
	typ       string
	message   string
	userTitle string
	userMsg   string
	details   string
}

func (e *apiError) Error() string { return e.message }

// invalidParam is Meta's code 100 "(#100) Invalid parameter" with an
// optional subcode and the user-facing title and message.
func invalidParam(subcode int, title, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: 100, subcode: subcode, typ: "OAuthException",
		message: "(#100) Invalid parameter", userTitle: title, userMsg: msg, details: msg}
}

// badRequest is a code 100 error whose message says what is wrong, for
// problems Meta reports without a user title.
func badRequest(format string, args ...any) *apiError {
	msg := fmt.Sprintf(format, args...)
	return &apiError{status: http.StatusBadRequest, code: 100, typ: "OAuthException", message: msg, details: msg}
}

func authError() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: 190, typ: "OAuthException",
		message: "Invalid OAuth access token - Cannot parse access token"}
}

// unsupported is Graph's answer to a path or object it does not know.
func unsupported(method, object string) *apiError {
	return &apiError{status: http.StatusNotFound, code: 100, subcode: 33, typ: "GraphMethodException",
		message: fmt.Sprintf("Unsupported %s request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
			lowerMethod(method), object)}
}

// sendError is a send-time error (132xxx, 131xxx): WhatsApp puts the reason
// in error_data.details.
func sendError(status, code int, message, details string) *apiError {
	return &apiError{status: status, code: code, typ: "OAuthException", message: message, details: details}
}

func lowerMethod(m string) string {
	b := []byte(m)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

type errorBody struct {
	Message   string         `json:"message"`
	Type      string         `json:"type"`
	Code      int            `json:"code"`
	Subcode   int            `json:"error_subcode,omitempty"`
	Transient bool           `json:"is_transient"`
	UserTitle string         `json:"error_user_title,omitempty"`
	UserMsg   string         `json:"error_user_msg,omitempty"`
	Data      map[string]any `json:"error_data,omitempty"`
	TraceID   string         `json:"fbtrace_id"`
}

func (s *Server) writeError(w http.ResponseWriter, e *apiError) {
	trace := "AemuTrace" + strconv.FormatInt(s.trace.Add(1), 36)
	body := errorBody{Message: e.message, Type: e.typ, Code: e.code, Subcode: e.subcode,
		UserTitle: e.userTitle, UserMsg: e.userMsg, TraceID: trace}
	if e.details != "" {
		body.Data = map[string]any{"messaging_product": "whatsapp", "details": e.details}
	}
	if e.code == 190 {
		w.Header().Set("WWW-Authenticate", `OAuth "Facebook Platform" "invalid_token" "`+e.message+`"`)
	}
	writeJSON(w, e.status, map[string]any{"error": body})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
