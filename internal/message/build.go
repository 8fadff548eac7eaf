package message

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/waform/waform/internal/template"
)

// Length limits of send-time values (TEMPLATE-RULES.md §7, §5.7).
const (
	maxHeaderParam   = 60
	maxBodyParam     = 1024
	maxBodyOnlyParam = 32768 // when the body is the template's only component
	maxCardBodyParam = 160
	maxCodeLen       = 15 // coupon codes and one-time codes
	maxURLLen        = 2000
)

// DefaultOfferExpiry is how far from now a limited-time offer ends when no
// offer.expiration is given.
const DefaultOfferExpiry = 24 * time.Hour

// defaultCode is the one-time code of a test authentication message when
// none is given; Meta's own examples use it.
const defaultCode = "123456"

// Options are what Build needs besides the template and its parameters.
type Options struct {
	// To is the recipient, as NormalizeNumber returns it. Empty leaves "to"
	// out of the request (a preview of the body).
	To string
	// Now is the current time: a limited-time offer's default expiration
	// and relative expirations ("48h") count from it.
	Now time.Time
	// Uploaded maps a local media file, as given in the parameters, to the
	// media id its upload returned. A file not in it is shown with a
	// placeholder id.
	Uploaded map[string]string

	previewOnly bool
	// record, when set, sees every slot the template has (Fields).
	record func(slot)
}

// Message is a built template message.
type Message struct {
	Request Request
	Preview Preview
	// Uploads are the local media files the parameters name, already checked
	// against the format and size limits, to be uploaded before sending.
	Uploads []MediaFile
}

// Problem is one parameter that cannot be sent, and why.
type Problem struct {
	Key    string
	Reason string
	// Unsupported marks what waform cannot build at all (product
	// sections, orders, product headers), whatever the parameters.
	Unsupported bool
}

// CheckError lists every problem found in a template's parameters.
type CheckError struct {
	Template template.Key
	Problems []Problem
}

func (e *CheckError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "check parameters of %s:", e.Template)
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  parameter %s: %s", p.Key, p.Reason)
	}
	return b.String()
}

// Build fills t's variables from p, falling back on the template's examples,
// checks every value, and returns the send request and its preview. All
// problems are reported together in a *CheckError.
func Build(t template.Template, p Params, opts Options) (Message, error) {
	return compose(t, p, opts)
}

type builder struct {
	p        Params
	opts     Options
	named    bool
	auth     bool
	code     string // an authentication template's one-time code
	used     map[string]bool
	known    []string
	problems []Problem
	uploads  []MediaFile
}

func compose(t template.Template, p Params, opts Options) (Message, error) {
	b := &builder{
		p:     p,
		opts:  opts,
		named: strings.EqualFold(t.ParameterFormat, template.ParameterFormatNamed),
		auth:  strings.EqualFold(t.Category, template.CategoryAuthentication),
		used:  map[string]bool{},
	}
	bodyMax := maxBodyParam
	if len(t.Components) == 1 {
		bodyMax = maxBodyOnlyParam
	}
	components, preview := b.walk(t.Components, "", bodyMax)
	b.extras()
	if len(b.problems) > 0 {
		return Message{}, &CheckError{Template: t.Key(), Problems: b.problems}
	}
	return Message{
		Request: Request{
			MessagingProduct: "whatsapp",
			To:               opts.To,
			Type:             "template",
			Template: TemplateMessage{
				Name:       t.Name,
				Language:   Language{Code: t.Language, Policy: "deterministic"},
				Components: components,
			},
		},
		Preview: preview,
		Uploads: b.uploads,
	}, nil
}

func (b *builder) fail(key, format string, args ...any) {
	b.problems = append(b.problems, Problem{Key: key, Reason: fmt.Sprintf(format, args...)})
}

// unsupported is fail for what no parameter can fix.
func (b *builder) unsupported(key, format string, args ...any) {
	b.fail(key, format, args...)
	b.problems[len(b.problems)-1].Unsupported = true
}

// slot is one value the template needs: its key, other keys accepted for
// it, and its default.
type slot struct {
	key      string
	kind     FieldKind
	aliases  []string
	def      string
	hasDef   bool
	optional bool
	max      int // characters; 0 when unlimited
}

// value looks a slot up in the parameters, then in its default. A missing
// value of a required slot is a problem.
func (b *builder) value(s slot) (string, bool) {
	if !slices.Contains(b.known, s.key) {
		b.known = append(b.known, s.key)
		if b.opts.record != nil {
			b.opts.record(s)
		}
	}
	var v string
	found := false
	for _, k := range append([]string{s.key}, s.aliases...) {
		if given, ok := b.p[k]; ok {
			b.used[k] = true
			if !found {
				v, found = given, true
			}
		}
	}
	switch {
	case found:
		return v, true
	case s.hasDef:
		return s.def, true
	case !s.optional:
		b.fail(s.key, "has no value and the template has no example for it; pass --param %s=VALUE", s.key)
	}
	return "", false
}

// text is value plus the checks WhatsApp applies to text parameters.
func (b *builder) text(s slot, max int) (string, bool) {
	s.max = max
	v, ok := b.value(s)
	if ok {
		if reason := checkText(v, max); reason != "" {
			b.fail(s.key, "%s", reason)
		}
	}
	return v, ok
}

// checkText applies WhatsApp's rules for parameter text (error 132018) and
// a length limit in characters (0: none).
func checkText(v string, max int) string {
	switch {
	case strings.TrimSpace(v) == "":
		return "is empty; every variable needs a value"
	case strings.ContainsAny(v, "\n\r"):
		return "contains a line break; WhatsApp refuses new-line characters in parameter values (error 132018)"
	case strings.Contains(v, "\t"):
		return "contains a tab; WhatsApp refuses tabs in parameter values (error 132018)"
	case strings.Contains(v, "     "):
		return "contains more than four consecutive spaces, which WhatsApp refuses (error 132018)"
	case max > 0 && utf8.RuneCountInString(v) > max:
		return fmt.Sprintf("is %d characters long; the limit is %d", utf8.RuneCountInString(v), max)
	}
	return ""
}

var (
	positionalKey = regexp.MustCompile(`^(?:(?:card\.\d+\.)?(?:body|header)\.)?\d+$`)
	namedKey      = regexp.MustCompile(`^(?:(?:body|header)\.)?[a-z_][a-z0-9_]*$`)
)

// extras reports parameters the template does not take, explaining the
// common mistake of naming variables of a positional template (or the
// reverse) when that is what happened.
func (b *builder) extras() {
	takes := "it takes no parameters"
	if len(b.known) > 0 {
		takes = "it takes " + strings.Join(b.known, ", ")
	}
	for _, k := range slices.Sorted(maps.Keys(b.p)) {
		switch {
		case b.used[k]:
		case b.named && positionalKey.MatchString(k):
			b.fail(k, "the template uses named parameters, not positional ones; %s", takes)
		case !b.named && namedKey.MatchString(k) && k != "header" && k != "code" &&
			slices.ContainsFunc(b.known, positionalKey.MatchString):
			b.fail(k, "the template uses positional parameters ({{1}}, {{2}}, …), not named ones; %s", takes)
		default:
			b.fail(k, "the template has no such parameter; %s", takes)
		}
	}
}
