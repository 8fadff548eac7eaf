package render

import (
	"strings"
	"testing"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// A remote template waform cannot read is shown by name with the reason:
// as "unreadable" when an action covers it, in the unmanaged list otherwise.
func TestPlanUnreadable(t *testing.T) {
	p := &plan.Plan{
		Summary:   plan.Summary{Blocked: 1},
		Unmanaged: plan.Unmanaged{Unreadable: 1, PruneOff: true},
		Actions: []plan.Action{{Kind: plan.Blocked, Intent: plan.Unreadable, Key: template.Key{Name: "odd", Language: "es"},
			ID: "2", Status: "APPROVED", Source: "templates/odd.es.yaml:2:1", Reason: "waform cannot read the remote template (x)"}},
		Unreadable: []plan.UnreadableTemplate{{Key: template.Key{Name: "other", Language: "en_US"}, ID: "3", Status: "PAUSED",
			Reason: "components.add_security_recommendation is a string, waform reads a bool"}},
	}
	var text strings.Builder
	if err := PlanText(&text, p, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"! unreadable odd (es) [id 2, APPROVED] templates/odd.es.yaml:2:1\n    reason: waform cannot read the remote template (x)\n",
		"1 remote template not managed: 1 unreadable (left untouched).\n",
		"    ? other (en_US) [id 3, PAUSED]: cannot be read: components.add_security_recommendation is a string, waform reads a bool\n",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text plan lacks %q:\n%s", want, text.String())
		}
	}
	var md strings.Builder
	if err := PlanMarkdown(&md, p, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "- other (en_US) [id 3, PAUSED]: cannot be read: components.add_security_recommendation") ||
		!strings.Contains(md.String(), "<code>! unreadable</code> <b>odd</b> (es)") {
		t.Errorf("markdown plan:\n%s", md.String())
	}
}
