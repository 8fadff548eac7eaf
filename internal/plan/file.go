package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/template"
)

// ErrStale is wrapped by CheckStale when a saved plan no longer matches.
var ErrStale = errors.New("saved plan is stale")

// Encode writes p as indented JSON: the plan file format, which is also
// what `plan --format json` prints.
func Encode(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // template text keeps its & < > readable
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	return nil
}

// WriteFile saves p at name atomically, so a crash never leaves half a
// plan behind.
func WriteFile(name string, p *Plan) error {
	var buf bytes.Buffer
	if err := Encode(&buf, p); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	if err := atomicfile.Write(name, buf.Bytes()); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	return nil
}

// ReadFile loads a saved plan, refusing a format of another major version.
func ReadFile(name string) (*Plan, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("read plan %s: %w", name, err)
	}
	if major(p.FormatVersion) != major(FormatVersion) {
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
