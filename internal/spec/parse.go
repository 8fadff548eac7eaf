package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/waform/waform/internal/diag"
)

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ignoreComment matches "waform:ignore rule-a, rule-b" inside a comment.
var ignoreComment = regexp.MustCompile(`waform:ignore\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)`)

// Parse reads every YAML document of one file's contents. Problems are
// returned as diagnostics; documents before a syntax error are still
// returned, since yaml.v3 cannot resume after one.
func Parse(file string, data []byte) ([]*Document, []diag.Diagnostic) {
	return parse(file, data, false)
}

// ParseWithPositions is Parse for documents most of which will have a
// diagnostic, as the ones import writes for older templates carry
// suppressed findings: it records where every value is while parsing,
// rather than parsing again for the first position asked for.
func ParseWithPositions(file string, data []byte) ([]*Document, []diag.Diagnostic) {
	return parse(file, data, true)
}

func parse(file string, data []byte, keepPositions bool) ([]*Document, []diag.Diagnostic) {
	at := func(line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Column: col} }
	if len(data) > MaxFileBytes {
		return nil, []diag.Diagnostic{diag.Errorf(at(0, 0), RuleYAMLLimit,
			"file is larger than the %d MiB limit; split it into several files", MaxFileBytes>>20)}
	}
	if !utf8.Valid(data) {
		line, col := firstInvalidUTF8(data)
		return nil, []diag.Diagnostic{diag.Errorf(at(line, col), RuleYAMLEncoding,
			"file is not valid UTF-8; save it as UTF-8")}
	}
	src := &source{file: file, data: data}
	if keepPositions {
		src.pos, src.recorded = map[int]positions{}, true
		src.once.Do(func() {}) // positions are recorded below, not found again
	}
	var docs []*Document
	diags := src.each(func(index int, root *yaml.Node) []diag.Diagnostic {
		var pos *positions
		if keepPositions {
			pos = &positions{value: map[string]diag.Pos{}, key: map[string]diag.Pos{}}
		}
		doc, ds := convertDocument(src, index, root, pos)
		if doc != nil {
			docs = append(docs, doc)
			if pos != nil {
				src.pos[index] = *pos
			}
		}
		return ds
	})
	if len(docs) == 0 && len(diags) == 0 {
		diags = append(diags, diag.Errorf(at(0, 0), RuleFileEmpty,
			"file holds no template: it is empty or only comments; add a template or delete the file"))
	}
	return docs, diags
}

// source is one file's contents, kept so that positions can be found when
// a diagnostic needs one.
type source struct {
	file string
	data []byte

	once     sync.Once
	pos      map[int]positions // by document index
	recorded bool              // pos was recorded while parsing (ParseWithPositions)
}

// each decodes the file's documents in order, calling visit with each
// non-empty one and its index, and returns the diagnostics of the file and
// of visit. yaml.v3 cannot resume after a syntax error, so it stops there.
func (s *source) each(visit func(index int, root *yaml.Node) []diag.Diagnostic) []diag.Diagnostic {
	var diags []diag.Diagnostic
	dec := yaml.NewDecoder(bytes.NewReader(yaml11(s.data)))
	for index := 0; ; {
		var root yaml.Node
		err := dec.Decode(&root)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			d := syntaxError(s.file, err)
			if hint, ok := syntaxHint(s.file, s.data, d.Line); ok {
				d = hint
			}
			diags = append(diags, d)
			break
		}
		if len(root.Content) == 0 || isEmptyDocument(root.Content[0]) {
			continue // "---" with nothing after it, or a comment-only document
		}
		diags = append(diags, visit(index, &root)...)
		index++
	}
	return diags
}

// positions parses the file again, once, recording where every value and
// key of every document is.
func (s *source) positions(index int) positions {
	s.once.Do(func() {
		s.pos = map[int]positions{}
		s.each(func(index int, root *yaml.Node) []diag.Diagnostic {
			p := positions{value: map[string]diag.Pos{}, key: map[string]diag.Pos{}}
			convertDocument(s, index, root, &p)
			s.pos[index] = p
			return nil
		})
	})
	return s.pos[index]
}

// yaml11 returns data with a "%YAML 1.2" directive read as "%YAML 1.1",
// the version yaml.v3 accepts: a template file means the same in both, and
// the rewrite keeps every position.
func yaml11(data []byte) []byte {
	if !bytes.Contains(data, []byte("%YAML 1.2")) {
		return data
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		rest, ok := bytes.CutPrefix(line, []byte("%YAML 1.2"))
		if after := bytes.TrimSpace(rest); ok && (len(after) == 0 || after[0] == '#') {
			lines[i] = append([]byte("%YAML 1.1"), rest...)
		}
	}
	return bytes.Join(lines, nil)
}

func isEmptyDocument(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

func syntaxError(file string, err error) diag.Diagnostic {
	msg := err.Error()
	line := 0
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return diag.Errorf(diag.Pos{File: file, Line: line}, RuleYAMLSyntax, "not valid YAML: %s", msg)
}

func firstInvalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// converter walks one document's node tree into a JSON value, recording the
// position of every value and key and refusing what templates never need
// (aliases, unknown tags) or what would make the walk unbounded.
type converter struct {
	doc   *Document
	diags []diag.Diagnostic
	pos   *positions // where to record positions; nil: do not
}

// convertDocument converts one document, recording positions in pos when
// it is not nil.
func convertDocument(src *source, index int, root *yaml.Node, pos *positions) (*Document, []diag.Diagnostic) {
	content := root.Content[0]
	c := &converter{pos: pos, doc: &Document{
		File:  src.file,
		Index: index,
		Start: diag.Pos{File: src.file, Line: content.Line, Column: content.Column},
		src:   src,
	}}
	c.collectIgnores(root, 0)
	value, ok := c.value(content, "", 0)
	if !ok {
		return nil, c.diags
	}
	c.doc.Value = value
	return c.doc, c.diags
}

func (c *converter) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.doc.File, Line: n.Line, Column: n.Column}
}

func (c *converter) fail(n *yaml.Node, rule, format string, args ...any) bool {
	c.diags = append(c.diags, diag.Errorf(c.at(n), rule, format, args...))
	return false
}

func (c *converter) value(n *yaml.Node, ptr string, depth int) (any, bool) {
	if depth > MaxDepth {
		return nil, c.fail(n, RuleYAMLLimit, "nesting deeper than %d levels; templates never need this", MaxDepth)
	}
	if c.pos != nil {
		c.pos.value[ptr] = c.at(n)
	}
	if n.Anchor != "" && n.Kind == yaml.ScalarNode { // text starting with "&"
		return nil, c.fail(n, RuleYAMLAlias, `"&" starts a YAML anchor, which template files do not support: if it is part of the text, put the whole value in double quotes`)
	}
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return nil, c.fail(n, RuleYAMLAlias, "YAML anchors and aliases are not supported in template files; write the value out")
	}
	switch n.Kind {
	case yaml.MappingNode:
		return c.mapping(n, ptr, depth)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			v, ok := c.value(item, c.child(ptr, strconv.Itoa(i)), depth+1)
			if !ok {
				return nil, false
			}
			list = append(list, v)
		}
		return list, true
	case yaml.ScalarNode:
		return c.scalar(n)
	}
	return nil, c.fail(n, RuleYAMLSyntax, "unexpected YAML node")
}

// child returns the pointer to a child of ptr, when positions are recorded
// (nothing else reads pointers during the walk).
func (c *converter) child(ptr, token string) string {
	if c.pos == nil {
		return ""
	}
	return Pointer(ptr, token)
}

// plainKey reports whether a mapping key is one a template may use.
func plainKey(k *yaml.Node) bool { return k.Kind == yaml.ScalarNode && k.Tag != "!!merge" }

// firstKey returns the earlier plain key of n spelled as the key at index
// i, or nil. Template mappings hold a handful of keys, so a scan beats a
// map; a mapping with very many keys gets one.
func firstKey(n *yaml.Node, i int, index map[string]*yaml.Node) *yaml.Node {
	k := n.Content[i]
	if index != nil {
		return index[k.Value]
	}
	for j := 0; j < i; j += 2 {
		if prev := n.Content[j]; plainKey(prev) && prev.Value == k.Value {
			return prev
		}
	}
	return nil
}

func (c *converter) mapping(n *yaml.Node, ptr string, depth int) (any, bool) {
	m := make(map[string]any, len(n.Content)/2)
	var index map[string]*yaml.Node
	if len(n.Content) > 64 {
		index = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Anchor != "" || k.Kind == yaml.AliasNode {
			c.fail(k, RuleYAMLAlias, "YAML anchors and aliases are not supported in template files; write the value out")
			ok = false
			continue
		}
		if k.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0 && k.Style&yaml.FlowStyle != 0 {
			c.fail(n, RuleYAMLSyntax, `this value starts with {{, which YAML reads as a mapping: put the whole value in double quotes, e.g. text: "{{1}} has shipped"`)
			ok = false
			continue
		}
		if !plainKey(k) {
			c.fail(k, RuleYAMLTag, "mapping keys must be plain strings")
			ok = false
			continue
		}
		if first := firstKey(n, i, index); first != nil {
			c.fail(k, RuleDuplicateKey, "key %q is already defined at line %d, column %d; remove one of them",
				k.Value, first.Line, first.Column)
			ok = false
			continue
		}
		if index != nil {
			index[k.Value] = k
		}
		c.commentInText(k, v)
		child := c.child(ptr, k.Value)
		if c.pos != nil {
			c.pos.key[child] = c.at(k)
		}
		val, vok := c.value(v, child, depth+1)
		if !vok {
			ok = false
			continue
		}
		m[k.Value] = val
	}
	return m, ok
}

// commentInText warns about a plain value cut short by " #": YAML reads the
// rest of the line as a comment, so "Your order #123 is ready" becomes
// "Your order". A comment written on purpose has a space after the "#".
func (c *converter) commentInText(k, v *yaml.Node) {
	if v.Kind != yaml.ScalarNode || v.Style != 0 || v.ShortTag() != "!!str" {
		return
	}
	rest, ok := strings.CutPrefix(v.LineComment, "#")
	if !ok || rest == "" || rest[0] == ' ' || rest[0] == '#' || strings.Contains(v.LineComment, "\n") {
		return
	}
	c.diags = append(c.diags, diag.Warnf(c.at(v), RuleYAMLComment,
		`YAML reads everything from " #" on as a comment, so %s is %q: put the whole value in double quotes: %s: "%s %s"`,
		k.Value, v.Value, k.Value, escapeQuoted(v.Value), escapeQuoted(v.LineComment)))
}

// scalar converts by YAML tag. Timestamps and binary stay literal strings:
// a JSON value has no time type, and "2024-01-02" is what the user wrote.
func (c *converter) scalar(n *yaml.Node) (any, bool) {
	switch n.ShortTag() {
	case "!!str", "!!timestamp", "!!binary":
		return n.Value, true
	case "!!null":
		return nil, true
	case "!!bool":
		// The plain spellings first: Node.Decode builds a decoder each time.
		switch n.Value {
		case "true":
			return true, true
		case "false":
			return false, true
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, c.fail(n, RuleYAMLSyntax, "invalid boolean %q", n.Value)
		}
		return b, true
	case "!!int", "!!float":
		if n.ShortTag() == "!!int" && plainInteger(n.Value) {
			return json.Number(n.Value), true // what numberOf renders it as
		}
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, c.fail(n, RuleYAMLSyntax, "invalid number %q: JSON has no infinities or NaN", n.Value)
		}
		return numberOf(n, f), true
	}
	return nil, c.fail(n, RuleYAMLTag, "unsupported YAML tag %s: if it is part of the text, put the whole value in double quotes; otherwise remove it", n.Tag)
}

// numberOf keeps integers exact: YAML allows 0x1F and 1_000, which JSON does
// not, so the value is re-rendered from the parsed number.
func numberOf(n *yaml.Node, f float64) json.Number {
	if n.ShortTag() == "!!int" {
		var i int64
		if err := n.Decode(&i); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
	}
	return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
}

// plainInteger reports whether s is an integer written as JSON writes it
// (no sign but "-", no leading zero, no "_"), small enough for an int64.
func plainInteger(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > 18 || (digits[0] == '0' && len(digits) > 1) || s == "-0" {
		return false
	}
	for i := range len(digits) {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

func (c *converter) collectIgnores(n *yaml.Node, depth int) {
	if depth > MaxDepth {
		return // value() reports the depth problem
	}
	for _, comment := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		if !strings.Contains(comment, "waform:ignore") {
			continue // most nodes have no comment: skip the regexp
		}
		for _, m := range ignoreComment.FindAllStringSubmatch(comment, -1) {
			if c.doc.Ignore == nil {
				c.doc.Ignore = map[string]bool{}
			}
			for _, rule := range strings.Split(m[1], ",") {
				c.doc.Ignore[strings.TrimSpace(rule)] = true
			}
		}
	}
	for _, child := range n.Content {
		c.collectIgnores(child, depth+1)
	}
}
