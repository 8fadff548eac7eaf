package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/planner"
)

// planCommentLimit keeps a Markdown plan below GitHub's comment limit with
// room for the heading a CI job puts above it (examples/github/plan.yml cuts
// at 60,000 characters).
const planCommentLimit = 60000

type planCmd struct {
	Out              string   `help:"Also save the plan as JSON to FILE, for 'waform apply FILE'." placeholder:"FILE" type:"path"`
	Format           string   `help:"Output format: text, json (the plan file format) or markdown (a pull-request comment)." enum:"text,json,markdown" default:"text"`
	DetailedExitcode bool     `help:"Exit 0 when the remote matches the files, 2 when it does not (changes or blocked actions), 1 on error." name:"detailed-exitcode"`
	Prune            bool     `help:"Delete remote templates that no file declares (as manage.prune: true)."`
	Force            bool     `help:"Allow more deletes than manage.max_deletes."`
	Replace          []string `help:"Update this template even if nothing differs, e.g. after replacing its header file (repeatable; NAME alone means every language)." placeholder:"NAME[@LANGUAGE]" sep:"none"`
}

func (planCmd) Help() string {
	return `Validates the template files while it lists the business account's
templates once (listing only reads; an invalid file stops the plan before
anything is changed or planned), and prints what apply
would do: + create, ~ update (only the changed fields, text as a word diff),
- delete, and ! blocked with the reason (a PENDING template cannot be edited,
nor the category of an APPROVED one). Meta allows an APPROVED template 1 edit
per 24 hours and 10 per 30 days but does not report when it was last edited,
so such an edit is planned with a warning; if Meta refuses it, apply reports it
as blocked with the time to retry. Remote templates matching manage.ignore are never touched; those with
no file are deleted only with prune, and more than manage.max_deletes deletes
need --force.

Example:
  waform plan
  waform plan --env production --out plan.json
  waform plan --format markdown --detailed-exitcode > plan.md
  waform plan --prune --local`
}

func (c planCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	v := s.view(g, env, c.Format)
	sess, err := openSession(ctx, g, v, env)
	if err != nil {
		return err
	}
	defer sess.close()
	policy := planner.Policy(sess.settings, c.Prune, c.Force, clock.From(ctx).Now())
	if policy.Replace, err = parseTargets(c.Replace); err != nil {
		return err
	}
	p, err := computePlan(ctx, sess, policy, v)
	if errors.Is(err, plan.ErrTooManyDeletes) {
		// Show what would be deleted, then refuse; such a plan is never saved.
		if werr := v.Plan(p, planCommentLimit); werr != nil {
			return werr
		}
		return &exitError{code: exitFailure, msg: err.Error()}
	}
	if err != nil {
		sess.announceFailure(v, err)
		return err
	}
	if c.Out != "" {
		if err := plan.WriteFile(c.Out, p); err != nil {
			return err
		}
		fmt.Fprintf(s.Err, "Saved the plan to %s; 'waform apply %s' applies exactly this plan.\n", c.Out, c.Out)
	}
	if err := v.Plan(p, planCommentLimit); err != nil {
		return err
	}
	if err := publishPlanToGitHub(env, p); err != nil {
		return err
	}
	if c.DetailedExitcode && !p.Summary.InSync() {
		return &exitError{code: exitChanges}
	}
	return nil
}

// invalidFiles turns planner's invalid-files error into exit 1 with its
// message; other errors pass unchanged.
func invalidFiles(err error) error {
	if invalid := (*planner.InvalidError)(nil); errors.As(err, &invalid) {
		return &exitError{code: exitFailure, msg: invalid.Error()}
	}
	return err
}
