package plan

import (
	"slices"

	"github.com/waform/waform/internal/parallel"
	"github.com/waform/waform/internal/template"
)

// Sides collects the two sides of a plan, putting each template in the
// form the plan compares and digesting it once, as it arrives: the files'
// templates once validated, the account's page by page while the next
// page is fetched. Whatever the listing's network time covers is then not
// left for after the last page.
//
// AddDesired and AddRemote may run at the same time as each other, on
// different goroutines, but neither at the same time as itself or as
// Compute.
type Sides struct {
	desired []desiredSide
	remote  []remoteSide
}

// desiredSide is a file's template with its canonical form (in place of
// the template as written) and its digest.
type desiredSide struct {
	Desired
	digest string
}

// remoteSide is a listed template with FromRemote's form, and the digest
// of the template and of the fields decisions rest on. The listed
// components are dropped once both are computed: what the rest of the
// plan reads of the Remote (identity, status, category, quality) stays.
type remoteSide struct {
	template.Remote
	form   template.Template
	digest string
}

// AddDesired adds the files' templates.
func (s *Sides) AddDesired(desired []Desired) {
	start := len(s.desired)
	s.desired = slices.Grow(s.desired, len(desired))[:start+len(desired)]
	parallel.For(len(desired), func(i int) {
		d := desired[i]
		d.Template = template.Canonical(d.Template)
		side := desiredSide{Desired: d, digest: template.Digest(&d.Template)}
		if len(d.Media) > 0 {
			fields := []string{side.digest}
			for _, m := range d.Media {
				fields = append(fields, m.Ref, m.SHA256)
			}
			side.digest = hashFields(fields...)
		}
		s.desired[start+i] = side
	})
}

// AddRemote adds listed templates, a page of them or all.
func (s *Sides) AddRemote(remote []template.Remote) {
	start := len(s.remote)
	s.remote = slices.Grow(s.remote, len(remote))[:start+len(remote)]
	parallel.For(len(remote), func(i int) {
		r := remote[i]
		c := template.Canonical(r.Template)
		// The remote digest covers the template and the fields the plan's
		// decisions rest on (id, status, last_updated_time), which
		// template.Fingerprint leaves out.
		fields := []string{template.Digest(&c), r.ID, normStatus(r.Status), r.LastUpdatedTime}
		if r.Unreadable != "" {
			// Only the raw JSON tells one unreadable version from another;
			// readable templates keep the digests older plans recorded.
			fields = append(fields, r.Unreadable, string(r.Raw))
		}
		side := remoteSide{Remote: r, form: template.FromCanonicalRemote(c), digest: hashFields(fields...)}
		side.Components = nil
		s.remote[start+i] = side
	})
}
