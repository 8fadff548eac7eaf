package cli

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/waform/waform/internal/apply"
	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/template"
)

type statusCmd struct {
	Name    string        `help:"Only templates whose name matches this glob (*, ?, [a-z])." placeholder:"GLOB"`
	Status  string        `help:"Only templates with this status, in any case: APPROVED, PENDING, REJECTED, PAUSED, DISABLED, IN_APPEAL, DELETED, PENDING_DELETION, LIMIT_EXCEEDED or ARCHIVED." placeholder:"STATUS"`
	Wait    bool          `help:"First wait until none of the matching templates is PENDING; exit 1 if any ends REJECTED."`
	Timeout time.Duration `help:"How long --wait waits." default:"10m"`
	Format  string        `help:"Output format." enum:"text,json" default:"text"`
}

func (statusCmd) Help() string {
	return `Lists the remote templates of the business account with their review
status, category, quality rating, rejection reason and last update. --name
takes a glob on the template name, --status one status. With --wait it first
polls, backing off, until no matching template is PENDING, then prints the
table; it exits 1 if any of them was REJECTED or the timeout passed.

Below the table, a warning line says what to do about each template Meta
rated YELLOW or RED, PAUSED or DISABLED (with the reason it gives), or
recategorised (previous_category) or is about to (correct_category); the
JSON output carries them as each template's "warnings". They never change
the exit code.

Example:
  waform status
  waform status --name 'order_*' --status REJECTED
  waform status --wait --timeout 30m
  waform status --format json --local`
}

func (c statusCmd) Run(ctx context.Context, g *Globals, s Streams, env Env) error {
	if _, err := path.Match(c.Name, ""); err != nil {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("--name %q is not a valid glob: %v", c.Name, err)}
	}
	if err := checkStatus(c.Status); err != nil {
		return err
	}
	v := s.view(g, env, c.Format)
	sess, err := openSession(ctx, g, v, env)
	if err != nil {
		return err
	}
	defer sess.close()
	sess.announce(v)
	lister := sess.account()
	lister.Names = c.Name
	var listed []template.Remote
	var waitErr error
	if c.Wait {
		listed, waitErr = apply.Wait(ctx, lister, nil, waitOptions(ctx, c.Timeout, v))
		if listed == nil && waitErr != nil {
			return waitErr
		}
	} else if listed, err = lister.List(ctx); err != nil {
		return err
	}
	shown := listed[:0:0]
	for _, r := range listed {
		if c.Status == "" || strings.EqualFold(r.Status, c.Status) {
			shown = append(shown, r)
		}
	}
	if err := v.Status(render.StatusRows(shown, sess.settings.Ignore)); err != nil {
		return err
	}
	if waitErr != nil {
		return waitErr
	}
	if c.Wait {
		return rejectedError(shown)
	}
	return nil
}

// checkStatus refuses a --status Meta never gives, which would otherwise
// match nothing and read as "no such templates".
func checkStatus(status string) error {
	if status == "" || slices.ContainsFunc(template.Statuses, func(s string) bool { return strings.EqualFold(s, status) }) {
		return nil
	}
	msg := fmt.Sprintf("--status %q is not a template status", status)
	if guess := diag.Suggest(status, template.Statuses); guess != "" {
		msg += fmt.Sprintf(": did you mean %s?", guess)
	} else {
		msg += "."
	}
	return &exitError{code: exitUsage, msg: msg + " Statuses are " + strings.Join(template.Statuses, ", ")}
}

// waitOptions is how apply --wait and status --wait poll: on the context's
// clock, with a line on stderr whenever templates are still PENDING.
func waitOptions(ctx context.Context, timeout time.Duration, v render.View) apply.WaitOptions {
	if timeout <= 0 {
		timeout = apply.DefaultWaitTimeout
	}
	clk := clock.From(ctx)
	return apply.WaitOptions{Timeout: timeout, Clock: clk, Progress: v.ReviewProgress(clk, timeout)}
}

// rejectedError fails apply --wait and status --wait when a template they
// waited for ended REJECTED; nil when none did.
func rejectedError(rs []template.Remote) error {
	if n := len(apply.Rejected(rs)); n > 0 {
		return &exitError{code: exitFailure, msg: fmt.Sprintf("%d %s rejected", n, render.Plural(n, "template"))}
	}
	return nil
}
