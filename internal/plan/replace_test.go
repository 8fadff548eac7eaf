package plan

import (
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func TestParseTarget(t *testing.T) {
	for in, want := range map[string]Target{"promo": {Name: "promo"}, "promo@en_US": {Name: "promo", Language: "en_US"}} {
		if got, err := ParseTarget(in); err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "@en_US", "promo@", "a@b@c"} {
		if _, err := ParseTarget(in); err == nil {
			t.Errorf("ParseTarget(%q) accepted", in)
		}
	}
}

// TestReplace: --replace turns a noop into an update under the usual status
// rules, names only what it matches, and refuses a name no file declares.
func TestReplace(t *testing.T) {
	en, es := tmpl("promo", "en_US", "MARKETING", "Spring is here."), tmpl("promo", "es_ES", "MARKETING", "Llega la primavera.")
	desired := []Desired{want(en), want(es)}
	remotes := []template.Remote{remote(en, "1", "APPROVED"), remote(es, "2", "PENDING")}

	p, err := Compute(desired, remotes, Policy{Now: now, Replace: []Target{{Name: "promo", Language: "en_US"}}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Actions[0].Kind != Update || len(p.Actions[0].Changes) != 0 || !strings.Contains(strings.Join(p.Actions[0].Warnings, ";"), "--replace") {
		t.Errorf("en_US: %+v", p.Actions[0])
	}
	if p.Actions[1].Kind != Noop {
		t.Errorf("es_ES, not named: %+v", p.Actions[1])
	}

	p, err = Compute(desired, remotes, Policy{Now: now, Replace: []Target{{Name: "promo"}}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Actions[0].Kind != Update || p.Actions[1].Kind != Blocked || p.Actions[1].Intent != Update {
		t.Errorf("every language: %+v", p.Actions)
	}

	if _, err := Compute(desired, remotes, Policy{Now: now, Replace: []Target{{Name: "prom"}}}); err == nil ||
		!strings.Contains(err.Error(), "--replace prom: no template file declares it") {
		t.Errorf("a typo: %v", err)
	}
}

// TestMediaInPlan: actions carry their header files; an unchanged template
// with one gets the note that the plan cannot see the file change; the
// file's digest is part of the desired fingerprint.
func TestMediaInPlan(t *testing.T) {
	tpl := tmpl("promo", "en_US", "MARKETING", "Spring is here.")
	file := MediaFile{Ref: "./a.png", Path: "templates/a.png", Type: "image/png", Size: 10, SHA256: "aa"}
	d := Desired{Template: tpl, Media: []MediaFile{file}}
	p, err := Compute([]Desired{d}, []template.Remote{remote(tpl, "1", "APPROVED")}, Policy{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if a := only(t, p); a.Kind != Noop || len(a.Media) != 1 {
		t.Errorf("action: %+v", a)
	}
	if len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "promo@en_US") || !strings.Contains(p.Notes[0], "apply --replace") {
		t.Errorf("notes: %q", p.Notes)
	}
	d.Media[0].SHA256 = "bb"
	p2, err := Compute([]Desired{d}, []template.Remote{remote(tpl, "1", "APPROVED")}, Policy{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if p.Fingerprints.Desired == p2.Fingerprints.Desired {
		t.Error("a changed file leaves the desired fingerprint as it was")
	}
}
