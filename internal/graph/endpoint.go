package graph

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Defaults for ResolveBaseURL.
const (
	DefaultGraphVersion = "v24.0"
	DefaultKapsoBaseURL = "https://api.kapso.ai"
	DefaultMetaBaseURL  = "https://graph.facebook.com"
)

// Endpoint holds the inputs that decide where requests go, each already
// chosen by precedence (flag > environment > config) by the caller.
type Endpoint struct {
	Provider string // ProviderKapso (also when empty) or ProviderMeta
	// BaseURL is api.base_url or KAPSO_API_BASE_URL: a host root such as
	// https://api.kapso.ai. For kapso a base ending in /platform/v1, /meta
	// or /meta/whatsapp[/vX.Y] is accepted and normalised.
	BaseURL string
	// MetaBaseURL is KAPSO_META_BASE_URL; for kapso it replaces BaseURL.
	MetaBaseURL string
	// GraphVersion is META_GRAPH_VERSION or api.graph_version; "24.0" and
	// "v24.0" are both accepted. Empty means DefaultGraphVersion.
	GraphVersion string
}

var (
	versionRE     = regexp.MustCompile(`^v?(\d+\.\d+)$`)
	trailingVerRE = regexp.MustCompile(`/v\d+\.\d+$`)
)

// ResolveBaseURL returns the prefix every request path is appended to:
// ${base}/meta/whatsapp/{version} for kapso, ${base}/{version} for meta.
// It normalises the base the way Kapso's own scripts do, so that a base
// copied from Kapso's dashboard (…/platform/v1) or docs (…/meta/whatsapp/v24.0)
// works, and the configured version always wins over one in the base.
func ResolveBaseURL(e Endpoint) (string, error) {
	version := DefaultGraphVersion
	if e.GraphVersion != "" {
		m := versionRE.FindStringSubmatch(strings.TrimSpace(e.GraphVersion))
		if m == nil {
			return "", fmt.Errorf("resolve base URL: graph version %q: want vMAJOR.MINOR such as %s", e.GraphVersion, DefaultGraphVersion)
		}
		version = "v" + m[1]
	}
	var base string
	switch e.Provider {
	case "", ProviderKapso:
		base = firstNonEmpty(e.MetaBaseURL, e.BaseURL, DefaultKapsoBaseURL)
		base = kapsoProxyRoot(strings.TrimRight(strings.TrimSpace(base), "/"))
	case ProviderMeta:
		base = strings.TrimRight(strings.TrimSpace(firstNonEmpty(e.BaseURL, DefaultMetaBaseURL)), "/")
		base = trailingVerRE.ReplaceAllString(base, "")
	default:
		return "", fmt.Errorf("resolve base URL: unknown provider %q: want %q or %q", e.Provider, ProviderKapso, ProviderMeta)
	}
	if err := checkBaseURL(base); err != nil {
		return "", fmt.Errorf("resolve base URL: %w", err)
	}
	return base + "/" + version, nil
}

// kapsoProxyRoot maps any accepted form of a Kapso base to …/meta/whatsapp.
func kapsoProxyRoot(base string) string {
	base = trailingVerRE.ReplaceAllString(base, "")
	switch {
	case strings.HasSuffix(base, "/platform/v1"):
		return strings.TrimSuffix(base, "/platform/v1") + "/meta/whatsapp"
	case strings.HasSuffix(base, "/meta/whatsapp"):
		return base
	case strings.HasSuffix(base, "/meta"):
		return base + "/whatsapp"
	}
	return base + "/meta/whatsapp"
}

// checkBaseURL refuses bases that would send the secret somewhere it should
// not go: in clear text to a remote host, or printed as URL credentials.
func checkBaseURL(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return errors.New("base URL does not parse")
	}
	if u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return errors.New("base URL must be an absolute http(s) URL")
	}
	if u.User != nil {
		return errors.New("base URL must not carry credentials; use KAPSO_API_KEY or META_ACCESS_TOKEN")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return errors.New("base URL must not have a query or fragment")
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return fmt.Errorf("base URL %s must use https (plain http is allowed only for localhost)", u.Redacted())
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
