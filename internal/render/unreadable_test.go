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

// A listed template whose name and id could not be read is still named
// in words in status, not as " (): [id ]".
func TestStatusUnreadableWithoutName(t *testing.T) {
	rows := StatusRows([]template.Remote{{Unreadable: "the template is a number, waform reads a template.Remote"}}, nil)
	var out strings.Builder
	if err := WriteStatusTable(&out, rows, StatusOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "warning: a template without a readable name: cannot be read: the template is a number, waform reads a template.Remote; waform leaves it untouched\n"
	if !strings.Contains(out.String(), want) {
		t.Errorf("status lacks %q:\n%s", want, out.String())
	}
}
