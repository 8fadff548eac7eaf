// Package emulator is a local stand-in for Kapso's Meta proxy and Meta's
// Graph API: an http.Handler that serves the template, message and media
// endpoints waform calls, answering with the shapes and errors the real
// service uses. It lets the client, the commands and newcomers run the whole
// loop with no account, and makes the differ honest by returning templates
// the way Meta rewrites them, not the way they were sent.
package emulator

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/template"
)

// Defaults used when the corresponding Options field is zero.
const (
	DefaultAPIKey            = "waform-local-key"
	DefaultBusinessAccountID = "100000000000001"
	DefaultPhoneNumberID     = "200000000000001"
	DefaultPageSize          = 25
	DefaultCreatesPerHour    = 100
	DefaultTemplateLimit     = 250
	DefaultDeleteCooldown    = 30 * 24 * time.Hour
	DefaultDeliverAfter      = time.Second
	DefaultReadAfter         = 5 * time.Second
	DefaultReviewAfter       = time.Minute
	// maxPageSize is Kapso's documented cap on `limit`.
	maxPageSize = 100
)

// Approval modes: how the emulator's "review" decides a template's status.
const (
	ApproveInstant = "instant" // APPROVED at once (default)
	ApproveDelay   = "delay"   // PENDING until AfterLists reads or After elapses
	ApproveNever   = "never"   // PENDING for ever
	ApproveReject  = "reject"  // every review ends REJECTED
)

// Approval configures the template review.
type Approval struct {
	Mode string
	// AfterLists: in delay mode, a template stays PENDING for this many list
	// or get requests that show it, then becomes APPROVED.
	AfterLists int
	// After: in delay mode, a template stays PENDING for this long (on the
	// clock) after creation or edit. With both zero, DefaultReviewAfter.
	After time.Duration
	// RejectMarker: a template whose text contains it is REJECTED whatever
	// the mode (once its review ends), with RejectReason (default
	// INVALID_FORMAT).
	RejectMarker string
	RejectReason string
}

// Options configure a Server. Zero values take the defaults above; for
// durations and counts a negative value disables the limit or schedule.
type Options struct {
	// APIKey is the X-API-Key expected on the kapso prefix; Token the bearer
	// token expected on the meta prefix (defaults to APIKey).
	APIKey string
	Token  string

	BusinessAccountID string
	PhoneNumberID     string
	// AppID is the Meta app whose upload endpoint (/{app_id}/uploads) the
	// emulator serves.
	AppID string

	PageSize       int
	Approval       Approval
	CreatesPerHour int
	TemplateLimit  int
	DeleteCooldown time.Duration

	// DeliverAfter and ReadAfter move a sent message to delivered and read,
	// measured from the send on Clock. Negative: never.
	DeliverAfter time.Duration
	ReadAfter    time.Duration
	// Undeliverable lists recipients (digits) whose messages fail instead
	// of being delivered, with WhatsApp's error 131026, so the failure path
	// of a test send can be tried.
	Undeliverable []string

	Clock  clock.Clock
	Faults Faults

	// StatePath, when set, persists state as JSON after every mutation
	// (write to a temporary file, then rename) and loads it at start.
	StatePath string
}

// Server is the emulator. It is safe for concurrent use.
type Server struct {
	opts   Options
	clock  clock.Clock
	faults *faultInjector

	mu    sync.Mutex
	st    *state
	reads int64 // changes the CDN URLs between reads, as Meta's do
	trace atomic.Int64
}

// New builds a Server, loading Options.StatePath when it exists.
func New(opts Options) (*Server, error) {
	opts = withDefaults(opts)
	st := newState()
	if opts.StatePath != "" {
		loaded, err := loadState(opts.StatePath)
		if err != nil {
			return nil, err
		}
		if loaded != nil {
			st = loaded
		}
	}
	return &Server{opts: opts, clock: opts.Clock, faults: newFaultInjector(opts.Faults, opts.Clock), st: st}, nil
}

func withDefaults(o Options) Options {
	if o.APIKey == "" {
		o.APIKey = DefaultAPIKey
	}
	if o.Token == "" {
		o.Token = o.APIKey
	}
	if o.BusinessAccountID == "" {
		o.BusinessAccountID = DefaultBusinessAccountID
	}
	if o.PhoneNumberID == "" {
		o.PhoneNumberID = DefaultPhoneNumberID
	}
	if o.AppID == "" {
		o.AppID = DefaultAppID
	}
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	if o.Approval.Mode == "" {
		o.Approval.Mode = ApproveInstant
	}
	if o.Approval.Mode == ApproveDelay && o.Approval.AfterLists <= 0 && o.Approval.After <= 0 {
		o.Approval.After = DefaultReviewAfter
	}
	if o.Approval.RejectReason == "" {
		o.Approval.RejectReason = "INVALID_FORMAT"
	}
	o.CreatesPerHour = orDefault(o.CreatesPerHour, DefaultCreatesPerHour)
	o.TemplateLimit = orDefault(o.TemplateLimit, DefaultTemplateLimit)
	o.DeleteCooldown = orDefault(o.DeleteCooldown, DefaultDeleteCooldown)
	o.DeliverAfter = orDefault(o.DeliverAfter, DefaultDeliverAfter)
	o.ReadAfter = orDefault(o.ReadAfter, DefaultReadAfter)
	if o.Clock == nil {
		o.Clock = clock.System{}
	}
	return o
}

func orDefault[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// ValidateMode reports whether mode is an approval mode New understands.
func ValidateMode(mode string) error {
	switch mode {
	case "", ApproveInstant, ApproveDelay, ApproveNever, ApproveReject:
		return nil
	}
	return fmt.Errorf("unknown approval mode %q (want instant, delay, never or reject)", mode)
}

// APIKey returns the key the kapso prefix expects (after defaults).
func (s *Server) APIKey() string { return s.opts.APIKey }

// BusinessAccountID returns the WABA id the server answers for.
func (s *Server) BusinessAccountID() string { return s.opts.BusinessAccountID }

// AppID returns the Meta app id whose uploads the server takes.
func (s *Server) AppID() string { return s.opts.AppID }

// PhoneNumberID returns the phone number id the server answers for.
func (s *Server) PhoneNumberID() string { return s.opts.PhoneNumberID }

// ServeHTTP injects the configured faults, then serves the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.faults.serve(w, r, http.HandlerFunc(s.route))
}

// Stored is a snapshot of one template held by the server.
type Stored struct {
	WABA           string
	ID             string
	Status         string
	RejectedReason string
	Quality        string
	Template       template.Template
	CreatedAt      time.Time
}

// Templates returns a snapshot of every stored template, newest first.
func (s *Server) Templates() []Stored {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(s.clock.Now())
	out := make([]Stored, 0, len(s.st.Templates))
	for _, rec := range s.st.sortedTemplates("") {
		out = append(out, Stored{
			WABA: rec.WABA, ID: rec.ID, Status: rec.Status, RejectedReason: rec.RejectedReason,
			Quality: rec.Quality, Template: rec.Template, CreatedAt: rec.CreatedAt,
		})
	}
	return out
}

// Seed stores t in waba with the given status (APPROVED when empty),
// bypassing validation, limits and review, and returns its id. Tests and
// demos use it to start from a known remote state.
func (s *Server) Seed(waba string, t template.Template, status string) (string, error) {
	if status == "" {
		status = template.StatusApproved
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.addTemplate(waba, t, s.clock.Now())
	rec.Status = status
	return rec.ID, s.save()
}

// SeedRemote stores r in waba as the API would list it, bypassing
// validation, limits and review: its status (APPROVED when empty), rejected
// reason, quality score and reasons, and previous_category and
// correct_category, so tests and demos can hold every quality, pause and
// recategorisation state Meta produces. It returns the id.
func (s *Server) SeedRemote(waba string, r template.Remote) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.addTemplate(waba, r.Template, s.clock.Now())
	rec.Status = cmp.Or(r.Status, template.StatusApproved)
	rec.RejectedReason = r.RejectedReason
	if q := r.QualityScore; q != nil {
		rec.Quality, rec.QualityReasons = cmp.Or(q.Score, rec.Quality), q.Reasons
	}
	rec.PreviousCategory, rec.CorrectCategory = r.PreviousCategory, r.CorrectCategory
	return rec.ID, s.save()
}

// SeedJSON stores one template given as the JSON an account lists, like
// SeedRemote. A template that does not fit waform's model exactly (a
// string where a boolean belongs, a key waform does not know) is kept
// verbatim and listed as it was given, so tests can hold the odd shapes
// real accounts hold. It returns the id and the template's name and
// language.
func (s *Server) SeedJSON(waba string, item json.RawMessage) (string, template.Key, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(item, &fields); err != nil {
		return "", template.Key{}, fmt.Errorf("seed: %w", err)
	}
	var r template.Remote
	dec := json.NewDecoder(bytes.NewReader(item))
	dec.DisallowUnknownFields()
	if dec.Decode(&r) == nil {
		id, err := s.SeedRemote(waba, r)
		return id, r.Key(), err
	}
	r = template.Remote{}
	_ = json.Unmarshal(item, &r) // as far as it goes; identity below
	for key, dst := range map[string]*string{"name": &r.Name, "language": &r.Language, "category": &r.Category, "status": &r.Status} {
		_ = json.Unmarshal(fields[key], dst)
	}
	id, err := s.SeedRemote(waba, r)
	if err != nil {
		return id, r.Key(), err
	}
	delete(fields, "id")
	delete(fields, "status")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.templateByID(id).Raw = fields
	return id, r.Key(), s.save()
}

// SetStatus forces a template's status (PAUSED, DISABLED...), as Meta's
// quality system would; it returns false when no template has that id.
func (s *Server) SetStatus(id, status string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.st.templateByID(id)
	if rec == nil {
		return false, nil
	}
	rec.Status = status
	return true, s.save()
}
