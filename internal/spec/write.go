package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/waform/waform/internal/template"
)

// MarshalOptions say what goes above the template in a written file.
type MarshalOptions struct {
	// SchemaURL, when set, is written as a yaml-language-server comment so
	// editors check and complete the file.
	SchemaURL string
	// Ignore lists rule ids written as a "# waform:ignore" comment, which the
	// loader reads back into Document.Ignore.
	Ignore []string
	// Notes are written as "# waform: NOTE" comment lines: what import
	// changed or could not bring over from the remote template.
	Notes []string
}

// Header returns the comment lines MarshalTemplate writes above a
// template, each ending in a newline.
func (opts MarshalOptions) Header() string {
	var b strings.Builder
	if opts.SchemaURL != "" {
		fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", opts.SchemaURL)
	}
	if len(opts.Ignore) > 0 {
		rules := slices.Clone(opts.Ignore)
		slices.Sort(rules)
		fmt.Fprintf(&b, "# waform:ignore %s\n", strings.Join(slices.Compact(rules), ", "))
	}
	for _, note := range opts.Notes {
		fmt.Fprintf(&b, "# waform: %s\n", note)
	}
	return b.String()
}

// keyOrder fixes the order of the keys of each kind of object, the order in
// which Meta documents them: identity first, then what the reader sees, with
// examples after the text they illustrate. Keys not listed (fields added to
// the model later) follow, in the model's order, so nothing is dropped.
var keyOrder = map[objectKind][]string{
	kindTemplate: {"name", "language", "category", "parameter_format", "message_send_ttl_seconds",
		"cta_url_link_tracking_opted_out", "allow_category_change", "components"},
	kindComponent: {"type", "format", "text", "add_security_recommendation", "code_expiration_minutes",
		"limited_time_offer", "example", "buttons", "cards"},
	kindButton: {"type", "text", "url", "phone_number", "otp_type", "autofill_text", "package_name",
		"signature_hash", "supported_apps", "zero_tap_terms_accepted", "flow_id", "flow_name", "flow_json",
		"flow_action", "navigate_screen", "icon", "ttl_minutes", "example"},
	kindExample: {"header_text", "header_text_named_params", "header_handle", "body_text", "body_text_named_params"},
	kindOther:   {"param_name", "package_name", "text"},
}

type objectKind int

const (
	kindOther objectKind = iota
	kindTemplate
	kindComponent
	kindButton
	kindExample
)

// childKind says what kind of object sits under key inside an object of
// kind parent (for arrays, what their elements are).
func childKind(parent objectKind, key string) objectKind {
	switch {
	case key == "components":
		return kindComponent
	case key == "buttons":
		return kindButton
	case key == "example" && parent == kindComponent:
		return kindExample
	}
	return kindOther
}

// MarshalTemplate writes t as one YAML document with keys in canonical
// order, preceded by the comments opts asks for. Enums and components are
// written as t holds them: pass template.Canonical(t) for the canonical form.
func MarshalTemplate(t template.Template, opts MarshalOptions) ([]byte, error) {
	root, err := templateNode(t)
	if err != nil {
		return nil, err
	}
	body, ok := emitBlock(root)
	if !ok {
		if body, err = encodeDocuments([]*yaml.Node{root}); err != nil {
			return nil, fmt.Errorf("marshal template %s: %w", t.Key(), err)
		}
	}
	return append([]byte(opts.Header()), body...), nil
}

// templateNode is t as a YAML node, keys in canonical order and strings
// in their canonical style.
func templateNode(t template.Template) (*yaml.Node, error) {
	data, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("marshal template %s: %w", t.Key(), err)
	}
	r := jsonReader{data: data}
	root, err := r.node(kindTemplate)
	if err == nil && r.pos != len(data) {
		err = errors.New("trailing data")
	}
	if err != nil {
		return nil, fmt.Errorf("marshal template %s: %w", t.Key(), err)
	}
	return root, nil
}

// jsonReader reads what json.Marshal wrote (compact, valid JSON) as YAML
// nodes, ordering object keys by keyOrder and keeping the model's order
// for keys keyOrder does not list. It does what json.Decoder's tokens did
// at a fraction of the allocations.
type jsonReader struct {
	data []byte
	pos  int
}

var errJSON = errors.New("unexpected JSON")

func (r *jsonReader) node(kind objectKind) (*yaml.Node, error) {
	if r.pos >= len(r.data) {
		return nil, io.ErrUnexpectedEOF
	}
	switch c := r.data[r.pos]; c {
	case '{':
		r.pos++
		return r.mapping(kind)
	case '[':
		r.pos++
		return r.sequence(kind)
	case '"':
		v, err := r.str()
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: scalarStyle(v)}, err
	case 't', 'f', 'n':
		for _, lit := range []struct{ text, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if bytes.HasPrefix(r.data[r.pos:], []byte(lit.text)) {
				r.pos += len(lit.text)
				return &yaml.Node{Kind: yaml.ScalarNode, Tag: lit.tag, Value: lit.text}, nil
			}
		}
		return nil, errJSON
	}
	start := r.pos
	for r.pos < len(r.data) && strings.IndexByte("+-.0123456789eE", r.data[r.pos]) >= 0 {
		r.pos++
	}
	v := string(r.data[start:r.pos])
	if v == "" {
		return nil, errJSON
	}
	tag := "!!int"
	if strings.ContainsAny(v, ".eE") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}, nil
}

// str reads a string. JSON's escapes are Go's, but for "\/", which
// json.Marshal does not write.
func (r *jsonReader) str() (string, error) {
	start, escaped := r.pos, false
	for r.pos++; r.pos < len(r.data); r.pos++ {
		switch r.data[r.pos] {
		case '\\':
			escaped = true
			r.pos++
		case '"':
			r.pos++
			if !escaped {
				return string(r.data[start+1 : r.pos-1]), nil
			}
			return strconv.Unquote(string(r.data[start:r.pos]))
		}
	}
	return "", io.ErrUnexpectedEOF
}

func (r *jsonReader) sequence(kind objectKind) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for first := true; ; first = false {
		if r.pos < len(r.data) && r.data[r.pos] == ']' {
			r.pos++
			return n, nil
		}
		if !first {
			if r.pos >= len(r.data) || r.data[r.pos] != ',' {
				return nil, errJSON
			}
			r.pos++
		}
		item, err := r.node(kind)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, item)
	}
}

func (r *jsonReader) mapping(kind objectKind) (*yaml.Node, error) {
	var pairs [][2]*yaml.Node
	for first := true; ; first = false {
		if r.pos < len(r.data) && r.data[r.pos] == '}' {
			r.pos++
			break
		}
		if !first {
			if r.pos >= len(r.data) || r.data[r.pos] != ',' {
				return nil, errJSON
			}
			r.pos++
		}
		if r.pos >= len(r.data) || r.data[r.pos] != '"' {
			return nil, errJSON
		}
		key, err := r.str()
		if err != nil {
			return nil, err
		}
		if r.pos >= len(r.data) || r.data[r.pos] != ':' {
			return nil, errJSON
		}
		r.pos++
		value, err := r.node(childKind(kind, key))
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, [2]*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, value})
	}
	return orderedMapping(kind, pairs), nil
}

// orderedMapping is the mapping of pairs (key, value), keys in the order
// keyOrder[kind] gives, those it does not list after them as they came.
func orderedMapping(kind objectKind, pairs [][2]*yaml.Node) *yaml.Node {
	order := keyOrder[kind]
	rank := func(key string) int {
		if i := slices.Index(order, key); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(pairs, func(a, b [2]*yaml.Node) int { return rank(a[0].Value) - rank(b[0].Value) })
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: make([]*yaml.Node, 0, 2*len(pairs))}
	for _, p := range pairs {
		n.Content = append(n.Content, p[0], p[1])
	}
	return n
}

// stringStyle picks a readable style: a literal block for multi-line text
// (message bodies), and yaml.v3's own choice otherwise (it quotes whatever
// would read back as another type or as YAML syntax, such as {{1}}).
func stringStyle(s string) yaml.Style {
	if strings.Contains(strings.TrimRight(s, "\n"), "\n") && !strings.ContainsAny(s, "\t\r") && !hasTrailingSpace(s) {
		return yaml.LiteralStyle
	}
	return 0
}

// hasTrailingSpace reports a line ending in a space, which a literal block
// cannot keep faithfully through every YAML reader.
func hasTrailingSpace(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasSuffix(line, " ") {
			return true
		}
	}
	return false
}
