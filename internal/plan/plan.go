// Package plan computes what it takes to make the remote templates of a
// WhatsApp Business Account match the files: which templates to create,
// update or delete, which changes Meta would refuse (blocked), and which
// remote templates are out of scope. It is pure: templates in, a Plan out;
// the only I/O is reading and writing saved plan files.
package plan

import "github.com/waform/waform/internal/template"

// FormatVersion is the version of the JSON plan format (plan files and
// `plan --format json`). A reader refuses a major version it does not know;
// fields may be added within a major version.
const FormatVersion = "1.1"

// Kind is what an action does.
type Kind string

// Action kinds. A blocked action is a change the files ask for that Meta
// would refuse (or that waform refuses to attempt); Intent says which.
const (
	Create  Kind = "create"
	Update  Kind = "update"
	Delete  Kind = "delete"
	Noop    Kind = "noop"
	Blocked Kind = "blocked"
	// Unreadable is the intent of a blocked action on a remote template
	// the client could not read (template.Remote.Unreadable): a file
	// declares it, or prune would delete it. Nothing is ever sent for it.
	Unreadable Kind = "unreadable"
)

// Desired is one template from the files, with where it was declared
// ("file:line") so that errors and the plan can point at it.
type Desired struct {
	Template template.Template
	Source   string
	// Media describes the files the template's header samples name.
	Media []MediaFile
}

// MediaFile is a repository file a header sample names ("./banner.png"),
// which apply uploads. Meta never shows which file a template holds, so
// the plan carries the file's digest: in the desired fingerprint (a saved
// plan goes stale when the file changes) and for apply to check.
type MediaFile struct {
	Ref    string `json:"ref"`  // as the template writes it
	Path   string `json:"path"` // from the working directory
	Type   string `json:"type"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Action is one step of the plan, for one (name, language).
type Action struct {
	Kind Kind         `json:"kind"`
	Key  template.Key `json:"key"`
	// Intent is the action a blocked one would have been.
	Intent Kind `json:"intent,omitempty"`
	// ID is the remote template's id (hsm_id): what update and delete
	// address. Empty when there is no remote template.
	ID string `json:"id,omitempty"`
	// Status is the remote template's status, when there is one.
	Status string `json:"status,omitempty"`
	// Source is where the file declares the template ("file:line").
	Source   string   `json:"source,omitempty"`
	Reason   string   `json:"reason,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	// Changes lists the differences, remote (before) to file (after), for
	// updates and blocked updates.
	Changes []template.Change `json:"changes,omitempty"`
	// Before is the remote template and After the file's, both canonical.
	// Noop actions carry neither, to keep plans of thousands of templates
	// small; the fingerprints cover them.
	Before *template.Template `json:"before,omitempty"`
	After  *template.Template `json:"after,omitempty"`
	// Media lists the files the template's header samples name: uploaded
	// by a create or update, and never compared (Meta answers a CDN URL).
	Media []MediaFile `json:"media,omitempty"`
}

// Unmanaged counts remote templates the plan leaves alone, by reason.
type Unmanaged struct {
	Ignored      int  `json:"ignored"`        // matched a manage.ignore glob
	NotInFiles   int  `json:"not_in_files"`   // no file, and prune is off
	BeingDeleted int  `json:"being_deleted"`  // no file, already DELETED or PENDING_DELETION
	PruneOff     bool `json:"prune_disabled"` // why NotInFiles are kept
	// Unreadable counts the remote templates the client could not read
	// that no action covers; Plan.Unreadable names them.
	Unreadable int `json:"unreadable,omitempty"`
	// Templates names the ignored, not-in-files and being-deleted ones,
	// sorted by key, so a reviewer sees which templates the counts are.
	Templates []UnmanagedTemplate `json:"templates,omitempty"`
}

// Reasons a remote template is left alone, as UnmanagedTemplate.Reason.
const (
	UnmanagedIgnored      = "ignored"
	UnmanagedNotInFiles   = "not_in_files"
	UnmanagedBeingDeleted = "being_deleted"
)

// UnmanagedTemplate is one remote template the plan leaves alone.
type UnmanagedTemplate struct {
	Key    template.Key `json:"key"`
	Reason string       `json:"reason"`
}

// UnreadableTemplate is a remote template waform could not read, and why.
type UnreadableTemplate struct {
	Key    template.Key `json:"key"`
	ID     string       `json:"id,omitempty"`
	Status string       `json:"status,omitempty"`
	Reason string       `json:"reason"`
}

// Total is the number of remote templates left alone.
func (u Unmanaged) Total() int { return u.Ignored + u.NotInFiles + u.BeingDeleted + u.Unreadable }

// Fingerprints identify what a plan was computed from, so a saved plan can
// be refused when the remote or the files have changed since. Remote and
// Desired digest Templates, which has one entry per action.
type Fingerprints struct {
	Remote    string           `json:"remote"`
	Desired   string           `json:"desired"`
	Templates []TemplateDigest `json:"templates"`
}

// TemplateDigest is the digest of one key's remote template (with its id
// and status) and of its file template; "" when that side is absent.
type TemplateDigest struct {
	Key     template.Key `json:"key"`
	Remote  string       `json:"remote,omitempty"`
	Desired string       `json:"desired,omitempty"`
}

// Settings are the settings a plan was made with that matter to apply. They
// hold no credential by construction: never add one.
type Settings struct {
	BusinessAccountID string `json:"business_account_id,omitempty"`
	Env               string `json:"env,omitempty"`
	Prune             bool   `json:"prune"`
	Force             bool   `json:"force"`
	MaxDeletes        int    `json:"max_deletes"`
}

// Account is the account a plan was made against, and where each value
// that chose it came from ("waform.yaml", "environments.NAME",
// "$WHATSAPP_BUSINESS_ACCOUNT_ID", "--local", "default"), so a reviewer
// sees which account a plan is for and why.
type Account struct {
	Provider          string         `json:"provider"`
	APIHost           string         `json:"api_host"`
	BusinessAccountID string         `json:"business_account_id"`
	Env               string         `json:"env,omitempty"`
	Sources           AccountSources `json:"sources"`
}

// AccountSources holds the origin of each Account field.
type AccountSources struct {
	Provider          string `json:"provider"`
	APIHost           string `json:"api_host"`
	BusinessAccountID string `json:"business_account_id"`
	Env               string `json:"env,omitempty"`
}

// Plan is the result of Compute, and the content of a saved plan file.
type Plan struct {
	FormatVersion string       `json:"format_version"`
	CreatedBy     string       `json:"created_by,omitempty"`
	Target        *Account     `json:"target,omitempty"`
	Settings      Settings     `json:"settings"`
	Summary       Summary      `json:"summary"`
	Unmanaged     Unmanaged    `json:"unmanaged"`
	Fingerprints  Fingerprints `json:"fingerprints"`
	Actions       []Action     `json:"actions"`
	// Unreadable names the remote templates the client could not read that
	// no action covers: no file declares them and prune is off (or they
	// lack a name or language). Listed so they are never silently skipped.
	Unreadable []UnreadableTemplate `json:"unreadable,omitempty"`
	// Notes say what the plan cannot see, e.g. whether a header file changed.
	Notes []string `json:"notes,omitempty"`
	// Health lists what Meta did to remote templates in scope (quality,
	// pauses, category changes) that needs attention; it never changes
	// the actions.
	Health []Notice `json:"health,omitempty"`
}

// Summary counts actions by kind.
type Summary struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Delete  int `json:"delete"`
	Blocked int `json:"blocked"`
	Noop    int `json:"noop"`
}

func summarize(actions []Action) Summary {
	var s Summary
	for _, a := range actions {
		switch a.Kind {
		case Create:
			s.Create++
		case Update:
			s.Update++
		case Delete:
			s.Delete++
		case Blocked:
			s.Blocked++
		case Noop:
			s.Noop++
		}
	}
	return s
}

// Changes is the number of actions apply would perform.
func (s Summary) Changes() int { return s.Create + s.Update + s.Delete }

// InSync reports whether the remote matches the files: nothing to do and
// nothing blocked. A blocked action is a difference that remains, so CI
// (`--detailed-exitcode`) reports it as one.
func (s Summary) InSync() bool { return s.Changes() == 0 && s.Blocked == 0 }

// Pending returns the actions that are not noops, in plan order.
func (p *Plan) Pending() []Action {
	var out []Action
	for _, a := range p.Actions {
		if a.Kind != Noop {
			out = append(out, a)
		}
	}
	return out
}
