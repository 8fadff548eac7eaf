package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
)

// combine digests the per-key digests (already sorted by key) into the
// remote and desired fingerprints of the whole plan.
func combine(ds []TemplateDigest) (remote, desired string) {
	hr, hd := sha256.New(), sha256.New()
	for _, d := range ds {
		writeFields(hr, d.Key.Name, d.Key.Language, d.Remote)
		writeFields(hd, d.Key.Name, d.Key.Language, d.Desired)
	}
	return hex.EncodeToString(hr.Sum(nil)), hex.EncodeToString(hd.Sum(nil))
}

func hashFields(fields ...string) string {
	h := sha256.New()
	writeFields(h, fields...)
	return hex.EncodeToString(h.Sum(nil))
}

// writeFields separates fields with NUL and ends with a newline, so that no
// two different field lists write the same bytes (names, languages, ids and
// statuses never contain NUL).
func writeFields(w io.Writer, fields ...string) {
	for i, f := range fields {
		if i > 0 {
			io.WriteString(w, "\x00")
		}
		io.WriteString(w, f)
	}
	io.WriteString(w, "\n")
}
