package spec

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/waform/waform/internal/diag"
)

// enumKeys are the keys of each kind of object whose values are enums that
// Meta accepts in either case; the canonical form is upper case, as Meta
// returns them and import writes them.
var enumKeys = map[objectKind][]string{
	kindTemplate:  {"category", "parameter_format"},
	kindComponent: {"type", "format"},
	kindButton:    {"type", "otp_type", "flow_action", "icon"},
}

// Files lists the template files in paths, as Load would read them: files
// as given, folders recursively for *.yaml and *.yml, sorted per folder.
func Files(paths ...string) ([]string, []diag.Diagnostic) {
	var files []string
	var diags []diag.Diagnostic
	for _, path := range paths {
		fs, ds := listFiles(path)
		files = append(files, fs...)
		diags = append(diags, ds...)
	}
	return files, diags
}

// Format rewrites the contents of one template file in canonical form: keys
// in the order MarshalTemplate writes them, enum values upper case, strings
// in scalarStyle, two-space indentation. Comments and every document of a
// multi-document file are kept; blank lines are not. A file the loader
// would refuse (bad syntax, aliases, duplicate keys) is not formatted: the
// diagnostics say why, with file:line, and the result is nil. A file with
// only comments is returned as it is.
//
// Format is idempotent: formatting its own output changes nothing, and
// MarshalTemplate's output is already formatted.
func Format(file string, data []byte) ([]byte, []diag.Diagnostic) {
	_, diags := Parse(file, data)
	if len(diags) == 1 && diags[0].Rule == RuleFileEmpty {
		return data, nil
	}
	if diag.HasErrors(diags) {
		return nil, diags
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	dec := yaml.NewDecoder(bytes.NewReader(yaml11(data)))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			// Parse has bounded the depth and refused aliases, so this walk
			// is linear in the size of the file.
			for _, root := range doc.Content {
				canonicalNode(root, kindTemplate)
			}
			err = enc.Encode(&doc)
		}
		if err != nil {
			return nil, []diag.Diagnostic{syntaxError(file, err)}
		}
	}
	if err := enc.Close(); err != nil {
		return nil, []diag.Diagnostic{syntaxError(file, err)}
	}
	return buf.Bytes(), nil
}

// canonicalNode rewrites n in place: n is an object of the given kind, or a
// list of such objects.
func canonicalNode(n *yaml.Node, kind objectKind) {
	switch n.Kind {
	case yaml.MappingNode:
		sortKeys(n, kind)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			if slices.Contains(enumKeys[kind], key.Value) && value.Kind == yaml.ScalarNode &&
				value.ShortTag() == "!!str" && isEnumWord(value.Value) {
				value.Value = strings.ToUpper(value.Value)
			}
			restyle(key)
			canonicalNode(value, childKind(kind, key.Value))
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			canonicalNode(item, kind)
		}
	case yaml.ScalarNode:
		restyle(n)
	}
}

// sortKeys orders a mapping's pairs by keyOrder, keeping unlisted keys in
// their written order after the listed ones. A comment above the first key
// describes the whole mapping (the schema comment at the top of a file), so
// it stays first when another key moves up.
func sortKeys(n *yaml.Node, kind objectKind) {
	if len(n.Content) < 4 {
		return
	}
	order := keyOrder[kind]
	rank := func(key *yaml.Node) int {
		if i := slices.Index(order, key.Value); i >= 0 {
			return i
		}
		return len(order)
	}
	type pair struct{ key, value *yaml.Node }
	pairs := make([]pair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, pair{n.Content[i], n.Content[i+1]})
	}
	oldFirst := pairs[0].key
	slices.SortStableFunc(pairs, func(a, b pair) int { return rank(a.key) - rank(b.key) })
	if first := pairs[0].key; first != oldFirst && oldFirst.HeadComment != "" {
		first.HeadComment = joinComments(oldFirst.HeadComment, first.HeadComment)
		oldFirst.HeadComment = ""
	}
	for i, p := range pairs {
		n.Content[2*i], n.Content[2*i+1] = p.key, p.value
	}
}

func joinComments(a, b string) string {
	if b == "" {
		return a
	}
	return a + "\n" + b
}

// isEnumWord reports a string made of letters and underscores only, the
// shape of every enum value: anything else is left for validate to report
// rather than changed.
func isEnumWord(s string) bool {
	return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") == ""
}

// restyle gives a string scalar its canonical style. Other scalars (numbers,
// booleans, null) stay as written: restyling them could change their type.
func restyle(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		n.Style = scalarStyle(n.Value)
	}
}

// scalarStyle is the canonical style of a string: a literal block for
// multi-line text (as MarshalTemplate writes it), double quotes for text
// holding variables, colons or hashes, for text with leading or trailing
// spaces and for text YAML would read as something else, and plain
// otherwise. Quoting every string with {{ means an edit that moves a
// variable to the front can never turn the text into a YAML mapping.
func scalarStyle(s string) yaml.Style {
	if style := stringStyle(s); style != 0 {
		return style
	}
	if s == "" || strings.TrimSpace(s) != s || strings.Contains(s, "{{") || strings.ContainsAny(s, ":#") {
		return yaml.DoubleQuotedStyle
	}
	out, err := yaml.Marshal(s)
	if err != nil || len(out) == 0 || strings.ContainsRune(`'"|>`, rune(out[0])) {
		return yaml.DoubleQuotedStyle // yaml.v3 would quote it: true, 123, - dash, @at ...
	}
	return 0
}
