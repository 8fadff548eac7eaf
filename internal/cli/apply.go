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
	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/planner"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/template"
)

type applyCmd struct {
	PlanFile    string        `arg:"" optional:"" help:"A plan saved with 'plan --out'; applied only if planning now gives exactly its actions." placeholder:"PLANFILE"`
	AutoApprove bool          `help:"Apply without asking for confirmation (required when stdin is not a terminal)." name:"auto-approve"`
	Prune       bool          `help:"Delete remote templates in scope that no file declares (overrides manage.prune)."`
	Force       bool          `help:"Allow more deletes than manage.max_deletes."`
	Parallelism *int          `help:"How many actions run at once (default: apply.parallelism of waform.yaml, else 10)." placeholder:"N"`
	Grace       time.Duration `help:"After SIGINT or SIGTERM, how long actions in flight may finish before they are cancelled and read back." default:"30s"`
	Wait        bool          `help:"After applying, wait until no touched template is PENDING; exit 1 if any is REJECTED."`
	Timeout     time.Duration `help:"How long --wait waits." default:"10m"`
	Replace     []string      `help:"Update this template even if nothing differs, e.g. after replacing its header file (repeatable; NAME alone means every language)." placeholder:"NAME[@LANGUAGE]" sep:"none"`
}

func (applyCmd) Help() string {
	return `Makes the remote templates match the files. Without PLANFILE it computes the
plan, prints it and asks for "yes" on a terminal (Ctrl-C cancels); with no
terminal it refuses unless --auto-approve is given. With PLANFILE (from 'plan
--out') it plans again from the files, the account and the current flags and
config (prune, force, max_deletes), and applies only if the actions are exactly
the saved ones; it does not ask again. A tampered, truncated or foreign file is
refused and nothing changes.

Creates and updates run first, --parallelism at a time, then deletes; one
failure does not stop the others. Each action prints a line as it finishes,
and the run ends with one line counting what was created, updated, deleted,
blocked, failed and not started, then every action not done with its reason.
A request that fails is checked by reading the template back: if the account
already holds what the file says (a lost answer, a concurrent apply), it is
done, never created twice. A change Meta refuses for its edit limit is
reported as blocked, with the limit and when to retry.

A header sample naming a file of the repository (header_handle: [./FILE]) is
uploaded through Meta's Resumable Upload API as a step of its create or
update, with the app ID of api.app_id or META_APP_ID (checked before anything
is sent); the handle goes in the request, the file stays as it is. Meta never
shows which file a template holds, so after replacing one, --replace
NAME[@LANGUAGE] updates the template although no field differs.

SIGINT or SIGTERM (a CI cancel) stops starting actions; actions in flight get
--grace to finish, then are cancelled and read back; the report says
"interrupted" and lists each action as done, failed or not started; exit 130
(SIGINT) or 143 (SIGTERM). A second signal aborts at once and lists the
actions whose outcome is unknown.

Exits 0 only when every planned action was done (or there was nothing to
do); 1 when anything planned was not done (blocked included), the plan file
was refused, or the confirmation was declined.

Example:
  waform apply
  waform plan --out plan.json && waform apply plan.json
  waform apply --replace new_arrivals@en_US
  waform apply --auto-approve --prune --wait --timeout 30m
  waform apply --local --auto-approve`
}

func (c applyCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	if c.Parallelism != nil && *c.Parallelism < 1 {
		return &exitError{code: exitUsage, msg: "--parallelism must be at least 1"}
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
	if err := requireAppID(p, sess.settings.AppID); err != nil {
		return err
	}
	in := interruptsFrom(ctx)
	if p.Summary.Changes() > 0 {
		if err := c.confirm(ctx, s, in, sess.target); err != nil {
			return err
		}
	}
	account := sess.account()
	hard := in.hardContext(ctx)
	if at, ok := ctx.Deadline(); ok { // --deadline: past it, nothing more is sent
		var cancel context.CancelFunc
		hard, cancel = context.WithDeadline(hard, at)
		defer cancel()
	}
	progress := v.ApplyProgress(clock.From(ctx), p)
	rep := apply.Run(hard, p, account, apply.Options{
		Parallelism: parallelismFor(sess.settings, c.Parallelism),
		Uploader:    apply.NewUploader(account, p),
		Stop:        in.stopChan(),
		Grace:       c.Grace,
		Progress:    progress.Result,
	})
	progress.Done()
	sig := in.signal()
	by := ""
	if sig != nil {
		by = signalName(sig)
	}
	if err := render.ApplyReport(s.Out, rep, by); err != nil {
		return err
	}
	if sig != nil {
		return &exitError{code: signalExitCode(sig), msg: render.ApplyInterrupted(rep, by)}
	}
	if errors.Is(hard.Err(), context.DeadlineExceeded) && !rep.Complete() {
		t := rep.Totals()
		return &exitError{code: exitFailure, msg: fmt.Sprintf("gave up: the --deadline of %s passed with %d of %d planned actions not done (%s)",
			g.Deadline, t.Left(), len(rep.Results), render.ApplyLeft(t))}
	}
	if c.Wait {
		if err := waitForReview(ctx, account, rep, c.Timeout, v); err != nil {
			return err
		}
	}
	if t := rep.Totals(); t.Left() > 0 {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d of %d planned actions not done (%s); the account still differs from the files",
			t.Left(), len(rep.Results), render.ApplyLeft(t))}
	}
	return nil
}

// plan returns the plan to execute: computed now and printed; or, with
// PLANFILE, computed now with the current settings and returned only if its
// actions are exactly the saved plan's.
func (c applyCmd) plan(ctx context.Context, sess *session, v render.View) (*plan.Plan, error) {
	var saved *plan.Plan
	if c.PlanFile != "" {
		var err error
		if saved, err = plan.ReadFile(c.PlanFile); err != nil {
			return nil, &exitError{code: exitFailure, msg: fmt.Sprintf("refusing to apply: %v", err)}
		}
	}
	policy := planner.Policy(sess.settings, c.Prune, c.Force, clock.From(ctx).Now())
	var err error
	if policy.Replace, err = parseTargets(c.Replace); err != nil {
		return nil, err
	}
	p, err := computePlan(ctx, sess, policy, v)
	if p == nil {
		sess.announceFailure(v, err)
	}
	if p != nil && saved == nil {
		if werr := v.Plan(p, 0); werr != nil {
			return nil, werr
		}
	}
	if errors.Is(err, plan.ErrTooManyDeletes) {
		return nil, &exitError{code: exitFailure, msg: err.Error()}
	}
	if err != nil || saved == nil {
		return p, err
	}
	if err := plan.CheckSaved(saved, p); err != nil {
		return nil, &exitError{code: exitFailure, msg: fmt.Sprintf("refusing to apply %s: %v", c.PlanFile, err)}
	}
	fmt.Fprintf(v.Out, "Applying %s: %s\n", c.PlanFile, render.PlanSummary(p.Summary))
	return p, nil
}

// confirm asks for "yes" on a terminal. A saved plan was reviewed when it
// was made, so it needs no confirmation. SIGINT at the prompt (Ctrl-C)
// cancels at once.
func (c applyCmd) confirm(ctx context.Context, s Streams, in *interrupts, target plan.Account) error {
	if c.AutoApprove || c.PlanFile != "" {
		return nil
	}
	if !s.InTerm.TTY {
		return &exitError{code: exitFailure, msg: "refusing to apply without confirmation: stdin is not a terminal; pass --auto-approve"}
	}
	fmt.Fprintf(s.Out, "\n%s\nApply these changes? Only 'yes' is accepted: ", render.TargetLine(target))
	type answer struct {
		yes bool
		err error
	}
	answers := make(chan answer, 1)
	go func() { // abandoned on Ctrl-C: the process is about to exit
		yes, err := readYes(s.In)
		answers <- answer{yes, err}
	}()
	cancelled := func() error {
		code := exitFailure
		if sig := in.signal(); sig != nil {
			code = signalExitCode(sig)
		}
		return &exitError{code: code, msg: "apply cancelled; nothing was changed"}
	}
	select {
	case <-ctx.Done():
		fmt.Fprintln(s.Out)
		return cancelled()
	case a := <-answers:
		switch {
		case ctx.Err() != nil: // Ctrl-C, then "yes"
			return cancelled()
		case a.err != nil:
			return a.err
		case !a.yes:
			return cancelled()
		}
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

// waitForReview waits for the templates apply created or updated, prints
// each one's final status, and fails if any was rejected.
func waitForReview(ctx context.Context, account graph.Account, rep apply.Report, timeout time.Duration, v render.View) error {
	keys := rep.Written()
	if len(keys) == 0 {
		return nil
	}
	reviewed, err := apply.Wait(ctx, account, keys, waitOptions(ctx, timeout, v))
	v.Reviewed(reviewed)
	if err != nil {
		return err
	}
	return rejectedError(reviewed)
}

// computePlan runs the steps of 'plan' (planner.Plan) for the session,
// printing the files' diagnostics and the listing's progress on v, so that
// apply executes exactly what plan shows.
func computePlan(ctx context.Context, sess *session, policy plan.Policy, v render.View) (*plan.Plan, error) {
	p, err := planner.Plan(ctx, planner.Options{
		Templates:   sess.settings.Templates,
		Languages:   sess.settings.Languages,
		Policy:      policy,
		List:        listWithProgress(ctx, sess, v),
		Diagnostics: v.Diagnostics,
	})
	err = invalidFiles(err)
	if p != nil {
		p.CreatedBy = "waform " + Version()
		p.Target = &sess.target
		p.Settings.BusinessAccountID, p.Settings.Env = sess.settings.BusinessAccountID, sess.settings.Env
	}
	return p, err
}

// listWithProgress lists the session's account page by page, keeping a
// live count of pages and templates on v's stderr.
func listWithProgress(ctx context.Context, sess *session, v render.View) planner.ListFunc {
	return func(listCtx context.Context, visit func([]template.Remote) error) error {
		prog := v.Progress(clock.From(ctx))
		pages, kept := 0, 0
		err := sess.client.ListTemplatePages(listCtx, sess.settings.BusinessAccountID, graph.ListFilter{}, func(page []template.Remote) error {
			pages, kept = pages+1, kept+len(page)
			prog.Update(render.ListProgressLine("plan", pages, kept))
			return visit(page)
		})
		if err == nil {
			prog.Done(render.ListProgressLine("plan", pages, kept))
		} else {
			prog.Clear()
		}
		return err
	}
}

// parallelismFor is how many actions apply runs at once: the flag (nil when
// not given), else apply.parallelism, else apply's default.
func parallelismFor(settings config.Settings, flag *int) int {
	switch {
	case flag != nil:
		return *flag
	case settings.Parallelism > 0:
		return settings.Parallelism
	}
	return apply.DefaultParallelism
}
