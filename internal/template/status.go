package template

// Review statuses Meta gives a template (TEMPLATE-RULES §1.2), written as
// the API writes them. They are defined here once; plan, apply, the
// emulator and the commands compare against these.
const (
	StatusApproved        = "APPROVED"
	StatusPending         = "PENDING"
	StatusRejected        = "REJECTED"
	StatusPaused          = "PAUSED"
	StatusDisabled        = "DISABLED"
	StatusInAppeal        = "IN_APPEAL"
	StatusDeleted         = "DELETED"
	StatusPendingDeletion = "PENDING_DELETION"
	StatusLimitExceeded   = "LIMIT_EXCEEDED"
	StatusArchived        = "ARCHIVED"
)

// Statuses lists every status Meta documents, for --status and messages.
var Statuses = []string{
	StatusApproved, StatusPending, StatusRejected, StatusPaused, StatusDisabled, StatusInAppeal,
	StatusDeleted, StatusPendingDeletion, StatusLimitExceeded, StatusArchived,
}
