package plan

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/waform/waform/internal/template"
)

// Policy is the scope and the safety limits of a plan (DNSControl's model:
// templates carry no labels, so scope is by name).
type Policy struct {
	// Ignore holds path.Match globs on template names. Remote templates that
	// match are never touched; a file declaring one is an error.
	Ignore []string
	// Prune deletes in-scope remote templates that no file declares.
	Prune bool
	// MaxDeletes is taken literally (0 allows none); config supplies the
	// default of 5. More deletes than this need Force.
	MaxDeletes int
	Force      bool
	// Now is the time the 24-hour edit window of APPROVED templates is
	// measured against. Zero skips that check (the window is then unknown).
	Now time.Time
	// Replace names templates to update even when nothing differs (apply
	// --replace NAME[@LANGUAGE]), e.g. after their header file changed,
	// which the remote cannot show.
	Replace []Target
}

// Target names one template, or every language of a name when Language is
// empty.
type Target struct {
	Name, Language string
}

// ParseTarget reads NAME or NAME@LANGUAGE.
func ParseTarget(s string) (Target, error) {
	name, lang, _ := strings.Cut(s, "@")
	if name == "" || strings.Contains(lang, "@") || (strings.Contains(s, "@") && lang == "") {
		return Target{}, fmt.Errorf("%q: want NAME or NAME@LANGUAGE", s)
	}
	return Target{Name: name, Language: lang}, nil
}

func (t Target) String() string {
	if t.Language == "" {
		return t.Name
	}
	return t.Name + "@" + t.Language
}

func (t Target) matches(k template.Key) bool {
	return t.Name == k.Name && (t.Language == "" || t.Language == k.Language)
}

func (p Policy) replaces(k template.Key) bool {
	return slices.ContainsFunc(p.Replace, func(t Target) bool { return t.matches(k) })
}

// ErrTooManyDeletes is returned, wrapped, by Compute together with the plan
// when it deletes more than Policy.MaxDeletes without Policy.Force, so the
// caller can show what would be deleted.
var ErrTooManyDeletes = errors.New("too many deletes")

// TooManyDeletesError is the error Compute returns with such a plan; its
// message is for the user as it is.
type TooManyDeletesError struct {
	Deletes, MaxDeletes int
}

func (e *TooManyDeletesError) Error() string {
	noun := "templates"
	if e.Deletes == 1 {
		noun = "template"
	}
	return fmt.Sprintf("the plan deletes %d remote %s, more than manage.max_deletes (%d); "+
		"review them, then rerun with --force or raise manage.max_deletes", e.Deletes, noun, e.MaxDeletes)
}

// Is makes errors.Is(err, ErrTooManyDeletes) hold.
func (e *TooManyDeletesError) Is(target error) bool { return target == ErrTooManyDeletes }

// entry is everything known about one (name, language).
type entry struct {
	desired  *desiredSide
	remote   *remoteSide // a live remote template
	deleting *remoteSide // a DELETED or PENDING_DELETION one
}

// Compute plans the changes that make remote match desired under p. Actions
// are sorted by name, then language. An ignore glob that is malformed or that
// matches a declared template, and a key declared twice on either side, are
// errors and no plan is returned; too many deletes returns the plan and an
// error that is a *TooManyDeletesError (and errors.Is ErrTooManyDeletes).
func Compute(desired []Desired, remote []template.Remote, p Policy) (*Plan, error) {
	var s Sides
	s.AddDesired(desired)
	s.AddRemote(remote)
	return s.Compute(p)
}

// Compute plans the templates added to s, as the package's Compute does.
func (s *Sides) Compute(p Policy) (*Plan, error) {
	remote, unkeyed := splitUnkeyed(s.remote)
	entries, err := index(s.desired, remote, p.Ignore)
	if err == nil {
		err = checkTargets(p.Replace, s.desired)
	}
	if err != nil {
		return nil, fmt.Errorf("compute plan: %w", err)
	}
	pl := &Plan{
		FormatVersion: FormatVersion,
		Settings:      Settings{Prune: p.Prune, Force: p.Force, MaxDeletes: p.MaxDeletes},
		Unmanaged:     Unmanaged{PruneOff: !p.Prune, Unreadable: len(unkeyed)},
		Unreadable:    unkeyed,
		Actions:       make([]Action, 0, len(entries)),
	}
	keys := make([]template.Key, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sortKeys(keys)
	planned := make([]template.Key, 0, len(keys))
	for _, k := range keys {
		a, ok := decide(k, entries[k], p, pl)
		if !ok {
			continue
		}
		pl.Actions = append(pl.Actions, a)
		planned = append(planned, k)
	}
	pl.Fingerprints.Templates = digests(planned, entries)
	pl.Fingerprints.Remote, pl.Fingerprints.Desired = combine(pl.Fingerprints.Templates)
	pl.Summary = summarize(pl.Actions)
	if note := unseenMediaNote(pl.Actions); note != "" {
		pl.Notes = append(pl.Notes, note)
	}
	pl.Health = healthInScope(remote, p.Ignore)
	if n := pl.Summary.Delete; n > p.MaxDeletes && !p.Force {
		return pl, &TooManyDeletesError{Deletes: n, MaxDeletes: p.MaxDeletes}
	}
	return pl, nil
}

// digests are the digests of both sides of the entries of keys, in that
// order, computed when the sides were added.
func digests(keys []template.Key, entries map[template.Key]*entry) []TemplateDigest {
	if len(keys) == 0 {
		return nil // as a plan with no actions always recorded it
	}
	out := make([]TemplateDigest, len(keys))
	for i, k := range keys {
		e := entries[k]
		out[i].Key = k
		if e.desired != nil {
			out[i].Desired = e.desired.digest
		}
		if r := cmp.Or(e.remote, e.deleting); r != nil {
			out[i].Remote = r.digest
		}
	}
	return out
}

// healthInScope is Health(InScope(...)) of the listed templates, without
// copying them.
func healthInScope(remote []remoteSide, ignore []string) []Notice {
	var out []Notice
	for i := range remote {
		if _, ignored := matchIgnore(ignore, remote[i].Name); !ignored {
			out = append(out, health(remote[i].Remote)...)
		}
	}
	return sortNotices(out)
}

// index groups both sides by key and enforces the scope rules that make a
// plan impossible: bad globs, declared templates that are ignored, and keys
// that appear twice.
func index(desired []desiredSide, remote []remoteSide, ignore []string) (map[template.Key]*entry, error) {
	for _, g := range ignore {
		if _, err := path.Match(g, ""); err != nil {
			return nil, fmt.Errorf("manage.ignore pattern %q: %w", g, err)
		}
	}
	entries := make(map[template.Key]*entry, len(desired)+len(remote))
	at := func(k template.Key) *entry {
		e := entries[k]
		if e == nil {
			e = &entry{}
			entries[k] = e
		}
		return e
	}
	var errs []error
	for i := range desired {
		d := &desired[i]
		k := d.Template.Key()
		if g, ok := matchIgnore(ignore, k.Name); ok {
			errs = append(errs, fmt.Errorf("%s declares %s, which manage.ignore pattern %q excludes: remove the file or the pattern",
				sourceOf(d), k, g))
			continue
		}
		e := at(k)
		if e.desired != nil {
			errs = append(errs, fmt.Errorf("%s declares %s, already declared at %s", sourceOf(d), k, sourceOf(e.desired)))
			continue
		}
		e.desired = d
	}
	for i := range remote {
		r := &remote[i]
		e := at(r.Template.Key())
		switch {
		case isDeleting(r.Status):
			e.deleting = r
		case e.remote != nil:
			errs = append(errs, fmt.Errorf("the account lists %s twice (ids %s and %s): waform cannot tell which one the file means",
				r.Template.Key(), e.remote.ID, r.ID))
		default:
			e.remote = r
		}
	}
	return entries, errors.Join(errs...)
}

func matchIgnore(globs []string, name string) (string, bool) {
	for _, g := range globs {
		// Patterns were checked by index, so Match cannot fail here.
		if ok, _ := path.Match(g, name); ok {
			return g, true
		}
	}
	return "", false
}

func sourceOf(d *desiredSide) string {
	if d.Source == "" {
		return "a file"
	}
	return d.Source
}

// decide turns one entry into an action, or counts it as unmanaged and
// returns false.
func decide(k template.Key, e *entry, p Policy, pl *Plan) (Action, bool) {
	if e.remote != nil && e.remote.Unreadable != "" {
		return decideUnreadable(k, e, p, pl)
	}
	u := &pl.Unmanaged
	switch {
	case e.desired != nil && e.remote != nil:
		return withUnknown(decideExisting(k, e.desired, e.remote, p.Now, p.replaces(k)), &e.remote.Remote), true
	case e.desired != nil:
		return decideCreate(k, e.desired, e.deleting), true
	}
	if _, ok := matchIgnore(p.Ignore, k.Name); ok {
		u.Ignored++
		u.Templates = append(u.Templates, UnmanagedTemplate{Key: k, Reason: UnmanagedIgnored})
		return Action{}, false
	}
	switch {
	case e.remote == nil:
		u.BeingDeleted++
		u.Templates = append(u.Templates, UnmanagedTemplate{Key: k, Reason: UnmanagedBeingDeleted})
		return Action{}, false
	case !p.Prune:
		u.NotInFiles++
		u.Templates = append(u.Templates, UnmanagedTemplate{Key: k, Reason: UnmanagedNotInFiles})
		return Action{}, false
	}
	return withUnknown(decideDelete(k, e.remote), &e.remote.Remote), true
}

// withUnknown guards the parts of a remote template waform cannot represent
// (template.Remote.Unknown): an edit replaces every component, so an
// update would drop them and is blocked; a delete says what else goes.
func withUnknown(a Action, r *template.Remote) Action {
	if len(r.Unknown) == 0 {
		return a
	}
	parts := strings.Join(r.Unknown, ", ")
	switch {
	case a.Kind == Update:
		return blockUpdate(a, "Meta holds parts waform cannot represent ("+parts+"); an edit replaces every component "+
			"and would drop them: edit it in WhatsApp Manager, or create the new version under a new name")
	case a.Kind == Delete:
		a.Warnings = append(a.Warnings, "it also holds parts waform cannot show: "+parts)
	}
	return a
}

func decideCreate(k template.Key, d *desiredSide, deleting *remoteSide) Action {
	after := d.Template // canonical
	a := Action{Kind: Create, Key: k, Source: d.Source, After: &after, Media: d.Media}
	if deleting != nil {
		a.Kind, a.Intent = Blocked, Create
		a.ID, a.Status = deleting.ID, normStatus(deleting.Status)
		a.Reason = deletingReason(a.Status)
	}
	return a
}

func decideDelete(k template.Key, r *remoteSide) Action {
	before := r.form
	a := Action{Kind: Delete, Key: k, ID: r.ID, Status: normStatus(r.Status), Before: &before}
	if a.Status == template.StatusDisabled {
		a.Kind, a.Intent = Blocked, Delete
		a.Reason = "DISABLED: Meta does not allow deleting a disabled template"
	}
	return a
}

// checkTargets refuses a --replace that names no template of the files: a
// typo must not pass for a replaced template.
func checkTargets(targets []Target, desired []desiredSide) error {
	var errs []error
	for _, t := range targets {
		if !slices.ContainsFunc(desired, func(d desiredSide) bool { return t.matches(d.Template.Key()) }) {
			errs = append(errs, fmt.Errorf("--replace %s: no template file declares it", t))
		}
	}
	return errors.Join(errs...)
}

// unseenMediaNote says, when unchanged templates take their header sample
// from a file, that the plan cannot see whether the file changed: Meta
// answers a CDN URL in place of the sample, never the file or its digest.
func unseenMediaNote(actions []Action) string {
	var names []string
	for _, a := range actions {
		if a.Kind == Noop && len(a.Media) > 0 {
			names = append(names, a.Key.Name+"@"+a.Key.Language)
		}
	}
	if len(names) == 0 {
		return ""
	}
	shown := strings.Join(names[:min(len(names), 3)], ", ")
	if len(names) > 3 {
		shown += fmt.Sprintf(" and %d more", len(names)-3)
	}
	return fmt.Sprintf("media: Meta does not reveal which file a header holds (it answers a CDN URL), so this plan cannot tell "+
		"whether a header file changed since it was uploaded (%s); after replacing one, run apply --replace NAME@LANGUAGE", shown)
}

func sortKeys(ks []template.Key) { slices.SortFunc(ks, template.Key.Compare) }

func normStatus(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func isDeleting(status string) bool {
	s := normStatus(status)
	return s == template.StatusDeleted || s == template.StatusPendingDeletion
}

// splitUnkeyed takes out the unreadable remote templates whose name or
// language could not be read: no file can declare them and no delete can
// address them, so they are only listed.
func splitUnkeyed(remote []remoteSide) (keyed []remoteSide, unkeyed []UnreadableTemplate) {
	if !slices.ContainsFunc(remote, unkeyedRemote) {
		return remote, nil
	}
	keyed = make([]remoteSide, 0, len(remote))
	for _, r := range remote {
		if unkeyedRemote(r) {
			unkeyed = append(unkeyed, unreadableOf(r.Template.Key(), &r.Remote))
			continue
		}
		keyed = append(keyed, r)
	}
	return keyed, unkeyed
}

// unkeyedRemote reports whether r is unreadable without a name or a
// language.
func unkeyedRemote(r remoteSide) bool {
	return r.Unreadable != "" && (r.Name == "" || r.Language == "")
}

// decideUnreadable handles a remote template the client could not read.
// Its content is unknown, so nothing may be sent for its key: a file
// declaring it gets a blocked action (an update cannot be computed and a
// create would collide), and prune never deletes it unseen. Ignored ones
// stay ignored; the rest are listed by name as unmanaged.
func decideUnreadable(k template.Key, e *entry, p Policy, pl *Plan) (Action, bool) {
	r := &e.remote.Remote
	a := Action{Kind: Blocked, Intent: Unreadable, Key: k, ID: r.ID, Status: normStatus(r.Status)}
	switch _, ignored := matchIgnore(p.Ignore, k.Name); {
	case e.desired != nil:
		a.Source = e.desired.Source
		a.Reason = "waform cannot read the remote template (" + r.Unreadable + "); nothing is sent for it, " +
			"neither an update nor a create, which would collide; fix it in WhatsApp Manager, or move the file's template to a new name"
		return a, true
	case ignored:
		pl.Unmanaged.Ignored++
		pl.Unmanaged.Templates = append(pl.Unmanaged.Templates, UnmanagedTemplate{Key: k, Reason: UnmanagedIgnored})
		return Action{}, false
	case p.Prune:
		a.Reason = "prune would delete it, but waform cannot read the remote template (" + r.Unreadable + ") to show what it holds, " +
			"so it is never deleted: delete it in WhatsApp Manager, or add it to manage.ignore"
		return a, true
	}
	pl.Unmanaged.Unreadable++
	pl.Unreadable = append(pl.Unreadable, unreadableOf(k, r))
	return Action{}, false
}

func unreadableOf(k template.Key, r *template.Remote) UnreadableTemplate {
	return UnreadableTemplate{Key: k, ID: r.ID, Status: normStatus(r.Status), Reason: r.Unreadable}
}
