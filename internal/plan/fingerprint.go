package plan

import (
	"crypto/sha256"
	"encoding/hex"
)

// combine digests the per-key digests (already sorted by key) into the
// remote and desired fingerprints of the whole plan.
func combine(ds []TemplateDigest) (remote, desired string) {
	hr, hd := sha256.New(), sha256.New()
	var buf []byte
	for _, d := range ds {
		buf = appendFields(buf[:0], d.Key.Name, d.Key.Language, d.Remote)
		hr.Write(buf)
		buf = appendFields(buf[:0], d.Key.Name, d.Key.Language, d.Desired)
		hd.Write(buf)
	}
	return hex.EncodeToString(hr.Sum(nil)), hex.EncodeToString(hd.Sum(nil))
}

func hashFields(fields ...string) string {
	sum := sha256.Sum256(appendFields(nil, fields...))
	return hex.EncodeToString(sum[:])
}

// appendFields separates fields with NUL and ends with a newline, so that
// no two different field lists give the same bytes (names, languages, ids
// and statuses never contain NUL). Fields are appended rather than written
// to the hash one by one: a hash.Hash takes bytes, and converting each
// string was most of combining thousands of digests.
func appendFields(b []byte, fields ...string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, f...)
	}
	return append(b, '\n')
}
