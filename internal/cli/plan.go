package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/validate"
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
	policy := policyFor(sess.settings, c.Prune, c.Force, clock.From(ctx).Now())
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

// desiredTemplates validates the template folder, each template having the
// languages given (manage.languages), and returns its templates with their
// positions. Diagnostics go through v; any error stops the command before a
// request is sent.
func desiredTemplates(dir string, languages []string, v render.View) ([]plan.Desired, error) {
	docs, ds := validate.Files(dir)
	ds = append(ds, validate.Languages(docs, languages)...)
	diag.Sort(ds)
	// 'validate' lists suppressed findings; here they are noise.
	if err := v.Diagnostics(slices.DeleteFunc(slices.Clone(ds), func(d diag.Diagnostic) bool { return d.Suppressed })); err != nil {
		return nil, err
	}
	if diag.HasErrors(ds) {
		n, _ := diag.Count(ds)
		noun := "errors"
		if n == 1 {
			noun = "error"
		}
		return nil, &exitError{code: exitFailure, msg: fmt.Sprintf("%d validation %s in %s; nothing was planned or sent", n, noun, dir)}
	}
	desired := make([]plan.Desired, 0, len(docs))
	for _, doc := range docs {
		t, err := doc.Decode()
		if err != nil {
			return nil, fmt.Errorf("read templates: %w", err)
		}
		files, err := mediaFiles(doc.File, t)
		if err != nil {
			return nil, err
		}
		desired = append(desired, plan.Desired{Template: t, Source: doc.Start.String(), Media: files})
	}
	return desired, nil
}
