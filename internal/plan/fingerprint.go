package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/waform/waform/internal/template"
)

// digestEntry fingerprints both sides of one key. The remote side covers the
// template and the fields the plan's decisions rest on (id, status,
// last_updated_time), which template.Fingerprint leaves out.
func digestEntry(k template.Key, e *entry) TemplateDigest {
	d := TemplateDigest{Key: k}
	if e.desired != nil {
		d.Desired = template.Fingerprint([]template.Template{e.desired.Template})
		if len(e.desired.Media) > 0 {
			fields := []string{d.Desired}
			for _, m := range e.desired.Media {
				fields = append(fields, m.Ref, m.SHA256)
			}
			d.Desired = hashFields(fields...)
		}
	}
	r := e.remote
	if r == nil {
		r = e.deleting
	}
	if r != nil {
		fields := []string{template.Fingerprint([]template.Template{r.Template}), r.ID, normStatus(r.Status), r.LastUpdatedTime}
		if r.Unreadable != "" {
			// Only the raw JSON tells one unreadable version from another;
			// readable templates keep the digests older plans recorded.
			fields = append(fields, r.Unreadable, string(r.Raw))
		}
		d.Remote = hashFields(fields...)
	}
	return d
}

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
