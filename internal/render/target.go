package render

import (
	"fmt"

	"github.com/waform/waform/internal/plan"
)

// TargetLine names the account a command talks to and where each value
// came from, e.g. "Target: provider kapso (waform.yaml), API host
// api.kapso.ai (default), business account 333 (environments.production),
// environment production (--env)." Commands print it before anything else.
func TargetLine(t plan.Account) string {
	env := "environment none"
	if t.Env != "" {
		env = fmt.Sprintf("environment %s (%s)", t.Env, t.Sources.Env)
	}
	return fmt.Sprintf("Target: provider %s (%s), API host %s (%s), business account %s (%s), %s.",
		t.Provider, t.Sources.Provider, t.APIHost, t.Sources.APIHost, t.BusinessAccountID, t.Sources.BusinessAccountID, env)
}
