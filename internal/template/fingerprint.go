package template

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
)

// fingerprintVersion is hashed first so that a change to the canonical form
// makes plans saved by an older waform stale rather than silently matching.
const fingerprintVersion = "waform-fingerprint-v1\n"

// Compare orders keys by name, then language.
func (k Key) Compare(o Key) int {
	if c := strings.Compare(k.Name, o.Name); c != 0 {
		return c
	}
	return strings.Compare(k.Language, o.Language)
}

// SortByKey sorts templates by name, then language, keeping the order of
// templates with the same key.
func SortByKey(ts []Template) {
	slices.SortStableFunc(ts, func(a, b Template) int { return a.Key().Compare(b.Key()) })
}

// Fingerprint is a sha256 (hex) of the canonical forms of ts, independent of
// their order, used by saved plans to notice that the files or the remote
// changed since the plan was made.
//
// It covers the whole canonical form, not only the fields Diff compares: a
// saved plan carries the bodies it will send, so any change to what would be
// sent (an upload handle, supported_apps, allow_category_change...) must make
// it stale. The one exclusion is a header_handle that is a URL: Meta answers
// media examples with a CDN URL whose query changes on every read, which
// would make every plan stale; upload handles from files ("4::...") are
// kept. Remote-only fields (id, status) are not part of Template; a plan that
// depends on them fingerprints them itself.
func Fingerprint(ts []Template) string {
	type entry struct {
		key  Key
		body []byte
	}
	entries := make([]entry, len(ts))
	for i, t := range ts {
		t = Canonical(t)
		t.Components = withoutHandleURLs(t.Components)
		// Template holds only strings, numbers, bools and slices of them, and
		// its custom marshalers cannot fail, so Marshal cannot fail either.
		body, _ := json.Marshal(t)
		entries[i] = entry{key: t.Key(), body: body}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := a.key.Compare(b.key); c != 0 {
			return c
		}
		return bytes.Compare(a.body, b.body)
	})
	h := sha256.New()
	h.Write([]byte(fingerprintVersion))
	for _, e := range entries {
		h.Write(e.body)
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// withoutHandleURLs drops header_handle values that are URLs, in components
// and cards. cs is canonical, so its slices and examples are its own.
func withoutHandleURLs(cs []Component) []Component {
	for i := range cs {
		c := &cs[i]
		if c.Example != nil && len(c.Example.HeaderHandle) > 0 {
			c.Example.HeaderHandle = slices.DeleteFunc(slices.Clone(c.Example.HeaderHandle), isURL)
			c.Example = canonicalExample(c.Example)
		}
		for j := range c.Cards {
			c.Cards[j].Components = withoutHandleURLs(c.Cards[j].Components)
		}
	}
	return cs
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
