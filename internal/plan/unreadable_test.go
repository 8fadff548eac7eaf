package plan

import (
	"strings"
	"testing"

	"github.com/waform/waform/internal/template"
)

func unreadable(name, lang, id string) template.Remote {
	r := remote(template.Template{Name: name, Language: lang, Category: "AUTHENTICATION"}, id, "APPROVED")
	r.Unreadable = "components.add_security_recommendation is a string, waform reads a bool"
	r.Raw = []byte(`{"id":"` + id + `"}`)
	return r
}

// An unreadable remote template is never updated, created over or deleted:
// with a file it is a blocked action, with prune a blocked one too, ignored
// it stays ignored, and otherwise it is listed by name; the readable
// templates beside it plan normally.
func TestComputeUnreadable(t *testing.T) {
	good := tmpl("good", "en_US", "UTILITY", "Your order has shipped.")
	remotes := []template.Remote{remote(good, "1", "APPROVED"), unreadable("odd", "es", "2")}
	t.Run("file declares it", func(t *testing.T) {
		p, err := Compute([]Desired{want(good), want(tmpl("odd", "es", "AUTHENTICATION", "x"))}, remotes, Policy{MaxDeletes: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Actions) != 2 || p.Actions[0].Kind != Noop {
			t.Fatalf("actions %+v", p.Actions)
		}
		a := p.Actions[1]
		if a.Kind != Blocked || a.Intent != Unreadable || a.ID != "2" || a.Source == "" ||
			!strings.Contains(a.Reason, "add_security_recommendation is a string") || !strings.Contains(a.Reason, "create, which would collide") {
			t.Errorf("action %+v", a)
		}
		if a.After != nil || a.Before != nil {
			t.Errorf("an unreadable action carries no template: %+v", a)
		}
		if p.Summary.InSync() || len(p.Unreadable) != 0 {
			t.Errorf("summary %+v, unreadable %+v", p.Summary, p.Unreadable)
		}
	})
	t.Run("prune never deletes it", func(t *testing.T) {
		p, err := Compute([]Desired{want(good)}, remotes, Policy{MaxDeletes: 5, Prune: true})
		if err != nil {
			t.Fatal(err)
		}
		a := p.Actions[1]
		if a.Kind != Blocked || a.Intent != Unreadable || !strings.Contains(a.Reason, "never deleted") || p.Summary.Delete != 0 {
			t.Errorf("action %+v, summary %+v", a, p.Summary)
		}
	})
	t.Run("prune off lists it by name", func(t *testing.T) {
		p, err := Compute([]Desired{want(good)}, remotes, Policy{MaxDeletes: 5})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Summary.InSync() || p.Unmanaged.Unreadable != 1 || p.Unmanaged.NotInFiles != 0 || len(p.Unreadable) != 1 {
			t.Fatalf("summary %+v, unmanaged %+v, unreadable %+v", p.Summary, p.Unmanaged, p.Unreadable)
		}
		if u := p.Unreadable[0]; u.Key != (template.Key{Name: "odd", Language: "es"}) || u.ID != "2" || u.Status != "APPROVED" || u.Reason == "" {
			t.Errorf("unreadable %+v", u)
		}
	})
	t.Run("ignored stays ignored", func(t *testing.T) {
		p, err := Compute([]Desired{want(good)}, remotes, Policy{MaxDeletes: 5, Prune: true, Ignore: []string{"od*"}})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Summary.InSync() || p.Unmanaged.Ignored != 1 || len(p.Unreadable) != 0 {
			t.Errorf("summary %+v, unmanaged %+v", p.Summary, p.Unmanaged)
		}
	})
	t.Run("without a name it is only listed", func(t *testing.T) {
		nameless := unreadable("", "", "3")
		p, err := Compute(nil, []template.Remote{nameless, nameless}, Policy{MaxDeletes: 5, Prune: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Actions) != 0 || len(p.Unreadable) != 2 || p.Unmanaged.Unreadable != 2 {
			t.Errorf("plan %+v", p)
		}
	})
	t.Run("its content is part of the remote fingerprint", func(t *testing.T) {
		p1, _ := Compute([]Desired{want(good)}, remotes, Policy{MaxDeletes: 5, Prune: true})
		changed := []template.Remote{remotes[0], unreadable("odd", "es", "2")}
		changed[1].Raw = []byte(`{"id":"2","other":true}`)
		p2, _ := Compute([]Desired{want(good)}, changed, Policy{MaxDeletes: 5, Prune: true})
		if p1.Fingerprints.Remote == p2.Fingerprints.Remote {
			t.Error("a change in an unreadable template does not change the remote fingerprint")
		}
	})
}

// A remote template with parts waform cannot represent is never updated (an
// edit would drop them), and a prune delete names them.
func TestComputeUnknownParts(t *testing.T) {
	base := tmpl("promo", "en_US", "MARKETING", "Spring sale on every plant.")
	r := remote(base, "1", "APPROVED")
	r.Unknown = []string{"components[2]: type PRODUCT_BANNER"}
	p, err := Compute([]Desired{want(base)}, []template.Remote{r}, Policy{MaxDeletes: 5})
	if err != nil || only(t, p).Kind != Noop {
		t.Fatalf("equal known parts: %v %+v", err, p)
	}
	p, _ = Compute([]Desired{want(tmpl("promo", "en_US", "MARKETING", "Summer sale."))}, []template.Remote{r}, Policy{MaxDeletes: 5})
	if a := only(t, p); a.Kind != Blocked || a.Intent != Update || !strings.Contains(a.Reason, "PRODUCT_BANNER") {
		t.Errorf("edit: %+v", a)
	}
	p, _ = Compute(nil, []template.Remote{r}, Policy{MaxDeletes: 5, Prune: true})
	if a := only(t, p); a.Kind != Delete || len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0], "PRODUCT_BANNER") {
		t.Errorf("delete: %+v", a)
	}
}
