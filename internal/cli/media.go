package cli

import (
	"fmt"

	"github.com/waform/waform/internal/apply"
	"github.com/waform/waform/internal/plan"
)

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
	a, uploads := apply.FirstUpload(p)
	if appID != "" || !uploads {
		return nil
	}
	return &exitError{code: exitFailure, msg: fmt.Sprintf("nothing was sent: %s takes its header sample from %s, "+
		"which apply uploads with Meta's Resumable Upload API; that needs your Meta app's ID: set api.app_id in waform.yaml "+
		"or META_APP_ID (the app your token belongs to, in the App Dashboard at developers.facebook.com/apps)", a.Key, a.Media[0].Ref)}
}
