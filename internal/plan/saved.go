package plan

// CheckSaved accepts current, the plan made now from the files, the
// account and the current settings, only if it is saved, the plan read
// from a file: its inputs unchanged (CheckStale), then exactly its actions
// (SameActions). Made with another prune or force setting, the actions are
// compared first: those settings change which templates are in the plan,
// which the staleness check would misread as changed templates.
func CheckSaved(saved, current *Plan) error {
	checks := []func(saved, current *Plan) error{CheckStale, SameActions}
	if saved.Settings.Prune != current.Settings.Prune || saved.Settings.Force != current.Settings.Force {
		checks[0], checks[1] = checks[1], checks[0]
	}
	for _, check := range checks {
		if err := check(saved, current); err != nil {
			return err
		}
	}
	return nil
}
