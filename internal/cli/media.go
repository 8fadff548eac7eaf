package cli

import (
	"fmt"

	"github.com/waform/waform/internal/importer"
	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// importMediaNotes says, for each imported template with a media header,
// that its sample was written as Meta answered it (a CDN URL, which
// expires) and that re-creating the template takes the file itself.
func importMediaNotes(remotes []template.Remote, res importer.Result) []string {
	formats := map[template.Key]string{}
	for _, r := range remotes {
		if f, ok := media.HeaderFormat(r.Template); ok {
			formats[r.Key()] = f
		}
	}
	var notes []string
	for _, w := range res.Written {
		if f, ok := formats[w.Key]; ok {
			notes = append(notes, fmt.Sprintf("note: %s: the %s header sample is written as Meta answers it, a CDN URL that expires; "+
				"to re-create the template, save the file in the repository and put its path (./FILE, from the folder of %s) in header_handle",
				w.Key, f, w.File))
		}
	}
	return notes
}

// parseTargets reads --replace values.
func parseTargets(values []string) ([]plan.Target, error) {
	out := make([]plan.Target, 0, len(values))
	for _, v := range values {
		t, err := plan.ParseTarget(v)
		if err != nil {
			return nil, &exitError{code: exitUsage, msg: "--replace " + err.Error()}
		}
		out = append(out, t)
	}
	return out, nil
}

// requireAppID refuses, before any request that changes something, a plan
// that uploads header files when no Meta app is configured.
func requireAppID(p *plan.Plan, appID string) error {
	if appID != "" {
		return nil
	}
	for _, a := range p.Actions {
		if (a.Kind == plan.Create || a.Kind == plan.Update) && len(a.Media) > 0 {
			return &exitError{code: exitFailure, msg: fmt.Sprintf("nothing was sent: %s takes its header sample from %s, "+
				"which apply uploads with Meta's Resumable Upload API; that needs your Meta app's ID: set api.app_id in waform.yaml "+
				"or META_APP_ID (the app your token belongs to, in the App Dashboard at developers.facebook.com/apps)", a.Key, a.Media[0].Ref)}
		}
	}
	return nil
}
