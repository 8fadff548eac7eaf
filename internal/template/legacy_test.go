package template

import "testing"

// A template still carrying a category from before Meta's 2023 change reads
// as today's category, so a file with today's category plans clean.
func TestFromRemoteLegacyCategory(t *testing.T) {
	for legacy, now := range map[string]string{
		"TRANSACTIONAL": "UTILITY", "shipping_update": "UTILITY", "ISSUE_RESOLUTION": "UTILITY",
		"ACCOUNT_UPDATE": "UTILITY", "OTP": "AUTHENTICATION", "MARKETING": "MARKETING",
	} {
		r := Remote{Template: Template{Name: "n", Language: "pt_BR", Category: legacy,
			Components: []Component{{Type: "BODY", Text: "Seu pedido foi enviado."}}}}
		got := FromRemote(r)
		if got.Category != now {
			t.Errorf("%s read as %s, want %s", legacy, got.Category, now)
		}
		file := r.Template
		file.Category = now
		if changes := Diff(file, got); len(changes) > 0 {
			t.Errorf("%s: a file with %s differs: %v", legacy, now, changes)
		}
	}
	if _, ok := LegacyCategory("UTILITY"); ok {
		t.Error("UTILITY reported as legacy")
	}
}
