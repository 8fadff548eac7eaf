package template

// legacyCategories maps the template categories Meta used before its 2023
// change to the three it uses now. Meta replaced TRANSACTIONAL (and the
// finer *_UPDATE, ISSUE_RESOLUTION and AUTO_REPLY kinds of the same
// transactional family) by UTILITY and OTP by AUTHENTICATION; MARKETING
// stayed (Meta's 2023 template category update, as partners relayed it:
// "Utility and Authentication replace Transactional and OTP Templates
// respectively, but Marketing Template remains the same", Kaleyra's
// WhatsApp template category page). Meta then re-reviewed each template
// and moved some to MARKETING on content (the previous_category field of
// real listings shows ISSUE_RESOLUTION and ACCOUNT_UPDATE templates now
// MARKETING), which a name-only mapping cannot know: a template still
// carrying a legacy category takes the default below, and Meta's own later
// recategorisation shows up as category drift.
var legacyCategories = map[string]string{
	"TRANSACTIONAL":           "UTILITY",
	"ACCOUNT_UPDATE":          "UTILITY",
	"ALERT_UPDATE":            "UTILITY",
	"APPOINTMENT_UPDATE":      "UTILITY",
	"AUTO_REPLY":              "UTILITY",
	"ISSUE_RESOLUTION":        "UTILITY",
	"PAYMENT_UPDATE":          "UTILITY",
	"PERSONAL_FINANCE_UPDATE": "UTILITY",
	"RESERVATION_UPDATE":      "UTILITY",
	"SHIPPING_UPDATE":         "UTILITY",
	"TICKET_UPDATE":           "UTILITY",
	"TRANSPORTATION_UPDATE":   "UTILITY",
	"OTP":                     "AUTHENTICATION",
}

// LegacyCategory returns the category Meta uses today for a category from
// before its 2023 change, in either case, and whether category was one.
func LegacyCategory(category string) (string, bool) {
	now, ok := legacyCategories[upper(category)]
	return now, ok
}
