package ghaction

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// DriftLabel labels the drift issues the scheduled workflow keeps.
const DriftLabel = "waform-drift"

// driftMarker identifies the drift issue of one environment.
func driftMarker(environment string) string {
	return fmt.Sprintf("<!-- waform-drift: %s -->", environment)
}

// DriftResult says what SyncDriftIssue did.
type DriftResult struct {
	Action string // "opened", "updated", "closed" or "none"
	Number int
}

// SyncDriftIssue keeps one open issue per environment while the account
// differs from git: drifted opens it (or updates its body with the latest
// plan); in sync closes it with a comment, and does nothing when none is
// open.
func (c *Client) SyncDriftIssue(ctx context.Context, repo, environment string, drifted bool, plan, runURL string) (DriftResult, error) {
	marker := driftMarker(environment)
	open, err := c.findDriftIssue(ctx, repo, marker)
	if err != nil {
		return DriftResult{}, err
	}
	if !drifted {
		if open == 0 {
			return DriftResult{Action: "none"}, nil
		}
		msg := fmt.Sprintf("The %s account matches git again; closing.", environment)
		if runURL != "" {
			msg += fmt.Sprintf(" ([workflow run](%s))", runURL)
		}
		if err := c.send(ctx, http.MethodPost, fmt.Sprintf("%s/repos/%s/issues/%d/comments", c.API, repo, open), map[string]any{"body": msg}, nil); err != nil {
			return DriftResult{}, err
		}
		err := c.send(ctx, http.MethodPatch, fmt.Sprintf("%s/repos/%s/issues/%d", c.API, repo, open),
			map[string]any{"state": "closed", "state_reason": "completed"}, nil)
		return DriftResult{Action: "closed", Number: open}, err
	}
	var b strings.Builder
	b.WriteString(marker + "\n")
	fmt.Fprintf(&b, "The WhatsApp Business Account of **%s** differs from the templates in git: someone changed it outside git, "+
		"or a merge was not applied. Apply the change below (merge a fix, or run the apply workflow), or bring git in line with "+
		"`waform import`. This issue closes by itself when a scheduled check finds the account in sync.\n\n", environment)
	b.WriteString(truncate(plan, commentLimit) + "\n")
	if runURL != "" {
		fmt.Fprintf(&b, "\n<sub>last checked by [this run](%s)</sub>\n", runURL)
	}
	if open != 0 {
		err := c.send(ctx, http.MethodPatch, fmt.Sprintf("%s/repos/%s/issues/%d", c.API, repo, open), map[string]any{"body": b.String()}, nil)
		return DriftResult{Action: "updated", Number: open}, err
	}
	var created listed
	err = c.send(ctx, http.MethodPost, fmt.Sprintf("%s/repos/%s/issues", c.API, repo), map[string]any{
		"title":  fmt.Sprintf("waform: %s drifted from git", environment),
		"body":   b.String(),
		"labels": []string{DriftLabel},
	}, &created)
	return DriftResult{Action: "opened", Number: created.Number}, err
}

// findDriftIssue returns the number of the open drift issue carrying
// marker, or 0.
func (c *Client) findDriftIssue(ctx context.Context, repo, marker string) (int, error) {
	found, err := c.firstMarked(ctx, fmt.Sprintf("%s/repos/%s/issues?state=open&labels=%s&", c.API, repo, DriftLabel), marker)
	switch {
	case err != nil:
		return 0, fmt.Errorf("list drift issues: %w", err)
	case found == nil:
		return 0, nil
	}
	return found.Number, nil
}
