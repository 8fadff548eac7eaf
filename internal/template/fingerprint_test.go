package template

import (
	"regexp"
	"testing"
)

func TestFingerprint(t *testing.T) {
	image := func(handle string) Template {
		return Template{Name: "promo", Language: "en", Category: "MARKETING", Components: []Component{
			{Type: "HEADER", Format: "IMAGE", Example: &Example{HeaderHandle: []string{handle}}},
			body("New arrivals."),
		}}
	}
	other := Template{Name: "alpha", Language: "en", Category: "utility", Components: []Component{body("Hi")}}
	base := Fingerprint([]Template{image("4::a"), other})

	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(base) {
		t.Fatalf("Fingerprint = %q, want 64 hex digits", base)
	}
	lower := other
	lower.Category = "UTILITY"
	same := map[string][]Template{
		"order of templates":        {other, image("4::a")},
		"non-canonical spelling":    {image("4::a"), lower},
		"an equal call, once again": {image("4::a"), other},
	}
	for name, ts := range same {
		if got := Fingerprint(ts); got != base {
			t.Errorf("%s changed the fingerprint", name)
		}
	}
	cdn := func(q string) []Template {
		return []Template{image("https://scontent.whatsapp.net/v/t61/x.jpg?oe=" + q), other}
	}
	if Fingerprint(cdn("1")) != Fingerprint(cdn("2")) {
		t.Errorf("a CDN URL that changes on every read changed the fingerprint")
	}
	allowed := other
	allowed.AllowCategoryChange = ptr(true)
	differ := map[string][]Template{
		"another upload handle":  {image("4::b"), other},
		"a template less":        {image("4::a")},
		"a field Diff ignores":   {image("4::a"), allowed},
		"a CDN URL for a handle": cdn("1"),
	}
	for name, ts := range differ {
		if Fingerprint(ts) == base {
			t.Errorf("%s did not change the fingerprint", name)
		}
	}
}
