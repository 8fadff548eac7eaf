// Package graph is waform's HTTP client for WhatsApp template management,
// through Kapso's Meta proxy (X-API-Key) or Meta's Graph API directly
// (Authorization: Bearer). It retries what is safe to retry, never creates a
// template twice, returns typed API errors, and keeps the API key or token
// out of every error, trace line and formatted value.
package graph

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/secret"
)

// Providers.
const (
	ProviderKapso = "kapso"
	ProviderMeta  = "meta"
)

// Defaults applied by New when an Options field is zero.
const (
	DefaultMaxAttempts    = 5
	DefaultMaxElapsed     = 2 * time.Minute
	DefaultRequestTimeout = 30 * time.Second
)

// Options configure a Client. BaseURL is the full prefix up to and including
// the Graph version, as ResolveBaseURL returns it.
type Options struct {
	Provider string // ProviderKapso or ProviderMeta
	BaseURL  string
	APIKey   secret.Secret // kapso: sent as X-API-Key
	Token    secret.Secret // meta: sent as Authorization: Bearer

	// UpdateMethod is how a template edit is sent through Kapso's proxy:
	// "POST" (the default, what Kapso's own scripts send) or "PUT" (what
	// kapso-meta-proxy-api.md documents). Ignored for meta.
	UpdateMethod string
	// Version is waform's version, named in the User-Agent header.
	Version string

	HTTPClient *http.Client // nil: a plain client; redirects are never followed
	// Connections is how many idle connections to the API are kept for
	// reuse (with a nil HTTPClient): as many as requests run at once, so
	// parallel workers do not reconnect for every request. 0: Go's 2.
	Connections    int
	MaxAttempts    int           // attempts per request, first one included
	MaxElapsed     time.Duration // overall budget for one request and its retries
	RequestTimeout time.Duration // per attempt

	// Trace, when set, receives one entry per HTTP attempt (--verbose) with
	// secrets redacted.
	Trace io.Writer

	// Clock and randomness, injectable so tests neither sleep nor depend on
	// chance (nil: the wall clock). Rand returns a value in [0, 1) and must
	// be safe for concurrent use.
	Clock clock.Clock
	Rand  func() float64
}

// Client talks to one provider. It is safe for concurrent use.
type Client struct {
	opts    Options
	base    *url.URL
	hc      *http.Client
	ua      string
	red     *redactor
	traceMu sync.Mutex

	// pausedUntil is when the last Retry-After ends: every request waits
	// for it, so one 429 holds back all of apply's workers, not only the
	// one that received it.
	pauseMu     sync.Mutex
	pausedUntil time.Time
}

// New checks opts, applies defaults and returns a Client.
func New(opts Options) (*Client, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, fmt.Errorf("new client: %w", err)
	}
	base, err := url.Parse(strings.TrimRight(opts.BaseURL, "/"))
	if err != nil || base.Host == "" || (base.Scheme != "http" && base.Scheme != "https") {
		return nil, errors.New("new client: base URL must be an absolute http(s) URL")
	}
	hc := &http.Client{}
	if opts.Connections > 0 {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = opts.Connections
		hc.Transport = t
	}
	if opts.HTTPClient != nil {
		copied := *opts.HTTPClient
		hc = &copied
	}
	// A redirect could carry X-API-Key to another host (Go strips only
	// Authorization on cross-host redirects); the API never redirects.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	return &Client{
		opts: opts,
		base: base,
		hc:   hc,
		ua:   "waform/" + version + " (+https://github.com/waform/waform)",
		red:  newRedactor(string(opts.APIKey), string(opts.Token)),
	}, nil
}

func checkOptions(o *Options) error {
	switch o.Provider {
	case ProviderKapso:
		if o.APIKey == "" {
			return errors.New("provider kapso needs an API key (KAPSO_API_KEY)")
		}
	case ProviderMeta:
		if o.Token == "" {
			return errors.New("provider meta needs an access token (META_ACCESS_TOKEN)")
		}
	default:
		return fmt.Errorf("unknown provider %q: want %q or %q", o.Provider, ProviderKapso, ProviderMeta)
	}
	switch strings.ToUpper(o.UpdateMethod) {
	case "":
		o.UpdateMethod = http.MethodPost
	case http.MethodPost, http.MethodPut:
		o.UpdateMethod = strings.ToUpper(o.UpdateMethod)
	default:
		return fmt.Errorf("update method %q: want POST or PUT", o.UpdateMethod)
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.MaxElapsed <= 0 {
		o.MaxElapsed = DefaultMaxElapsed
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.Clock == nil {
		o.Clock = clock.System{}
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	return nil
}

// Format prints the client without its secrets for every verb: fmt cannot
// reach Secret's own Format through unexported fields.
func (c *Client) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "graph.Client{%s %s}", c.opts.Provider, c.base.Redacted())
}

// Host is the host (and port) requests go to, for showing which API a
// command talks to.
func (c *Client) Host() string { return c.base.Host }

// Redact removes the client's secrets (and any access_token value, Bearer
// credential or X-API-Key header) from s. Callers printing text that may
// have come from a request use it too.
func (c *Client) Redact(s string) string { return c.red.redact(s) }
