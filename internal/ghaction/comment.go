package ghaction

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// commentLimit keeps a comment under GitHub's 65,536 characters, with room
// for the heading and the truncation note.
const commentLimit = 60_000

// PlanOutcome is how a plan step ended.
type PlanOutcome string

const (
	PlanInSync  PlanOutcome = "in-sync" // exit 0
	PlanChanges PlanOutcome = "changes" // exit 2 with --detailed-exitcode
	PlanFailed  PlanOutcome = "failed"  // anything else
)

// Outcome maps plan --detailed-exitcode's exit code to an outcome.
func Outcome(exitCode int) PlanOutcome {
	switch exitCode {
	case 0:
		return PlanInSync
	case 2:
		return PlanChanges
	}
	return PlanFailed
}

// Marker is the hidden first line that identifies the plan comment of one
// environment, so each push updates it instead of adding another.
func Marker(environment string) string {
	return fmt.Sprintf("<!-- waform-plan-comment: %s -->", environment)
}

// PlanComment is the body of the plan comment. A failed plan replaces the
// previous plan with the error: a comment still saying "no changes" after
// the plan broke would be read as the truth.
func PlanComment(environment string, outcome PlanOutcome, plan, errText, runURL string) string {
	var b strings.Builder
	b.WriteString(Marker(environment) + "\n")
	switch outcome {
	case PlanFailed:
		fmt.Fprintf(&b, "## waform plan: %s failed\n\n", environment)
		b.WriteString("The plan could not be made, so there is no plan for this commit; an earlier plan shown here no longer applies.\n\n")
		b.WriteString("```\n" + truncate(strings.TrimSpace(errText), commentLimit/2) + "\n```\n")
		if strings.TrimSpace(plan) != "" {
			b.WriteString("\n" + truncate(plan, commentLimit/2) + "\n")
		}
	case PlanChanges:
		fmt.Fprintf(&b, "## waform plan: %s has changes\n\n%s\n", environment, truncate(plan, commentLimit))
	default:
		fmt.Fprintf(&b, "## waform plan: %s is in sync\n\n%s\n", environment, truncate(plan, commentLimit))
	}
	if runURL != "" {
		fmt.Fprintf(&b, "\n<sub>[workflow run](%s)</sub>\n", runURL)
	}
	return b.String()
}

func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "\n\n… truncated; the job summary has all of it."
}

// UpsertComment makes body the text of the comment on issue (or pull
// request) number whose body starts with marker: it edits that comment in
// place, or creates it when there is none. It returns the comment's id.
func (c *Client) UpsertComment(ctx context.Context, repo string, number int, marker, body string) (int64, error) {
	found, err := c.firstMarked(ctx, fmt.Sprintf("%s/repos/%s/issues/%d/comments?", c.API, repo, number), marker)
	if err != nil {
		return 0, fmt.Errorf("list comments: %w", err)
	}
	if found != nil {
		err := c.send(ctx, http.MethodPatch, fmt.Sprintf("%s/repos/%s/issues/comments/%d", c.API, repo, found.ID), map[string]any{"body": body}, nil)
		return found.ID, err
	}
	var out listed
	if err := c.send(ctx, http.MethodPost, fmt.Sprintf("%s/repos/%s/issues/%d/comments", c.API, repo, number), map[string]any{"body": body}, &out); err != nil {
		return 0, err
	}
	return out.ID, nil
}

// listed is an issue or a comment as GitHub lists them.
type listed struct {
	ID     int64  `json:"id"`
	Number int    `json:"number"`
	Body   string `json:"body"`
}

// firstMarked pages through the list at url (which ends in its query, or
// "?") and returns the first item whose body starts with marker, or nil.
func (c *Client) firstMarked(ctx context.Context, url, marker string) (*listed, error) {
	const perPage = 100
	for page := 1; ; page++ {
		data, err := c.get(ctx, fmt.Sprintf("%sper_page=%d&page=%d", url, perPage, page), true)
		if err != nil {
			return nil, err
		}
		var items []listed
		if err := json.Unmarshal(data, &items); err != nil {
			return nil, err
		}
		for _, it := range items {
			if strings.HasPrefix(it.Body, marker) {
				return &it, nil
			}
		}
		if len(items) < perPage {
			return nil, nil
		}
	}
}

// send makes an API request with a JSON body and decodes the JSON answer
// into out.
func (c *Client) send(ctx context.Context, method, url string, in, out any) error {
	payload, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("Content-Type", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 10<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		hint := ""
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound {
			hint = " (does the job grant the token the permission? see README \"Permissions\")"
		}
		return fmt.Errorf("%s %s: %s: %s%s", method, url, resp.Status, firstLine(body), hint)
	}
	if out != nil && len(body) > 0 {
		return json.Unmarshal(body, out)
	}
	return nil
}
