package spec

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

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
		for _, f := range fs {
			files = append(files, f.path)
		}
		diags = append(diags, ds...)
	}
	return files, diags
}

// Format rewrites the contents of one template file in canonical form: keys
// in the order MarshalTemplate writes them, enum values upper case, strings
// in scalarStyle, two-space indentation. Comments, every document of a
// multi-document file, the blank lines between items, text as written
// (emoji included) and a leading %YAML directive are kept. A file the
// loader would refuse (bad syntax, aliases, duplicate keys) is not
// formatted: the diagnostics say why, with file:line, and the result is
// nil. A file with only comments is returned as it is.
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
	docs, err := decodeAll(data)
	if err != nil {
		return nil, []diag.Diagnostic{syntaxError(file, err)}
	}
	// Parse has bounded the depth and refused aliases, so these walks are
	// linear in the size of the file.
	blank := map[*yaml.Node]bool{}
	lines := strings.Split(string(data), "\n")
	for _, doc := range docs {
		markBlankLines(doc, lines, blank, 0)
		for _, root := range doc.Content {
			canonicalNode(root, kindTemplate)
		}
		unmarkFirst(doc, blank, 0)
	}
	out, err := encodeDocuments(docs)
	if err != nil {
		return nil, []diag.Diagnostic{syntaxError(file, err)}
	}
	if len(blank) > 0 {
		out = withBlankLines(out, docs, blank)
	}
	return append(directives(data), out...), nil
}

func decodeAll(data []byte) ([]*yaml.Node, error) {
	var docs []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(yaml11(data)))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, &doc)
	}
}

// directives returns the directive lines that open data, with the "---"
// that must follow them, or nothing. The encoder writes no directives, so
// Format puts these back in front of its output.
func directives(data []byte) []byte {
	var out []byte
	for rest := data; bytes.HasPrefix(rest, []byte("%")); {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		out = append(append(out, bytes.TrimRight(line, " \t\r")...), '\n')
		rest = after
	}
	if out == nil {
		return nil
	}
	return append(out, "---\n"...)
}

// markBlankLines records the items of block sequences and the keys of block
// mappings, after the first of each, that follow a blank line in the
// source, possibly above their comments.
func markBlankLines(n *yaml.Node, lines []string, blank map[*yaml.Node]bool, depth int) {
	if depth > MaxDepth+2 {
		return
	}
	step := 1
	if n.Kind == yaml.MappingNode {
		step = 2
	}
	if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle == 0 {
		for i := step; i < len(n.Content); i += step {
			if blankAbove(lines, n.Content[i].Line) {
				blank[n.Content[i]] = true
			}
		}
	}
	for _, c := range n.Content {
		markBlankLines(c, lines, blank, depth+1)
	}
}

// unmarkFirst drops the marks of nodes that sorting made the first of their
// mapping or sequence: a blank line never opens one.
func unmarkFirst(n *yaml.Node, blank map[*yaml.Node]bool, depth int) {
	if depth > MaxDepth+2 {
		return
	}
	if len(n.Content) > 0 && (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) {
		delete(blank, n.Content[0])
	}
	for _, c := range n.Content {
		unmarkFirst(c, blank, depth+1)
	}
}

// blankAbove reports a blank line above line (1-based), skipping the
// comment lines right above it.
func blankAbove(lines []string, line int) bool {
	for l := line - 1; l >= 1 && l <= len(lines); l-- {
		switch t := strings.TrimSpace(lines[l-1]); {
		case t == "":
			return true
		case !strings.HasPrefix(t, "#"):
			return false
		}
	}
	return false
}

// withBlankLines puts a blank line above each marked node of docs in out,
// the encoding of docs, above the node's comments. It finds the nodes in
// out by decoding it again, and keeps out as it is should that decoding
// not match docs, or should the blank lines change what out means (a
// blank line after a literal block that keeps its final newlines joins
// the text).
func withBlankLines(out []byte, docs []*yaml.Node, blank map[*yaml.Node]bool) []byte {
	again, err := decodeAll(out)
	if err != nil || len(again) != len(docs) {
		return out
	}
	var at []int
	for i := range docs {
		if !outLines(docs[i], again[i], blank, &at, 0) {
			return out
		}
	}
	lines := strings.SplitAfter(string(out), "\n")
	insert := map[int]bool{} // before this 0-based line index
	for _, line := range at {
		p := line - 1 // 0-based index of the node's line
		for p > 0 && strings.HasPrefix(strings.TrimSpace(lines[p-1]), "#") {
			p--
		}
		if p > 0 && strings.TrimSpace(lines[p-1]) != "" {
			insert[p] = true
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if insert[i] {
			b.WriteString("\n")
		}
		b.WriteString(l)
	}
	result := []byte(b.String())
	if !sameValues(out, result) {
		return out
	}
	return result
}

// outLines walks a and b, the same tree before and after encoding, and
// collects the lines in b of the nodes marked in a. It reports false when
// the trees differ in shape.
func outLines(a, b *yaml.Node, blank map[*yaml.Node]bool, at *[]int, depth int) bool {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) || depth > MaxDepth+2 {
		return false
	}
	if blank[a] {
		*at = append(*at, b.Line)
	}
	for i := range a.Content {
		if !outLines(a.Content[i], b.Content[i], blank, at, depth+1) {
			return false
		}
	}
	return true
}

// sameValues reports whether two encodings hold the same documents.
func sameValues(a, b []byte) bool {
	da, diagsA := Parse("a", a)
	db, diagsB := Parse("b", b)
	if len(diagsA) > 0 || len(diagsB) > 0 || len(da) != len(db) {
		return false
	}
	for i := range da {
		if !reflect.DeepEqual(da[i].Value, db[i].Value) {
			return false
		}
	}
	return true
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
	if plainAsIs(s) || !yamlQuotes(s) {
		return 0
	}
	return yaml.DoubleQuotedStyle // yaml.v3 would quote it: true, 123, - dash, @at ...
}

// yamlQuotes reports whether yaml.v3 quotes s written as a value on its
// own, which is the question scalarStyle asks it.
func yamlQuotes(s string) bool {
	out, err := yaml.Marshal(withoutAstral(s))
	return err != nil || len(out) == 0 || strings.ContainsRune(`'"|>`, rune(out[0]))
}

// yamlWords are the words yaml.v3 reads as booleans or null (its resolve
// table), or quotes as YAML 1.1 booleans (isOldBool).
var yamlWords = map[string]bool{
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"null": true, "Null": true, "NULL": true,
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"n": true, "N": true, "no": true, "No": true, "NO": true, "off": true, "Off": true, "OFF": true,
}

// plainAsIs answers yamlQuotes without asking yaml.v3, for the text most
// templates hold (names, enum words, sample values), since an encoder per
// string was most of the time and memory import took: it reports text that
// yaml.v3 is certain to leave plain, and false whenever unsure. Such text
// starts with an ASCII letter, is not one of the words YAML reads as a
// boolean or null, and holds only characters yaml.v3 prints as they are
// (printable, which counts those encodeDocuments stands in for), none a
// line break. scalarStyle has already quoted text with ':' or '#', the
// only characters that could start YAML syntax after the first, and text
// with spaces at either end.
func plainAsIs(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	c := s[0]
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') || yamlWords[s] {
		return false
	}
	for _, r := range s {
		if !printable(r) || isBreak(r) || r == ':' || r == '#' {
			return false
		}
	}
	return s[len(s)-1] != ' '
}
