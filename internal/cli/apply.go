package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/waform/waform/internal/apply"
	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/template"
)

type applyCmd struct {
	PlanFile    string        `arg:"" optional:"" help:"A plan saved with 'plan --out'; refused if the remote or the files changed since." placeholder:"PLANFILE"`
	AutoApprove bool          `help:"Apply without asking for confirmation (required when stdin is not a terminal)." name:"auto-approve"`
	Prune       bool          `help:"Delete remote templates in scope that no file declares (overrides manage.prune)."`
	Force       bool          `help:"Allow more deletes than manage.max_deletes."`
	Parallelism int           `help:"How many actions run at once." default:"4"`
	Wait        bool          `help:"After applying, wait until no touched template is PENDING; exit 1 if any is REJECTED."`
	Timeout     time.Duration `help:"How long --wait waits." default:"10m"`
}

func (applyCmd) Help() string {
	return `Makes the remote templates match the files. Without PLANFILE it computes the
plan, prints it and asks for "yes" on a terminal; with no terminal it refuses
unless --auto-approve is given. With PLANFILE (from 'plan --out') it applies
that plan without asking, after checking that neither the remote templates nor
the files changed since it was made.

Creates and updates run first, --parallelism at a time, then deletes; one
failure does not stop the others. Each action prints a line as it finishes,
and the run ends with counts and every error's code and message. A create
whose answer was lost is checked by name and language before anything is
retried, so a template is never created twice; running apply again converges.
Exits 1 if any action failed.

Example:
  waform apply
  waform plan --out plan.json && waform apply plan.json
  waform apply --auto-approve --prune --wait --timeout 30m
  waform apply --local --auto-approve`
}

func (c applyCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	if c.Parallelism < 1 {
		return &exitError{code: exitUsage, msg: "--parallelism must be at least 1"}
	}
	if c.PlanFile != "" && (c.Prune || c.Force) {
		return &exitError{code: exitUsage, msg: "--prune and --force apply when planning; a saved plan carries its own settings"}
	}
	v := s.view(g, env, "")
	sess, err := openSession(ctx, g, v, env)
	if err != nil {
		return err
	}
	defer sess.close()
	p, err := c.plan(ctx, sess, v)
	if err != nil {
		return err
	}
	if p.Summary.Changes() == 0 {
		if c.PlanFile != "" {
			fmt.Fprintln(s.Out, "Nothing to apply.")
		}
		return nil
	}
	if err := c.confirm(s); err != nil {
		return err
	}
	rem := newRemote(sess)
	results := apply.Run(ctx, p, rem, apply.Options{Parallelism: c.Parallelism, Progress: func(r apply.Result) {
		fmt.Fprintln(s.Out, resultLine(r))
	}})
	failed := reportResults(s.Out, p, results)
	if c.Wait {
		if err := waitForReview(ctx, rem, results, c.Timeout, s); err != nil {
			return err
		}
	}
	if failed > 0 {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d of %d actions failed; fix the errors above and run apply again", failed, len(results))}
	}
	return nil
}

// plan returns the plan to execute: computed now and printed, or read from
// PLANFILE and checked against one computed now with the saved settings.
func (c applyCmd) plan(ctx context.Context, sess *session, v render.View) (*plan.Plan, error) {
	if c.PlanFile == "" {
		policy := policyFor(sess.settings, c.Prune, c.Force, clockFrom(ctx).Now())
		p, err := computePlan(ctx, sess, policy, v)
		if p != nil {
			if werr := v.Plan(p, 0); werr != nil {
				return nil, werr
			}
		}
		if errors.Is(err, plan.ErrTooManyDeletes) {
			return nil, &exitError{code: exitFailure, msg: strings.TrimPrefix(err.Error(), "compute plan: ")}
		}
		return p, err
	}
	saved, err := plan.ReadFile(c.PlanFile)
	if err != nil {
		return nil, err
	}
	policy := policyFor(sess.settings, saved.Settings.Prune, saved.Settings.Force, clockFrom(ctx).Now())
	policy.MaxDeletes = saved.Settings.MaxDeletes
	current, err := computePlan(ctx, sess, policy, v)
	if current == nil {
		return nil, err
	}
	if err := plan.CheckStale(saved, current); err != nil {
		return nil, &exitError{code: exitFailure, msg: fmt.Sprintf("refusing to apply %s: %v", c.PlanFile, err)}
	}
	fmt.Fprintf(v.Out, "Applying %s: %s\n", c.PlanFile, render.PlanSummary(saved.Summary))
	return saved, nil
}

// confirm asks for "yes" on a terminal. A saved plan was reviewed when it
// was made, so it needs no confirmation.
func (c applyCmd) confirm(s Streams) error {
	if c.AutoApprove || c.PlanFile != "" {
		return nil
	}
	if !s.InTerm.TTY {
		return &exitError{code: exitFailure, msg: "refusing to apply without confirmation: stdin is not a terminal; pass --auto-approve"}
	}
	fmt.Fprint(s.Out, "\nApply these changes? Only 'yes' is accepted: ")
	ok, err := readYes(s.In)
	if err != nil {
		return err
	}
	if !ok {
		return &exitError{code: exitFailure, msg: "apply cancelled"}
	}
	return nil
}

// readYes reads one answer line: only "yes" agrees, as with Terraform, so
// a stray Enter or "y" never applies anything.
func readYes(in io.Reader) (bool, error) {
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("read confirmation: %w", err)
	}
	return strings.TrimSpace(line) == "yes", nil
}

// resultLine is the line printed as each action finishes.
func resultLine(r apply.Result) string {
	head := fmt.Sprintf("%s %s", r.Action.Kind, r.Action.Key)
	if r.Outcome != apply.Done {
		return fmt.Sprintf("%s: FAILED: %v", head, r.Err)
	}
	switch {
	case r.Action.Kind == plan.Create && r.Recovered:
		return fmt.Sprintf("%s: created (id %s; found already there after a lost or refused answer)", head, r.ID)
	case r.Action.Kind == plan.Create:
		return fmt.Sprintf("%s: created (id %s, %s)", head, r.ID, strings.ToUpper(r.Status))
	case r.Action.Kind == plan.Update:
		return fmt.Sprintf("%s: updated (id %s)", head, r.ID)
	}
	return fmt.Sprintf("%s: deleted (id %s)", head, r.ID)
}

// reportResults prints the totals and every failure, and returns how many
// actions failed.
func reportResults(w io.Writer, p *plan.Plan, results []apply.Result) int {
	t := apply.Count(results)
	fmt.Fprintf(w, "\nApply: %d created, %d updated, %d deleted, %d failed", t.Created, t.Updated, t.Deleted, t.Failed)
	if p.Summary.Blocked > 0 {
		fmt.Fprintf(w, " (%d blocked, not attempted)", p.Summary.Blocked)
	}
	fmt.Fprintln(w, ".")
	for _, r := range results {
		if r.Outcome != apply.Done {
			fmt.Fprintf(w, "  %v\n", r.Err) // errors name their template
		}
	}
	return t.Failed
}

// waitForReview waits for the templates apply created or updated, prints
// each one's final status, and fails if any was rejected.
func waitForReview(ctx context.Context, rem remote, results []apply.Result, timeout time.Duration, s Streams) error {
	var keys []template.Key
	for _, r := range results {
		if r.Outcome == apply.Done && r.Action.Kind != plan.Delete {
			keys = append(keys, r.Action.Key)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	reviewed, err := apply.Wait(ctx, remoteList{remote: rem}, keys, waitOptions(ctx, timeout, s))
	for _, r := range reviewed {
		line := fmt.Sprintf("%s %s", r.Status, r.Key())
		if reason := r.RejectedReason; reason != "" && !strings.EqualFold(reason, "NONE") {
			line += ": " + reason
		}
		fmt.Fprintln(s.Out, line)
	}
	if err != nil {
		return err
	}
	if n := len(apply.Rejected(reviewed)); n > 0 {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d %s rejected", n, templatesNoun(n))}
	}
	return nil
}

// policyFor is the plan policy of the settings, with --prune turning
// pruning on and --force lifting the delete limit.
func policyFor(st config.Settings, prune, force bool, now time.Time) plan.Policy {
	return plan.Policy{Ignore: st.Ignore, Prune: st.Prune || prune, MaxDeletes: st.MaxDeletes, Force: force, Now: now}
}

// computePlan validates the template files (printing their diagnostics to
// stderr), reads the remote templates and plans: the steps of 'plan', so
// that apply executes exactly what plan shows. Invalid files stop it; a plan
// with too many deletes is returned with the error wrapping
// plan.ErrTooManyDeletes, so it can be shown.
func computePlan(ctx context.Context, sess *session, policy plan.Policy, v render.View) (*plan.Plan, error) {
	desired, err := desiredTemplates(sess.settings.Templates, sess.settings.Languages, v)
	if err != nil {
		return nil, err
	}
	remotes, err := sess.client.ListTemplates(ctx, sess.settings.BusinessAccountID, graph.ListFilter{})
	if err != nil {
		return nil, err
	}
	p, err := plan.Compute(desired, remotes, policy)
	if p != nil {
		p.CreatedBy = "waform " + Version()
		p.Settings.BusinessAccountID, p.Settings.Env = sess.settings.BusinessAccountID, sess.settings.Env
	}
	return p, err
}

// remote adapts the graph client, bound to the session's business account,
// to what apply needs.
type remote struct {
	client *graph.Client
	waba   string
}

func newRemote(sess *session) remote {
	return remote{client: sess.client, waba: sess.settings.BusinessAccountID}
}

func (r remote) Create(ctx context.Context, t template.Template) (apply.Created, error) {
	res, err := r.client.CreateTemplate(ctx, r.waba, t)
	return apply.Created{ID: res.ID, Status: res.Status, Recovered: res.Recovered}, err
}

func (r remote) Update(ctx context.Context, id string, t template.Template) error {
	return r.client.UpdateTemplate(ctx, r.waba, id, t)
}

func (r remote) Delete(ctx context.Context, id, name string) error {
	return r.client.DeleteTemplate(ctx, r.waba, id, name)
}

func (r remote) Find(ctx context.Context, key template.Key) (*template.Remote, error) {
	return r.client.FindTemplate(ctx, r.waba, key)
}
