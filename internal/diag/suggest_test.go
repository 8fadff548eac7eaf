package diag

import "testing"

func TestSuggest(t *testing.T) {
	choices := []string{"APPROVED", "PENDING", "REJECTED", "en_US", "en_GB", "UTILITY", "prune"}
	for got, want := range map[string]string{
		"APROVED": "APPROVED", "approved": "APPROVED", "en_us": "en_US", "Utility": "UTILITY",
		"UTILTY": "UTILITY", "prunee": "prune", "PENDNG": "PENDING",
		"SHIPPED": "", "xx": "", "": "",
	} {
		if s := Suggest(got, choices); s != want {
			t.Errorf("Suggest(%q) = %q, want %q", got, s, want)
		}
	}
}
