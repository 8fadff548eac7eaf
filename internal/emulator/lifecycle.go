package emulator

import (
	"strings"
	"time"

	"github.com/waform/waform/internal/template"
)

// Meta's edit quota for APPROVED templates.
const (
	editsPerDay   = 1
	editsPerMonth = 10
	editDay       = 24 * time.Hour
	editMonth     = 30 * 24 * time.Hour
	rateWindow    = time.Hour
)

// startReview puts rec through review after a create or an edit: decided at
// once in instant and reject modes, PENDING otherwise.
func (s *Server) startReview(rec *record, now time.Time) {
	rec.ReviewStart, rec.ReadsSeen, rec.RejectedReason = now, 0, ""
	switch s.opts.Approval.Mode {
	case ApproveDelay, ApproveNever:
		rec.Status = template.StatusPending
	default:
		s.finishReview(rec)
	}
}

// finishReview sets the review's outcome: REJECTED when the template
// carries the reject marker or the mode rejects everything, else APPROVED.
func (s *Server) finishReview(rec *record) {
	a := s.opts.Approval
	if a.Mode == ApproveReject || (a.RejectMarker != "" && strings.Contains(templateText(rec.Template), a.RejectMarker)) {
		rec.Status, rec.RejectedReason = template.StatusRejected, a.RejectReason
		return
	}
	rec.Status, rec.RejectedReason = template.StatusApproved, ""
}

// settle ends the delay-mode reviews whose time has come and forgets
// expired rate-limit marks and tombstones. The caller holds s.mu.
func (s *Server) settle(now time.Time) {
	a := s.opts.Approval
	for _, rec := range s.st.Templates {
		if rec.Status != template.StatusPending || a.Mode != ApproveDelay {
			continue
		}
		byReads := a.AfterLists > 0 && rec.ReadsSeen >= a.AfterLists
		byTime := a.After > 0 && !now.Before(rec.ReviewStart.Add(a.After))
		if byReads || byTime {
			s.finishReview(rec)
		}
	}
	creates := s.st.Creates[:0]
	for _, m := range s.st.Creates {
		if now.Sub(m.At) < rateWindow {
			creates = append(creates, m)
		}
	}
	s.st.Creates = creates
	tombs := s.st.Tombstones[:0]
	for _, t := range s.st.Tombstones {
		if s.opts.DeleteCooldown > 0 && now.Sub(t.DeletedAt) < s.opts.DeleteCooldown {
			tombs = append(tombs, t)
		}
	}
	s.st.Tombstones = tombs
}

// sawPending counts a read that showed rec PENDING, for AfterLists.
func sawPending(rec *record) bool {
	if rec.Status != template.StatusPending {
		return false
	}
	rec.ReadsSeen++
	return true
}

// editQuotaError says why an APPROVED template cannot be edited now, or nil.
func editQuotaError(rec *record, now time.Time) *apiError {
	var day, month int
	for _, at := range rec.Edits {
		age := now.Sub(at)
		if age < editDay {
			day++
		}
		if age < editMonth {
			month++
		}
	}
	switch {
	case day >= editsPerDay:
		return invalidParam(0, "Edit limit reached",
			"An approved message template can be edited once in 24 hours. Try again later.")
	case month >= editsPerMonth:
		return invalidParam(0, "Edit limit reached",
			"An approved message template can be edited 10 times in 30 days. Try again later.")
	}
	return nil
}

// recordEdit keeps the edit times the quota still counts.
func recordEdit(rec *record, now time.Time) {
	kept := rec.Edits[:0]
	for _, at := range rec.Edits {
		if now.Sub(at) < editMonth {
			kept = append(kept, at)
		}
	}
	rec.Edits = append(kept, now)
}

// templateText is every piece of text in a template, for the reject marker.
func templateText(t template.Template) string {
	var b strings.Builder
	var walk func(cs []template.Component)
	walk = func(cs []template.Component) {
		for _, c := range cs {
			b.WriteString(c.Text + "\n")
			for _, btn := range c.Buttons {
				b.WriteString(btn.Text + "\n" + btn.URL + "\n")
			}
			for _, card := range c.Cards {
				walk(card.Components)
			}
		}
	}
	walk(t.Components)
	return b.String()
}
