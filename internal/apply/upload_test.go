package apply

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// bodyRecorder keeps the templates sent, to see the handles in them.
type bodyRecorder struct {
	fakeClient
	bodies []template.Template
}

func (c *bodyRecorder) Create(ctx context.Context, t template.Template) (template.Remote, bool, error) {
	c.mu.Lock()
	c.bodies = append(c.bodies, t)
	c.mu.Unlock()
	return c.fakeClient.Create(ctx, t)
}

func (c *bodyRecorder) Update(ctx context.Context, id string, t template.Template) error {
	c.mu.Lock()
	c.bodies = append(c.bodies, t)
	c.mu.Unlock()
	return c.fakeClient.Update(ctx, id, t)
}

type fakeUploader map[string]error // by template name

func (f fakeUploader) UploadHandle(_ context.Context, k template.Key, ref string) (string, error) {
	if err := f[k.Name]; err != nil {
		return "", err
	}
	return "4::handle-of-" + ref, nil
}

func withImage(name, ref string) *template.Template {
	return &template.Template{Name: name, Language: "en_US", Category: "MARKETING", Components: []template.Component{
		{Type: "HEADER", Format: "IMAGE", Example: &template.Example{HeaderHandle: []string{ref}}},
		{Type: "BODY", Text: "Spring is here."},
	}}
}

// TestUploadStep: a create or update whose header names a file sends the
// handle in its place, leaving the plan's template as it was; a failed
// upload fails that action only, and sends nothing for it.
func TestUploadStep(t *testing.T) {
	p := &plan.Plan{Actions: []plan.Action{
		{Kind: plan.Create, Key: template.Key{Name: "a", Language: "en_US"}, After: withImage("a", "./a.png")},
		{Kind: plan.Update, Key: template.Key{Name: "b", Language: "en_US"}, ID: "2", After: withImage("b", "./b.png")},
		{Kind: plan.Create, Key: template.Key{Name: "c", Language: "en_US"}, After: withImage("c", "./c.png")},
		{Kind: plan.Create, Key: template.Key{Name: "d", Language: "en_US"}, After: withImage("d", "4::already-a-handle")},
	}}
	c := &bodyRecorder{}
	results := Run(context.Background(), p, c, Options{Uploader: fakeUploader{"c": errors.New("upload refused")}})
	outcomes := map[string]Outcome{}
	for _, r := range results.Results {
		outcomes[r.Action.Key.Name] = r.Outcome
	}
	if outcomes["a"] != Done || outcomes["b"] != Done || outcomes["c"] != Failed || outcomes["d"] != Done {
		t.Errorf("outcomes %v", outcomes)
	}
	var handles []string
	for _, s := range c.bodies {
		handles = append(handles, s.Components[0].Example.HeaderHandle[0])
	}
	slices.Sort(handles)
	if want := []string{"4::already-a-handle", "4::handle-of-./a.png", "4::handle-of-./b.png"}; !slices.Equal(handles, want) {
		t.Errorf("sent handles %v, want %v", handles, want)
	}
	if got := p.Actions[0].After.Components[0].Example.HeaderHandle[0]; got != "./a.png" {
		t.Errorf("the plan's template now holds %q", got)
	}

	// Without an uploader, such an action fails rather than sending a path.
	results = Run(context.Background(), &plan.Plan{Actions: p.Actions[:1]}, &bodyRecorder{}, Options{})
	if results.Results[0].Outcome != Failed {
		t.Errorf("no uploader: %+v", results.Results[0])
	}
}
