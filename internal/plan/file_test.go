package plan

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func samplePlan(t *testing.T, body string, status string) *Plan {
	t.Helper()
	files := []Desired{
		want(tmpl("order", "en_US", "UTILITY", body)),
		want(tmpl("welcome", "en_US", "MARKETING", "Hi")),
	}
	remotes := []template.Remote{
		remote(tmpl("order", "en_US", "UTILITY", "Your order has shipped."), "1", status),
		remote(tmpl("welcome", "en_US", "MARKETING", "Hi"), "2", "APPROVED"),
		remote(tmpl("other", "en_US", "UTILITY", "x"), "3", "APPROVED"),
	}
	p, err := Compute(files, remotes, Policy{MaxDeletes: 5, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	p.Settings.BusinessAccountID = "1234"
	return p
}

func TestWriteReadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "plan.json")
	p := samplePlan(t, "Your order is on its way.", "APPROVED")
	p.CreatedBy = "waform test"
	if err := WriteFile(name, p); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalizeJSON(t, got), normalizeJSON(t, p)) {
		t.Errorf("round trip changed the plan:\n got %+v\nwant %+v", got, p)
	}
	if got.CreatedBy != "waform test" || got.Settings.BusinessAccountID != "1234" || len(got.Actions) != 2 {
		t.Fatalf("read back %+v", got)
	}
	if u := got.Actions[0]; u.Kind != Update || u.ID != "1" || u.After == nil || u.After.Components[0].Text != "Your order is on its way." {
		t.Errorf("update read back as %+v", u)
	}
	if err := CheckStale(got, p); err != nil {
		t.Errorf("a plan read back is stale against itself: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if data, _ := os.ReadFile(name); bytes.Count(data, []byte("\n")) != 1 {
		t.Errorf("the plan file is not one line of compact JSON:\n%.300s", data)
	}
}

// normalizeJSON round-trips p through the file format so that values that
// JSON cannot tell apart (a nil and an empty list) compare equal.
func normalizeJSON(t *testing.T, p *Plan) *Plan {
	t.Helper()
	name := filepath.Join(t.TempDir(), "p.json")
	if err := WriteFile(name, p); err != nil {
		t.Fatal(err)
	}
	out, err := ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteFileFailsCleanly(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "missing", "plan.json"), &Plan{FormatVersion: FormatVersion})
	if err == nil || !strings.HasPrefix(err.Error(), "write plan: ") {
		t.Errorf("writing into a missing folder: %v", err)
	}
}

func TestReadFileRefusesOtherMajorVersion(t *testing.T) {
	name := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(name, []byte(`{"format_version":"2.0","fingerprints":{"remote":"a","desired":"b"},"actions":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(name); err == nil || !strings.Contains(err.Error(), `format version "2.0" is not supported`) {
		t.Errorf("got %v", err)
	}
	if err := os.WriteFile(name, []byte(`{"format_version":"1.7","future_field":1,"fingerprints":{"remote":"a","desired":"b"},"actions":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(name); err != nil {
		t.Errorf("a newer minor version must be read: %v", err)
	}
	if err := os.WriteFile(name, []byte(`{not json`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(name); err == nil {
		t.Error("invalid JSON was accepted")
	}
}

func TestCheckStale(t *testing.T) {
	saved := samplePlan(t, "Your order is on its way.", "APPROVED")
	tests := []struct {
		name    string
		current *Plan
		want    []string // substrings; nil means not stale
		not     []string
	}{
		{name: "same inputs", current: samplePlan(t, "Your order is on its way.", "APPROVED")},
		{name: "file edited", current: samplePlan(t, "Your order left the warehouse.", "APPROVED"),
			want: []string{"template files changed since it was made: order (en_US)"}, not: []string{"remote"}},
		{name: "remote status changed", current: samplePlan(t, "Your order is on its way.", "PAUSED"),
			want: []string{"remote templates changed since it was made: order (en_US)"}, not: []string{"files"}},
		{name: "other account", current: func() *Plan {
			p := samplePlan(t, "Your order is on its way.", "APPROVED")
			p.Settings.BusinessAccountID = "999"
			return p
		}(), want: []string{`made for business account "1234", not "999"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckStale(saved, tc.current)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("stale: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrStale) {
				t.Fatalf("want ErrStale, got %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not contain %q", err, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(err.Error(), n) {
					t.Errorf("%q should not mention %q", err, n)
				}
			}
		})
	}
}

func TestCheckStaleNamesAppearedAndVanishedTemplates(t *testing.T) {
	saved := &Plan{Fingerprints: Fingerprints{Remote: "x", Templates: []TemplateDigest{
		{Key: template.Key{Name: "a", Language: "en"}, Remote: "r1"},
		{Key: template.Key{Name: "b", Language: "en"}, Remote: "r2"},
	}}}
	current := &Plan{Fingerprints: Fingerprints{Remote: "y", Templates: []TemplateDigest{
		{Key: template.Key{Name: "a", Language: "en"}, Remote: "r1"},
		{Key: template.Key{Name: "c", Language: "en"}, Remote: "r3"},
	}}}
	err := CheckStale(saved, current)
	if err == nil || !strings.Contains(err.Error(), "remote templates changed since it was made: b (en), c (en);") {
		t.Errorf("got %v", err)
	}
}

// A truncated file, another tool's JSON and a plan without fingerprints
// are refused, each saying what is wrong.
func TestReadFileRefusesWhatIsNotAPlan(t *testing.T) {
	full := samplePlan(t, "Your order is on its way.", "APPROVED")
	name := filepath.Join(t.TempDir(), "plan.json")
	if err := WriteFile(name, full); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, body, want string }{
		{"truncated", string(data[:len(data)/2]), "not a complete waform plan file"},
		{"terraform", `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[]}`, "not a waform plan file (it has no fingerprints)"},
		{"nothing", `{}`, "it has no format_version and no fingerprints"},
		{"empty", ``, "not a complete waform plan file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(name, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := ReadFile(name); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// SameActions accepts a plan read back unchanged and names each way a
// saved plan can differ from the plan made now.
func TestSameActions(t *testing.T) {
	base := func() *Plan { return normalizeJSON(t, samplePlan(t, "Your order is on its way.", "APPROVED")) }
	if err := SameActions(base(), base()); err != nil {
		t.Fatalf("a plan differs from itself: %v", err)
	}
	otherKey := template.Key{Name: "other", Language: "en_US"}
	tests := []struct {
		name   string
		tamper func(p *Plan)
		want   string
	}{
		{"added delete", func(p *Plan) {
			p.Actions = append(p.Actions, Action{Kind: Delete, Key: otherKey, ID: "3"})
			p.Summary.Delete++
		}, "the saved plan has delete other (en_US), which planning now does not"},
		{"edited content", func(p *Plan) {
			p.Actions[0].After.Components = append(p.Actions[0].After.Components, template.Component{Type: "FOOTER", Text: "not in any file"})
		}, "order (en_US): the saved plan's update sends other content than the file"},
		{"removed action", func(p *Plan) {
			p.Actions = p.Actions[1:]
			p.Summary.Update--
		}, "planning now gives update order (en_US), which the saved plan does not have"},
		{"summary edited", func(p *Plan) { p.Summary.Delete = 0; p.Summary.Update = 0 }, "summary does not count its actions"},
		{"other id", func(p *Plan) { p.Actions[0].ID = "99" }, `addresses template id "99"`},
		{"kind changed", func(p *Plan) {
			p.Actions[0].Kind, p.Actions[0].Intent = Blocked, Update
			p.Summary.Update, p.Summary.Blocked = p.Summary.Update-1, p.Summary.Blocked+1
		}, "the saved plan says blocked update, planning now says update"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := base()
			tt.tamper(saved)
			err := SameActions(saved, base())
			if !errors.Is(err, ErrDiffers) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
