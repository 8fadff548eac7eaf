package plan

import (
	"fmt"
	"strconv"
	"time"

	"github.com/waform/waform/internal/template"
)

// editWindow is Meta's limit of one edit per 24 hours on an APPROVED
// template (TEMPLATE-RULES §3).
const editWindow = 24 * time.Hour

// decideExisting plans a template present on both sides. What Meta lets one
// edit depends on the remote status (TEMPLATE-RULES §3):
//   - APPROVED: editable, but not its category (drift, decision 6), and at
//     most once per 24 h and 10 times per 30 days. The API reports neither
//     count; waform blocks an edit only when the remote says it was last
//     updated less than 24 h ago, and otherwise warns that the quota is
//     unknown.
//   - PAUSED: editable without quota; its category is treated as APPROVED's
//     (only a REJECTED template may change category).
//   - REJECTED: editable, category included.
//   - PENDING, IN_APPEAL, DISABLED and anything else: not editable.
//
// replace forces an update when nothing differs (--replace), under the same
// status rules.
func decideExisting(k template.Key, d *desiredSide, r *remoteSide, now time.Time, replace bool) Action {
	a := Action{Kind: Noop, Key: k, ID: r.ID, Status: normStatus(r.Status), Source: d.Source, Media: d.Media}
	// Both sides are canonical already (Sides).
	changes := template.DiffCanonical(d.Template, r.form)
	if len(changes) == 0 && !replace {
		return a
	}
	before, after := r.form, d.Template
	a.Kind, a.Changes, a.Before, a.After = Update, changes, &before, &after
	if replace {
		a.Warnings = append(a.Warnings, "replace: updated on request (--replace), header files uploaded again; "+
			"an edit sends the template to review again")
	}
	switch a.Status {
	case template.StatusRejected:
		return a
	case template.StatusApproved, template.StatusPaused:
		if c, ok := categoryChange(changes); ok {
			return blockUpdate(a, fmt.Sprintf("%s: the category of an approved template cannot be edited; "+
				"set category: %v in the file to plan the other changes, or create a template with a new name", a.Status, c.Before),
				fmt.Sprintf("category drift: Meta has %v, the file says %v", c.Before, c.After))
		}
		if a.Status == template.StatusApproved {
			return approvedEdit(a, r.LastUpdatedTime, now)
		}
		return a
	case template.StatusPending:
		return blockUpdate(a, "PENDING: Meta is reviewing it; edits are refused until review ends")
	case template.StatusInAppeal:
		return blockUpdate(a, "IN_APPEAL: edits are refused until Meta decides the appeal")
	case template.StatusDisabled:
		return blockUpdate(a, "DISABLED: Meta disabled it for low quality; it cannot be edited (create a template with a new name)")
	}
	status := a.Status
	if status == "" {
		status = "no status"
	}
	return blockUpdate(a, status+": only APPROVED, REJECTED or PAUSED templates can be edited")
}

func blockUpdate(a Action, reason string, warnings ...string) Action {
	a.Kind, a.Intent, a.Reason = Blocked, Update, reason
	a.Warnings = append(a.Warnings, warnings...)
	return a
}

func categoryChange(changes []template.Change) (template.Change, bool) {
	for _, c := range changes {
		if c.Path == "category" {
			return c, true
		}
	}
	return template.Change{}, false
}

// approvedEdit applies the 24-hour edit window when the remote says when it
// was last updated, and warns about the quota it cannot see.
func approvedEdit(a Action, lastUpdated string, now time.Time) Action {
	if lastUpdated == "" {
		a.Warnings = append(a.Warnings, "edit quota: Meta allows an APPROVED template 1 edit per 24 h and 10 per 30 days; "+
			"the API does not say when it was last edited, so apply may be refused")
		return a
	}
	at, ok := parseGraphTime(lastUpdated)
	if !ok {
		a.Warnings = append(a.Warnings, fmt.Sprintf("edit quota: cannot read last_updated_time %q; "+
			"Meta allows an APPROVED template 1 edit per 24 h and 10 per 30 days, so apply may be refused", lastUpdated))
		return a
	}
	if !now.IsZero() && now.Sub(at) < editWindow {
		next := at.Add(editWindow).UTC().Format("2006-01-02 15:04 MST")
		return blockUpdate(a, fmt.Sprintf("APPROVED: last edited %s, and Meta allows one edit per 24 h; plan again after %s",
			at.UTC().Format("2006-01-02 15:04 MST"), next))
	}
	a.Warnings = append(a.Warnings, "edit quota: Meta allows an APPROVED template 10 edits per 30 days and does not report how many are used")
	return a
}

// parseGraphTime reads the time formats Graph and Kapso use: ISO 8601 with
// a "+0000" offset (Graph), RFC 3339, or Unix seconds.
func parseGraphTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05-0700", time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return time.Unix(n, 0), true
	}
	return time.Time{}, false
}

// deletingReason explains why a template cannot be created while a remote
// one with the same name and language is being deleted (TEMPLATE-RULES §4).
func deletingReason(status string) string {
	if status == template.StatusPendingDeletion {
		return "PENDING_DELETION: the remote template is still being deleted, and Meta refuses new content in this language " +
			"until it is gone (error 2388023); wait, or use another name"
	}
	return "DELETED: Meta refuses to create a deleted template's name again for 30 days (error 2388025); use another name or wait"
}
