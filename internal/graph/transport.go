package graph

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Backoff shape: full jitter over an exponential ceiling.
const (
	backoffBase = 500 * time.Millisecond
	backoffCap  = 30 * time.Second
	maxBody     = 64 << 20 // a response larger than this is refused
)

// call is one logical request; do may send it several times.
type call struct {
	method      string
	path        string // below the base URL, starting with "/"
	query       url.Values
	body        []byte // sent again on every attempt
	contentType string
	header      http.Header // extra headers (the upload API's file_offset)
	// oauth sends a Meta token as "Authorization: OAuth ..." in place of
	// "Bearer ...", as Meta's upload API requires for the transfer.
	oauth bool
	// unsafe marks a request that must not be repeated once it may have
	// reached the server's logic (a create, a send): do returns
	// ErrOutcomeUnknown instead, and the caller decides.
	unsafe bool
}

// verdict is what an attempt's outcome allows.
type verdict int

const (
	vDone      verdict = iota
	vFail              // permanent: a 4xx, a cancelled context
	vRetry             // the server certainly did not act: always safe to repeat
	vAmbiguous         // the server may have acted: repeat only safe requests
)

// do sends cl, retrying as its verdicts allow, and decodes a 2xx JSON body
// into out (nil: body ignored). Errors are redacted and, when the request
// may have been applied, wrap ErrOutcomeUnknown.
func (c *Client) do(ctx context.Context, cl *call, out any) error {
	start := c.opts.Clock.Now()
	for attempt := 1; ; attempt++ {
		if err := c.waitPause(ctx); err != nil {
			return fmt.Errorf("wait for the server's Retry-After: %w", err)
		}
		v, err := c.attempt(ctx, cl, out)
		if e, ok := AsAPIError(err); ok && e.RetryAfter > 0 {
			c.pause(e.RetryAfter)
		}
		switch {
		case v == vDone:
			return nil
		case v == vFail:
			return err
		case v == vAmbiguous && cl.unsafe:
			return fmt.Errorf("%w: %w", ErrOutcomeUnknown, err)
		}
		if attempt >= c.opts.MaxAttempts {
			return fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		wait := c.backoff(attempt, err)
		if c.opts.Clock.Now().Add(wait).Sub(start) > c.opts.MaxElapsed {
			return fmt.Errorf("gave up after %d attempts (retry budget %s spent): %w", attempt, c.opts.MaxElapsed, err)
		}
		if serr := c.opts.Clock.Sleep(ctx, wait); serr != nil {
			return fmt.Errorf("wait before retry: %w; last attempt: %w", serr, err)
		}
	}
}

// pause holds every request back for d from now (a longer pause already
// set stays).
func (c *Client) pause(d time.Duration) {
	until := c.opts.Clock.Now().Add(d)
	c.pauseMu.Lock()
	defer c.pauseMu.Unlock()
	if until.After(c.pausedUntil) {
		c.pausedUntil = until
	}
}

// waitPause waits until the server's last Retry-After has passed.
func (c *Client) waitPause(ctx context.Context) error {
	c.pauseMu.Lock()
	until := c.pausedUntil
	c.pauseMu.Unlock()
	if wait := until.Sub(c.opts.Clock.Now()); wait > 0 {
		return c.opts.Clock.Sleep(ctx, wait)
	}
	return nil
}

// backoff is a random wait in [0, min(cap, base·2^(attempt-1))), but never
// shorter than the server's Retry-After.
func (c *Client) backoff(attempt int, err error) time.Duration {
	ceiling := float64(backoffBase) * math.Pow(2, float64(attempt-1))
	wait := time.Duration(c.opts.Rand() * math.Min(ceiling, float64(backoffCap)))
	if e, ok := AsAPIError(err); ok && e.RetryAfter > wait {
		wait = e.RetryAfter
	}
	return wait
}

// attempt sends cl once, with the per-attempt timeout, and judges the result.
func (c *Client) attempt(ctx context.Context, cl *call, out any) (verdict, error) {
	actx, cancel := context.WithTimeout(ctx, c.opts.RequestTimeout)
	defer cancel()
	req, err := c.newRequest(actx, cl)
	if err != nil {
		return vFail, err
	}
	began := c.opts.Clock.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.traceAttempt(req, nil, err, c.opts.Clock.Now().Sub(began))
		return c.transportVerdict(ctx, req, err)
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	resp.Body.Close()
	c.traceAttempt(req, resp, rerr, c.opts.Clock.Now().Sub(began))
	if rerr != nil {
		return c.transportVerdict(ctx, req, fmt.Errorf("read response (HTTP %d): %w", resp.StatusCode, rerr))
	}
	if len(body) > maxBody {
		return vFail, fmt.Errorf("%s %s: response larger than %d bytes", req.Method, c.red.redact(req.URL.Path), maxBody)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.statusVerdict(c.parseAPIError(resp.StatusCode, resp.Header, body))
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return vDone, nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		err = fmt.Errorf("decode response (HTTP %d): %v: %q", resp.StatusCode, err, c.red.excerpt(body, excerptMax))
		if !cl.unsafe {
			// The whole body arrived (a cut one fails in ReadAll) and it is
			// not the answer: JSON of another shape, or a proxy's HTML page
			// with status 200. Asking again gets the same.
			return vFail, err
		}
		// A create or send did reach the server: its effect is unknown
		// until the caller looks.
		return vAmbiguous, err
	}
	return vDone, nil
}

func (c *Client) newRequest(ctx context.Context, cl *call) (*http.Request, error) {
	u := *c.base
	u.RawPath = c.base.EscapedPath() + cl.path
	var err error
	if u.Path, err = url.PathUnescape(u.RawPath); err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	if len(cl.query) > 0 {
		u.RawQuery = cl.query.Encode()
	}
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("build request: %s", c.red.redact(err.Error()))
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept", "application/json")
	if cl.contentType != "" {
		req.Header.Set("Content-Type", cl.contentType)
	}
	for k, vs := range cl.header {
		req.Header[k] = vs
	}
	switch {
	case c.opts.Provider == ProviderKapso:
		req.Header.Set("X-API-Key", string(c.opts.APIKey))
	case cl.oauth:
		req.Header.Set("Authorization", "OAuth "+string(c.opts.Token))
	default:
		req.Header.Set("Authorization", "Bearer "+string(c.opts.Token))
	}
	return req, nil
}

func (c *Client) statusVerdict(e *APIError) (verdict, error) {
	switch {
	case rejectedUnprocessed(e):
		return vRetry, e
	case serverSide(e):
		return vAmbiguous, e
	}
	return vFail, e
}

// transportVerdict judges a failure without an HTTP answer. A refused
// connection never reached the server; anything later (a reset, an EOF, a
// timeout) may have reached it. The caller's own cancellation ends the
// request. The error is rebuilt without *url.Error, whose text would print
// the full URL.
func (c *Client) transportVerdict(ctx context.Context, req *http.Request, err error) (verdict, error) {
	if ctx.Err() != nil {
		return vFail, fmt.Errorf("%s %s: %w", req.Method, c.red.redact(req.URL.Path), ctx.Err())
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	wrapped := &transportError{msg: fmt.Sprintf("%s %s: %s", req.Method, c.red.redact(req.URL.Path), c.red.redact(describe(err))), err: err}
	if badCertificate(err) {
		// The handshake failed before the request was sent, and a retry
		// meets the same certificate.
		return vFail, wrapped
	}
	if neverSent(err) {
		return vRetry, wrapped
	}
	return vAmbiguous, wrapped
}

// transportError keeps the cause for errors.Is (timeouts, resets) while
// its text stays redacted.
type transportError struct {
	msg string
	err error
}

func (e *transportError) Error() string { return e.msg }
func (e *transportError) Unwrap() error { return e.err }

func describe(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer within the request timeout"
	}
	return err.Error()
}

// badCertificate reports a TLS certificate the client does not trust.
func badCertificate(err error) bool {
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &host) || errors.As(err, &invalid)
}

// neverSent reports a dial failure: the request bytes never left.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
