package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/waform/waform/internal/template"
)

// Notice is something Meta did to a remote template that a plan does not
// change but its owner must act on: a quality rating that puts sending at
// risk, a pause or disablement, a pending or completed category change.
// Notices never change actions, their counts or exit codes.
type Notice struct {
	Key     template.Key `json:"key"`
	Kind    string       `json:"kind"`
	Message string       `json:"message"`
}

// Notice kinds.
const (
	NoticeQuality         = "quality"
	NoticePaused          = "paused"
	NoticeDisabled        = "disabled"
	NoticeCategoryPending = "category_pending"
	NoticeCategoryChanged = "category_changed"
)

// Health returns the notices of remote templates, sorted by key. Quality
// ratings are Meta's (template-quality docs: GREEN, YELLOW, RED, UNKNOWN);
// a paused or disabled template fails to send with 132015 or 132016
// (M-ERR); correct_category is the category Meta will move a template to,
// previous_category the one it had before Meta moved it (M-CAT).
func Health(remotes []template.Remote) []Notice {
	var out []Notice
	for _, r := range remotes {
		out = append(out, health(r)...)
	}
	return sortNotices(out)
}

func sortNotices(ns []Notice) []Notice {
	slices.SortStableFunc(ns, func(a, b Notice) int { return a.Key.Compare(b.Key) })
	return ns
}

func health(r template.Remote) []Notice {
	k := r.Template.Key()
	var out []Notice
	add := func(kind, format string, args ...any) {
		out = append(out, Notice{Key: k, Kind: kind, Message: fmt.Sprintf(format, args...)})
	}
	category := normStatus(r.Category)
	reason := pauseReason(r)
	status := normStatus(r.Status)
	switch status {
	case template.StatusPaused:
		add(NoticePaused, "PAUSED by Meta for low quality%s: sends fail with error 132015 until Meta unpauses it, and a template paused again may be disabled; "+
			"read the recipients' feedback in WhatsApp Manager and edit the template (edits of a paused template have no quota)", reason)
	case template.StatusDisabled:
		add(NoticeDisabled, "DISABLED by Meta for low quality%s: it can no longer be sent (error 132016) or edited; "+
			"send a reworded template under a new name, and remove this one from the files", reason)
	}
	// A paused or disabled template's rating only repeats why.
	if q := r.QualityScore; q != nil && status != template.StatusPaused && status != template.StatusDisabled {
		switch normStatus(q.Score) {
		case "YELLOW":
			add(NoticeQuality, "quality YELLOW: recipients have blocked or reported it, or few read it; it may be paused soon: "+
				"check who receives it and how often, and make its content more relevant")
		case "RED":
			add(NoticeQuality, "quality RED: it can still be sent but is in danger of being paused or disabled: "+
				"stop or narrow its sends, and reword it under a new name if feedback stays poor")
		}
	}
	correct, previous := normStatus(r.CorrectCategory), normStatus(r.PreviousCategory)
	if slices.Contains(template.Categories, correct) && correct != category {
		add(NoticeCategoryPending, "Meta will change its category from %s to %s (correct_category)%s: "+
			"reword it to fit %s, or accept the change and set category: %s in the file",
			orUnknown(category), correct, billing(correct), orUnknown(category), correct)
	}
	if slices.Contains(template.Categories, previous) && previous != category && category != "" {
		add(NoticeCategoryChanged, "Meta changed its category from %s to %s (previous_category)%s: "+
			"set category: %s in the file so plans stay clean, or reword it and ask for a review in WhatsApp Manager within 60 days",
			previous, category, billing(category), category)
	}
	return out
}

func billing(category string) string {
	if category == template.CategoryMarketing {
		return "; it is billed at the marketing rate"
	}
	return ""
}

// pauseReason is the reason Meta gives with a template's quality score or
// rejection, as " (...)", or "" when it gives none.
func pauseReason(r template.Remote) string {
	var reasons []string
	if r.QualityScore != nil {
		reasons = append(reasons, r.QualityScore.Reasons...)
	}
	if rr := strings.TrimSpace(r.RejectedReason); rr != "" && !strings.EqualFold(rr, "NONE") {
		reasons = append(reasons, rr)
	}
	if len(reasons) == 0 {
		return ""
	}
	return " (" + strings.Join(reasons, "; ") + ")"
}

func orUnknown(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// InScope keeps the remote templates a plan manages: those no
// manage.ignore glob matches.
func InScope(remotes []template.Remote, ignore []string) []template.Remote {
	var out []template.Remote
	for _, r := range remotes {
		if _, ignored := matchIgnore(ignore, r.Name); !ignored {
			out = append(out, r)
		}
	}
	return out
}
