package template

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
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
		entries[i] = entry{key: t.Key(), body: appendTemplate(nil, &t, true)}
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

// Digest is Fingerprint([]Template{t}) for a t already in canonical form
// (Canonical's or FromRemote's output, which Canonical leaves as they
// are: TestCanonicalStable), without normalising it again.
func Digest(t *Template) string {
	bp := digestBuffers.Get().(*[]byte)
	b := append((*bp)[:0], fingerprintVersion...)
	b = appendTemplate(b, t, true)
	b = append(b, '\n')
	sum := sha256.Sum256(b)
	*bp = b
	digestBuffers.Put(bp)
	return hex.EncodeToString(sum[:])
}

// digestBuffers recycles Digest's buffers: a plan digests thousands of
// templates of about a kilobyte each.
var digestBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
