package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrOutcomeUnknown marks a failed request that may nonetheless have been
// applied: the connection broke after the request was sent, the attempt
// timed out, the server answered 5xx, or a success answer was unreadable.
// Errors wrapping it may also wrap an *APIError.
var ErrOutcomeUnknown = errors.New("outcome unknown: the request may have been applied")

// excerptMax bounds how much of an unparseable body an error quotes.
const excerptMax = 200

// APIError is an error answer from the API: Graph's error envelope, the
// proxy's {"error": "text"}, or a body that was not JSON at all.
type APIError struct {
	Status    int    // HTTP status
	Code      int    // error.code
	Subcode   int    // error.error_subcode
	Type      string // error.type, e.g. OAuthException
	Message   string // error.message, or the proxy's error text
	UserTitle string // error.error_user_title
	UserMsg   string // error.error_user_msg
	Details   string // error.error_data.details
	FBTraceID string // error.fbtrace_id
	Transient bool   // error.is_transient
	// Excerpt quotes, redacted and shortened, a body that was not a JSON
	// error (an HTML page from a proxy, a truncated body).
	Excerpt string
	// RetryAfter is the server's Retry-After, 0 when absent.
	RetryAfter time.Duration
}

var leadingCodeRE = regexp.MustCompile(`^\(#\d+\)\s*`)

func (e *APIError) Error() string {
	switch {
	case e.Excerpt != "":
		return fmt.Sprintf("HTTP %d %s: unexpected response body: %q", e.Status, http.StatusText(e.Status), e.Excerpt)
	case e.Code == 0:
		return fmt.Sprintf("HTTP %d: %s", e.Status, e.summary())
	}
	var b strings.Builder
	if e.Subcode != 0 {
		fmt.Fprintf(&b, "(#%d/%d) ", e.Code, e.Subcode)
	} else {
		fmt.Fprintf(&b, "(#%d) ", e.Code)
	}
	b.WriteString(e.summary())
	fmt.Fprintf(&b, " [HTTP %d", e.Status)
	if e.FBTraceID != "" {
		fmt.Fprintf(&b, ", fbtrace_id %s", e.FBTraceID)
	}
	b.WriteString("]")
	return b.String()
}

// summary prefers the user-facing title and text, which say what is wrong
// ("Content in This Language Already Exists"), over the generic message
// ("(#100) Invalid parameter"), and adds WhatsApp's details.
func (e *APIError) summary() string {
	var s string
	switch {
	case e.UserTitle != "" && e.UserMsg != "":
		s = e.UserTitle + ": " + e.UserMsg
	case e.UserTitle != "" || e.UserMsg != "":
		s = e.UserTitle + e.UserMsg
	default:
		s = leadingCodeRE.ReplaceAllString(e.Message, "")
	}
	if e.Details != "" && !strings.Contains(s, e.Details) {
		if s == "" {
			return e.Details
		}
		s += " (" + e.Details + ")"
	}
	if s == "" {
		s = http.StatusText(e.Status)
	}
	return s
}

// flexInt accepts a JSON number or a numeric string: proxies are not always
// careful about the type of error codes.
type flexInt int

func (f *flexInt) UnmarshalJSON(data []byte) error {
	s := strings.Trim(string(data), `"`)
	if s == "" || s == "null" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("error code %s: not an integer", data)
	}
	*f = flexInt(n)
	return nil
}

type graphError struct {
	Message     string  `json:"message"`
	Type        string  `json:"type"`
	Code        flexInt `json:"code"`
	Subcode     flexInt `json:"error_subcode"`
	UserTitle   string  `json:"error_user_title"`
	UserMsg     string  `json:"error_user_msg"`
	FBTraceID   string  `json:"fbtrace_id"`
	IsTransient bool    `json:"is_transient"`
	ErrorData   struct {
		Details string `json:"details"`
	} `json:"error_data"`
}

// parseAPIError builds the error for a non-2xx answer. Server-provided text
// is redacted: a proxy may echo the request, key included.
func (c *Client) parseAPIError(status int, header http.Header, body []byte) *APIError {
	e := &APIError{Status: status, RetryAfter: parseRetryAfter(header.Get("Retry-After"), c.opts.Clock.Now())}
	var env struct {
		Error json.RawMessage `json:"error"`
	}
	trimmed := bytes.TrimSpace(body)
	if json.Unmarshal(trimmed, &env) == nil && len(env.Error) > 0 {
		var text string
		var ge graphError
		switch {
		case json.Unmarshal(env.Error, &text) == nil && text != "":
			e.Message = c.red.redact(text)
			return e
		case env.Error[0] == '{' && json.Unmarshal(env.Error, &ge) == nil:
			e.Code, e.Subcode = int(ge.Code), int(ge.Subcode)
			e.Type = c.red.redact(ge.Type)
			e.Message = c.red.redact(ge.Message)
			e.UserTitle = c.red.redact(ge.UserTitle)
			e.UserMsg = c.red.redact(ge.UserMsg)
			e.Details = c.red.redact(ge.ErrorData.Details)
			e.FBTraceID = c.red.redact(ge.FBTraceID)
			e.Transient = ge.IsTransient
			return e
		}
	}
	e.Excerpt = c.red.excerpt(trimmed, excerptMax)
	if e.Excerpt == "" {
		e.Excerpt = "(empty)"
	}
	return e
}

// parseRetryAfter reads delay-seconds or an HTTP date; 0 when absent or
// unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return max(0, time.Duration(secs)*time.Second)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, t.Sub(now))
	}
	return 0
}

// AsAPIError returns the *APIError inside err, if any.
func AsAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

func matchAPIError(err error, f func(*APIError) bool) bool {
	e, ok := AsAPIError(err)
	return ok && f(e)
}

// IsNotFound reports a missing object: HTTP 404, code 803 (unknown alias),
// code 100 with subcode 33 (object does not exist), subcode 2593002, or
// code 132001 (template missing in that language at send time).
func IsNotFound(err error) bool {
	return matchAPIError(err, func(e *APIError) bool {
		return e.Status == http.StatusNotFound || e.Code == 803 || e.Code == 132001 ||
			e.Subcode == 2593002 || (e.Code == 100 && e.Subcode == 33)
	})
}

// IsRateLimited reports throttling: HTTP 429, code 4 (app), 80007 and 80008
// (WABA), 80012 (template edits), 131056 (pair rate limit).
func IsRateLimited(err error) bool { return matchAPIError(err, rateLimited) }

func rateLimited(e *APIError) bool {
	switch e.Code {
	case 4, 80007, 80008, 80012, 131056:
		return true
	}
	return e.Status == http.StatusTooManyRequests
}

// IsAlreadyExists reports that the (name, language) already has content:
// subcode 2388024 (matched as a code too, as some SDKs report it).
func IsAlreadyExists(err error) bool {
	return matchAPIError(err, func(e *APIError) bool { return e.Subcode == 2388024 || e.Code == 2388024 })
}

// IsEditLimit reports Meta's refusal of an edit beyond the quota of an
// APPROVED template (1 edit per 24 hours, 10 per 30 days). Meta documents
// the quota but not the error's code, so it is recognised by its title or
// message ("Edit limit reached", "can be edited once in 24 hours"), as the
// emulator and the corpus give it.
func IsEditLimit(err error) bool {
	return matchAPIError(err, func(e *APIError) bool {
		text := strings.ToLower(e.UserTitle + " " + e.UserMsg + " " + e.Message)
		return strings.Contains(text, "edit limit") || strings.Contains(text, "edited once in 24 hours") ||
			strings.Contains(text, "edited 10 times in 30 days")
	})
}

// IsRetryable reports an answer worth repeating later: throttling, the
// proxy's 409 "another message in flight", a 5xx or a transient error.
func IsRetryable(err error) bool {
	return matchAPIError(err, func(e *APIError) bool { return rejectedUnprocessed(e) || serverSide(e) })
}

// rejectedUnprocessed: the server refused before acting, so repeating the
// request is safe even for a create.
func rejectedUnprocessed(e *APIError) bool {
	return rateLimited(e) || e.Code == http.StatusConflict || e.Status == http.StatusConflict
}

// serverSide: the server failed, possibly after acting.
func serverSide(e *APIError) bool { return e.Status >= 500 || e.Transient }
