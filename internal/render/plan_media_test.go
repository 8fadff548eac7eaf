package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// TestPlanMedia: every format shows the header files an action uploads and
// the plan's notes (here: the files of unchanged templates are unseen).
func TestPlanMedia(t *testing.T) {
	header := template.Component{Type: "HEADER", Format: "IMAGE", Example: &template.Example{HeaderHandle: []string{"./a.png"}}}
	file := plan.MediaFile{Ref: "./a.png", Path: "templates/a.png", Type: "image/png", Size: 2458, SHA256: "6fa1aab148f32cbbb15a"}
	fresh := tpl("fresh", "en_US", "MARKETING", header, body("New in store"))
	kept := tpl("kept", "en_US", "MARKETING", header, body("Still in store"))
	p, err := plan.Compute([]plan.Desired{
		{Template: fresh, Source: "templates/fresh.yaml:1", Media: []plan.MediaFile{file}},
		{Template: kept, Source: "templates/kept.yaml:1", Media: []plan.MediaFile{file}},
	}, []template.Remote{{Template: kept, ID: "1", Status: "APPROVED"}}, plan.Policy{MaxDeletes: 5})
	if err != nil {
		t.Fatal(err)
	}
	const line = "media: ./a.png (image/png, 2.4 KB, sha256 6fa1aab148f3), uploaded by apply"
	text := mustText(t, p)
	var md bytes.Buffer
	if err := PlanMarkdown(&md, p, 0); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text, "markdown": md.String()} {
		if strings.Count(out, line) != 1 {
			t.Errorf("%s: want the create's media line once:\n%s", name, out)
		}
		if !strings.Contains(out, "cannot tell whether a header file changed since it was uploaded (kept@en_US)") {
			t.Errorf("%s: no note about the unchanged template's file:\n%s", name, out)
		}
	}
}
