package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/template"
)

// stateVersion guards against reading a file written by an incompatible
// emulator: such a file is an error, never silently replaced.
const stateVersion = 1

// idBase makes ids look like Meta's 16-digit numeric ids; all ids have the
// same width, so comparing them as strings orders them by creation.
const idBase = 1_000_000_000_000_000

// state is everything the emulator remembers; it is what StatePath holds.
type state struct {
	Version    int          `json:"version"`
	Seq        int64        `json:"seq"`
	Templates  []*record    `json:"templates"`
	Tombstones []tombstone  `json:"tombstones"`
	Creates    []createMark `json:"creates"`
	Messages   []*message   `json:"messages"`
	Media      []*media     `json:"media"`
	// Resumable uploads: open sessions and finished handles.
	Uploads []*uploadSession `json:"uploads,omitempty"`
	Handles []*handle        `json:"handles,omitempty"`
}

// record is one stored template: what was sent plus what the server adds.
type record struct {
	ID             string            `json:"id"`
	WABA           string            `json:"waba"`
	Template       template.Template `json:"template"`
	Status         string            `json:"status"`
	RejectedReason string            `json:"rejected_reason,omitempty"`
	Quality        string            `json:"quality"`
	// What Meta's quality and category systems add to a template (seeded
	// by SeedRemote): why it is rated so, and a category change made
	// (previous_category) or coming (correct_category).
	QualityReasons   []string  `json:"quality_reasons,omitempty"`
	PreviousCategory string    `json:"previous_category,omitempty"`
	CorrectCategory  string    `json:"correct_category,omitempty"`
	CreatedAt        time.Time `json:"created_at"`
	// ReviewStart is when the current review began (creation or last edit);
	// ReadsSeen counts list/get reads that showed it PENDING since then.
	ReviewStart time.Time `json:"review_start"`
	ReadsSeen   int       `json:"reads_seen"`
	// Edits are the times of edits made while the template was APPROVED,
	// which Meta's edit quota counts.
	Edits []time.Time `json:"edits,omitempty"`
	// HeaderSHA256 is the digest of the uploaded file the header example
	// names, when it names one of this emulator's uploads.
	HeaderSHA256 string `json:"header_sha256,omitempty"`
	// Raw holds, for a template seeded with content waform's model cannot
	// express (SeedJSON), the fields returned verbatim on read in place of
	// the rendered ones, as a real account returns what it holds. An edit
	// replaces them.
	Raw map[string]json.RawMessage `json:"raw,omitempty"`
}

// tombstone blocks re-creating a deleted name and language for a while.
type tombstone struct {
	WABA      string    `json:"waba"`
	Name      string    `json:"name"`
	Language  string    `json:"language"`
	DeletedAt time.Time `json:"deleted_at"`
}

// createMark records one create, for the per-WABA hourly rate limit.
type createMark struct {
	WABA string    `json:"waba"`
	At   time.Time `json:"at"`
}

func newState() *state { return &state{Version: stateVersion} }

func (st *state) nextID() string {
	st.Seq++
	return strconv.FormatInt(idBase+st.Seq, 10)
}

func (st *state) addTemplate(waba string, t template.Template, now time.Time) *record {
	rec := &record{ID: st.nextID(), WABA: waba, Template: t, Quality: "UNKNOWN", CreatedAt: now, ReviewStart: now}
	st.Templates = append(st.Templates, rec)
	return rec
}

func (st *state) templateByID(id string) *record {
	for _, rec := range st.Templates {
		if rec.ID == id {
			return rec
		}
	}
	return nil
}

// sortedTemplates returns the templates of waba (all when empty), newest
// first, as Meta lists them.
func (st *state) sortedTemplates(waba string) []*record {
	var out []*record
	for _, rec := range st.Templates {
		if waba == "" || rec.WABA == waba {
			out = append(out, rec)
		}
	}
	slices.SortFunc(out, func(a, b *record) int { return strings.Compare(b.ID, a.ID) })
	return out
}

func (st *state) removeTemplates(drop []*record, now time.Time) {
	st.Templates = slices.DeleteFunc(st.Templates, func(r *record) bool { return slices.Contains(drop, r) })
	for _, rec := range drop {
		st.Tombstones = append(st.Tombstones, tombstone{WABA: rec.WABA, Name: rec.Template.Name, Language: rec.Template.Language, DeletedAt: now})
	}
}

// loadState reads path; a missing file is a fresh start (nil, nil), an
// unreadable or corrupt one an error naming the file.
func loadState(path string) (*state, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load emulator state: %w", err)
	}
	st := newState()
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("load emulator state %s: corrupt file: %w", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("load emulator state %s: version %d, want %d", path, st.Version, stateVersion)
	}
	return st, nil
}

// save persists the state when a path is configured. The caller holds s.mu.
func (s *Server) save() error {
	if s.opts.StatePath == "" {
		return nil
	}
	data, err := json.MarshalIndent(s.st, "", "  ")
	if err != nil {
		return fmt.Errorf("save emulator state: %w", err)
	}
	if err := atomicfile.Write(s.opts.StatePath, append(data, '\n')); err != nil {
		return fmt.Errorf("save emulator state: %w", err)
	}
	return nil
}
