package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/template"
)

// ErrStale is wrapped by CheckStale when a saved plan no longer matches.
var ErrStale = errors.New("saved plan is stale")

// Encode writes p as indented JSON: the plan file format, as
// `plan --format json` prints it for people to read.
func Encode(w io.Writer, p *Plan) error { return encode(w, p, "  ") }

func encode(w io.Writer, p *Plan, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(false) // template text keeps its & < > readable
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	return nil
}

// WriteFile saves p at name atomically, so a crash never leaves half a
// plan behind. The file is compact JSON (the same document as Encode's):
// a plan of thousands of actions is read by apply, not by people, and
// indenting it doubles its size.
func WriteFile(name string, p *Plan) error {
	var buf bytes.Buffer
	if err := encode(&buf, p, ""); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	if err := atomicfile.Write(name, buf.Bytes()); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	return nil
}

// ReadFile loads a saved plan. A file that is not a complete waform plan
// (truncated, another tool's JSON, another major version) is refused with an
// error saying so; nothing in it is used.
func ReadFile(name string) (*Plan, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("read plan %s: not a complete waform plan file (%v); make it again with waform plan --out", name, err)
	}
	// Other tools' plans are JSON too, some with a format_version of the
	// same major (Terraform's is 1.x): a waform plan is told by its
	// fingerprints as well.
	var missing []string
	if p.FormatVersion == "" {
		missing = append(missing, "format_version")
	}
	if p.Fingerprints.Remote == "" || p.Fingerprints.Desired == "" {
		missing = append(missing, "fingerprints")
	}
	switch {
	case len(missing) > 0:
		return nil, fmt.Errorf("read plan %s: not a waform plan file (it has no %s); make it with waform plan --out",
			name, strings.Join(missing, " and no "))
	case major(p.FormatVersion) != major(FormatVersion):
		return nil, fmt.Errorf("read plan %s: format version %q is not supported (this waform reads %s.x); make the plan again",
			name, p.FormatVersion, major(FormatVersion))
	}
	return &p, nil
}

func major(v string) string {
	m, _, _ := strings.Cut(v, ".")
	return m
}

// CheckStale compares a saved plan with one computed now from the same
// settings and returns an error wrapping ErrStale, naming the templates that
// differ, when the account, the remote templates or the files changed.
func CheckStale(saved, current *Plan) error {
	if saved.Settings.BusinessAccountID != current.Settings.BusinessAccountID {
		return fmt.Errorf("%w: it was made for business account %q, not %q", ErrStale,
			saved.Settings.BusinessAccountID, current.Settings.BusinessAccountID)
	}
	var parts []string
	if saved.Fingerprints.Remote != current.Fingerprints.Remote {
		keys := changedKeys(saved.Fingerprints.Templates, current.Fingerprints.Templates,
			func(d TemplateDigest) string { return d.Remote })
		parts = append(parts, "remote templates changed since it was made"+nameList(keys))
	}
	if saved.Fingerprints.Desired != current.Fingerprints.Desired {
		keys := changedKeys(saved.Fingerprints.Templates, current.Fingerprints.Templates,
			func(d TemplateDigest) string { return d.Desired })
		parts = append(parts, "template files changed since it was made"+nameList(keys))
	}
	if len(parts) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s; run waform plan again", ErrStale, strings.Join(parts, "; "))
}

// changedKeys lists, in key order, the keys whose side (as picked by side)
// differs between two digest lists, a key missing from one counting as "".
func changedKeys(saved, current []TemplateDigest, side func(TemplateDigest) string) []template.Key {
	was := make(map[template.Key]string, len(saved))
	for _, d := range saved {
		was[d.Key] = side(d)
	}
	var out []template.Key
	for _, d := range current {
		if was[d.Key] != side(d) {
			out = append(out, d.Key)
		}
		delete(was, d.Key)
	}
	for k, v := range was {
		if v != "" {
			out = append(out, k)
		}
	}
	sortKeys(out)
	return out
}

// nameList is ": a (en), b (fr) and 3 more", or "" for no keys.
func nameList(keys []template.Key) string {
	const shown = 5
	if len(keys) == 0 {
		return ""
	}
	names := make([]string, 0, shown)
	for i, k := range keys {
		if i == shown {
			break
		}
		names = append(names, k.String())
	}
	s := ": " + strings.Join(names, ", ")
	if len(keys) > shown {
		s += fmt.Sprintf(" and %d more", len(keys)-shown)
	}
	return s
}

// ErrDiffers is wrapped by SameActions when a saved plan's actions are not
// the ones planning now gives.
var ErrDiffers = errors.New("saved plan differs from the plan made now")

// SameActions checks that saved, a plan read from a file, holds exactly the
// actions of current, the plan computed now from the files, the account and
// the current settings: same kinds, ids and template content, action for
// action. A saved plan is only a record of what was reviewed; what runs is
// current, and only if it is what was reviewed. The error names every
// difference.
func SameActions(saved, current *Plan) error {
	if summarize(saved.Actions) != saved.Summary {
		return fmt.Errorf("%w: its summary does not count its actions, so the file was edited; make the plan again", ErrDiffers)
	}
	was := make(map[template.Key]Action)
	for _, a := range saved.Pending() {
		if _, dup := was[a.Key]; dup {
			return fmt.Errorf("%w: it lists %s twice, so the file was edited; make the plan again", ErrDiffers, a.Key)
		}
		was[a.Key] = a
	}
	var diffs []string
	for _, a := range current.Pending() {
		s, ok := was[a.Key]
		delete(was, a.Key)
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("planning now gives %s %s, which the saved plan does not have", verb(a), a.Key))
		case verb(s) != verb(a):
			diffs = append(diffs, fmt.Sprintf("%s: the saved plan says %s, planning now says %s", a.Key, verb(s), verb(a)))
		case s.ID != a.ID:
			diffs = append(diffs, fmt.Sprintf("%s: the saved plan addresses template id %q, the account has %q", a.Key, s.ID, a.ID))
		case !sameTemplate(s.After, a.After):
			diffs = append(diffs, fmt.Sprintf("%s: the saved plan's %s sends other content than the file", a.Key, verb(s)))
		}
	}
	for k, s := range was {
		diffs = append(diffs, fmt.Sprintf("the saved plan has %s %s, which planning now does not", verb(s), k))
	}
	if len(diffs) == 0 {
		return nil
	}
	slices.Sort(diffs)
	const shown = 5
	if len(diffs) > shown {
		diffs = append(diffs[:shown], fmt.Sprintf("and %d more", len(diffs)-shown))
	}
	hint := ""
	if saved.Settings.Prune != current.Settings.Prune || saved.Settings.Force != current.Settings.Force {
		hint = fmt.Sprintf(" (it was made with prune %v and force %v; now prune is %v and force %v: pass the same flags)",
			saved.Settings.Prune, saved.Settings.Force, current.Settings.Prune, current.Settings.Force)
	}
	return fmt.Errorf("%w%s: %s; review a new plan", ErrDiffers, hint, strings.Join(diffs, "; "))
}

// verb is "create", or "blocked update" for a blocked action.
func verb(a Action) string {
	if a.Kind == Blocked {
		return "blocked " + string(a.Intent)
	}
	return string(a.Kind)
}

// sameTemplate compares what would be sent byte for byte: template.Equal
// leaves out fields Meta does not echo (a media header's handle), which a
// tampered plan could change unseen.
func sameTemplate(a, b *template.Template) bool {
	if a == nil || b == nil {
		return a == b
	}
	ja, erra := json.Marshal(a)
	jb, errb := json.Marshal(b)
	return erra == nil && errb == nil && bytes.Equal(ja, jb)
}
