package plan

import (
	"slices"
	"testing"

	"github.com/waform/waform/internal/template"
)

func TestHealth(t *testing.T) {
	remote := func(name, status, category, quality, previous, correct string) template.Remote {
		r := template.Remote{Template: template.Template{Name: name, Language: "en_US", Category: category},
			Status: status, PreviousCategory: previous, CorrectCategory: correct}
		if quality != "" {
			r.QualityScore = &template.QualityScore{Score: quality}
		}
		return r
	}
	tests := []struct {
		r     template.Remote
		kinds []string
	}{
		{remote("green", "APPROVED", "UTILITY", "GREEN", "", ""), nil},
		{remote("unknown", "APPROVED", "UTILITY", "UNKNOWN", "", ""), nil},
		{remote("yellow", "APPROVED", "UTILITY", "YELLOW", "", ""), []string{NoticeQuality}},
		{remote("red", "APPROVED", "UTILITY", "red", "", ""), []string{NoticeQuality}},
		{remote("paused", "PAUSED", "MARKETING", "RED", "", ""), []string{NoticePaused}},
		{remote("disabled", "DISABLED", "MARKETING", "RED", "", ""), []string{NoticeDisabled}},
		{remote("pending", "APPROVED", "UTILITY", "", "", "MARKETING"), []string{NoticeCategoryPending}},
		{remote("settled", "APPROVED", "MARKETING", "", "", "MARKETING"), nil},
		{remote("changed", "APPROVED", "MARKETING", "", "UTILITY", ""), []string{NoticeCategoryChanged}},
		// Meta also answers a sub-category here; that is no category change.
		{remote("subcategory", "APPROVED", "UTILITY", "", "ACCOUNT_UPDATE", ""), nil},
	}
	for _, tt := range tests {
		var kinds []string
		for _, n := range Health([]template.Remote{tt.r}) {
			kinds = append(kinds, n.Kind)
			if n.Key != tt.r.Key() || n.Message == "" {
				t.Errorf("%s: bad notice %+v", tt.r.Name, n)
			}
		}
		if !slices.Equal(kinds, tt.kinds) {
			t.Errorf("%s: notices %v, want %v", tt.r.Name, kinds, tt.kinds)
		}
	}
}

// TestHealthNeverChangesActions: the same files and remote templates plan
// the same actions and summary whatever Meta's quality and category say.
func TestHealthNeverChangesActions(t *testing.T) {
	tpl := template.Template{Name: "a", Language: "en_US", Category: "UTILITY",
		Components: []template.Component{{Type: "BODY", Text: "Your order has shipped."}}}
	plain := template.Remote{Template: tpl, ID: "1", Status: "APPROVED"}
	sick := plain
	sick.QualityScore = &template.QualityScore{Score: "RED"}
	sick.CorrectCategory = "MARKETING"
	desired := []Desired{{Template: tpl, Source: "a.yaml:1"}}
	p1, err1 := Compute(desired, []template.Remote{plain}, Policy{MaxDeletes: 5})
	p2, err2 := Compute(desired, []template.Remote{sick}, Policy{MaxDeletes: 5})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if len(p2.Health) != 2 || len(p1.Health) != 0 {
		t.Fatalf("health %v / %v", p1.Health, p2.Health)
	}
	if p1.Summary != p2.Summary || len(p1.Actions) != 1 || p1.Actions[0].Kind != p2.Actions[0].Kind {
		t.Errorf("actions changed: %+v vs %+v", p1.Actions, p2.Actions)
	}
}
