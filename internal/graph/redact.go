package graph

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/waform/waform/internal/secret"
)

const redacted = secret.Redacted

// Credentials that may show up in text even when they are not ours: Graph's
// paging.next URLs carry access_token=, and a proxy may echo headers back.
var credentialPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(access_token=)[^&\s"'<>]+`),
	regexp.MustCompile(`(?i)(bearer\s+)[^\s"'<>,;]+`),
	regexp.MustCompile(`(?i)(x-api-key["']?\s*[:=]\s*["']?)[^\s"'<>,;&]+`),
}

// sensitiveHeaders are printed with their value redacted.
var sensitiveHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"X-Api-Key":           true,
	"Cookie":              true,
	"Set-Cookie":          true,
}

// redactor replaces known secrets, in raw and URL-escaped form, and any
// credential-shaped substring. Every error and trace line goes through it.
type redactor struct{ secrets []string }

func newRedactor(secrets ...string) *redactor {
	var all []string
	for _, s := range secrets {
		if s == "" {
			continue
		}
		all = append(all, s, url.QueryEscape(s), url.PathEscape(s))
	}
	// Longest first, so a secret that contains another is replaced whole.
	slices.SortFunc(all, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return &redactor{secrets: slices.Compact(all)}
}

func (r *redactor) redact(s string) string {
	for _, secret := range r.secrets {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	for _, re := range credentialPatterns {
		s = re.ReplaceAllString(s, "${1}"+redacted)
	}
	return s
}

// excerpt returns at most max bytes of body, redacted, on one line, cut on
// a rune boundary.
func (r *redactor) excerpt(body []byte, max int) string {
	s := r.redact(strings.Join(strings.Fields(string(body)), " "))
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// traceAttempt writes one --verbose entry: request line and headers, then
// the status (or the transport error) with the attempt's duration.
func (c *Client) traceAttempt(req *http.Request, resp *http.Response, err error, d time.Duration) {
	if c.opts.Trace == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--> %s %s\n", req.Method, c.red.redact(req.URL.String()))
	c.writeHeaders(&b, req.Header)
	switch {
	case err != nil:
		fmt.Fprintf(&b, "<-- error: %s (%s)\n", c.red.redact(err.Error()), d.Round(time.Millisecond))
	default:
		fmt.Fprintf(&b, "<-- %s (%s)\n", resp.Status, d.Round(time.Millisecond))
		c.writeHeaders(&b, resp.Header)
	}
	c.traceMu.Lock()
	defer c.traceMu.Unlock()
	// A failing trace writer must not fail the request.
	_, _ = c.opts.Trace.Write([]byte(b.String()))
}

func (c *Client) writeHeaders(b *strings.Builder, h http.Header) {
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			if sensitiveHeaders[http.CanonicalHeaderKey(k)] {
				v = redacted
			}
			fmt.Fprintf(b, "    %s: %s\n", k, c.red.redact(v))
		}
	}
}
