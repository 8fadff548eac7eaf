package plan

import (
	"errors"
	"testing"

	"github.com/waform/waform/internal/template"
)

func TestCheckSaved(t *testing.T) {
	base := func(body string) *Plan { return normalizeJSON(t, samplePlan(t, body, "APPROVED")) }
	if err := CheckSaved(base("Your order is on its way."), base("Your order is on its way.")); err != nil {
		t.Fatalf("a plan is refused against itself: %v", err)
	}
	// A file edited since: stale, which says why better than the actions
	// that differ as a consequence.
	if err := CheckSaved(base("Your order is on its way."), base("Your order left.")); !errors.Is(err, ErrStale) {
		t.Errorf("edited file: %v, want ErrStale", err)
	}
	// Saved with prune on, applied with it off: the saved delete is what
	// differs, named as such, although the staleness check would also see
	// the template only the pruning plan covers as changed.
	files := []Desired{want(tmpl("order", "en_US", "UTILITY", "Your order is on its way.")), want(tmpl("welcome", "en_US", "MARKETING", "Hi"))}
	remotes := []template.Remote{
		remote(tmpl("order", "en_US", "UTILITY", "Your order has shipped."), "1", "APPROVED"),
		remote(tmpl("welcome", "en_US", "MARKETING", "Hi"), "2", "APPROVED"),
		remote(tmpl("other", "en_US", "UTILITY", "x"), "3", "APPROVED"),
	}
	pruning, err := Compute(files, remotes, Policy{Prune: true, MaxDeletes: 5, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	current, err := Compute(files, remotes, Policy{MaxDeletes: 5, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(CheckStale(pruning, current), ErrStale) {
		t.Fatal("the staleness check no longer misreads another prune setting; CheckSaved's order may be moot")
	}
	if err := CheckSaved(pruning, current); !errors.Is(err, ErrDiffers) {
		t.Errorf("other prune setting: %v, want ErrDiffers", err)
	}
}
