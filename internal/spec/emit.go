package spec

import (
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// emitBlock writes a document MarshalTemplate built, byte for byte as
// encodeDocuments would, without yaml.v3's encoder: the encoder queues an
// event of some 300 bytes per node and never reuses the queue, which made
// it most of what import allocated. It knows only what MarshalTemplate
// builds (block mappings and sequences, plain keys, scalars styled by
// scalarStyle, numbers, booleans, null) and reports false on anything
// else, or on text whose writing it does not follow exactly (characters
// yaml.v3 escapes in odd ways, block text that keeps trailing line
// breaks): the caller then asks yaml.v3. TestEmitBlockMatchesYAML and
// FuzzEmitBlock hold the two equal.
func emitBlock(root *yaml.Node) ([]byte, bool) {
	if root.Kind != yaml.MappingNode || len(root.Content) == 0 {
		return nil, false
	}
	e := emitter{buf: make([]byte, 0, 1024), lineStart: true}
	if !e.pairs(root, 0) {
		return nil, false
	}
	if !e.lineStart {
		e.buf = append(e.buf, '\n')
	}
	return e.buf, true
}

type emitter struct {
	buf       []byte
	lineStart bool // the last byte written ends a line
}

// newLine starts a line indented by indent.
func (e *emitter) newLine(indent int) {
	if !e.lineStart {
		e.buf = append(e.buf, '\n')
	}
	for range indent {
		e.buf = append(e.buf, ' ')
	}
	e.lineStart = false
}

// pairs writes the keys of a mapping at column indent, the first where
// the cursor is when it is not at the start of a line (after "- ").
func (e *emitter) pairs(m *yaml.Node, indent int) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		key := m.Content[i]
		if i > 0 || e.lineStart {
			e.newLine(indent)
		}
		if key.Kind != yaml.ScalarNode || key.Tag != "!!str" || key.Style != 0 || !plainAsIs(key.Value) {
			return false
		}
		e.buf = append(e.buf, key.Value...)
		e.buf = append(e.buf, ':')
		if !e.value(m.Content[i+1], indent+2, false) {
			return false
		}
	}
	return true
}

// items writes the items of a sequence at column indent, the first where
// the cursor is when it is not at the start of a line.
func (e *emitter) items(s *yaml.Node, indent int) bool {
	for i, item := range s.Content {
		if i > 0 || e.lineStart {
			e.newLine(indent)
		}
		e.buf = append(e.buf, '-')
		if !e.value(item, indent+2, true) {
			return false
		}
	}
	return true
}

// value writes n after "key:" or "-"; indent is the column of what it
// holds. A mapping or sequence in a sequence starts on the item's line.
func (e *emitter) value(n *yaml.Node, indent int, inSequence bool) bool {
	switch {
	case n.Kind == yaml.ScalarNode:
		e.buf = append(e.buf, ' ')
		return e.scalar(n, indent)
	case len(n.Content) == 0 && n.Kind == yaml.MappingNode:
		e.buf = append(e.buf, " {}"...)
	case len(n.Content) == 0 && n.Kind == yaml.SequenceNode:
		e.buf = append(e.buf, " []"...)
	case n.Kind == yaml.MappingNode && inSequence:
		e.buf = append(e.buf, ' ')
		return e.pairs(n, indent)
	case n.Kind == yaml.MappingNode:
		e.lineStart = true
		e.buf = append(e.buf, '\n')
		return e.pairs(n, indent)
	case n.Kind == yaml.SequenceNode && inSequence:
		e.buf = append(e.buf, ' ')
		return e.items(n, indent)
	case n.Kind == yaml.SequenceNode:
		e.buf = append(e.buf, '\n')
		e.lineStart = true
		return e.items(n, indent)
	default:
		return false
	}
	return true
}

func (e *emitter) scalar(n *yaml.Node, indent int) bool {
	v := n.Value
	switch n.Tag {
	case "!!bool":
		ok := v == "true" || v == "false"
		e.buf = append(e.buf, v...)
		return ok
	case "!!null":
		e.buf = append(e.buf, v...)
		return v == "null"
	case "!!int":
		// Digits that fit an int64 read back as an integer, so yaml.v3
		// writes them plain and untagged.
		_, err := strconv.ParseInt(v, 10, 64)
		e.buf = append(e.buf, v...)
		return err == nil && v[0] != '+'
	case "!!str":
	default:
		return false
	}
	if !utf8.ValidString(v) || !fitsStandIns(v) {
		return false
	}
	switch n.Style {
	case 0:
		// scalarStyle chose it plain, having asked (plainAsIs, or yaml.v3
		// itself) that yaml.v3 writes it as it is: asking again would cost
		// an encoder per such string.
		e.buf = append(e.buf, v...)
		return true
	case yaml.DoubleQuotedStyle:
		return e.doubleQuoted(v)
	case yaml.LiteralStyle:
		return e.literal(v, indent)
	}
	return false
}

// fitsStandIns reports text whose characters outside the Basic
// Multilingual Plane encodeDocuments would keep as written: it has no
// private-use character, which could be taken for a stand-in. (Past 6,400
// different such characters in one document, stand-ins run out; no
// template's text comes near, and the writing still reads back the same.)
func fitsStandIns(s string) bool {
	for _, r := range s {
		if isPrivateUse(r) {
			return false
		}
	}
	return true
}

// printable is yaml.v3's is_printable, with the characters outside the
// Basic Multilingual Plane printable, as encodeDocuments makes them.
func printable(r rune) bool {
	return r == '\n' || r >= 0x20 && r <= 0x7e || r >= 0xa0 && r <= 0xd7ff ||
		r >= 0xe000 && r <= 0xfffd && r != 0xfeff || r >= 0x10000
}

func isBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// shortEscapes are the one-letter escapes yaml.v3 writes; other characters
// it escapes are written in hexadecimal.
var shortEscapes = map[rune]byte{
	0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
	'"': '"', '\\': '\\', 0x85: 'N', 0x2028: 'L', 0x2029: 'P',
}

// doubleQuoted writes s as yaml.v3 does with no line width: escapes for
// what is not printable, line breaks, quotes and backslashes.
func (e *emitter) doubleQuoted(s string) bool {
	e.buf = append(e.buf, '"')
	for _, r := range s {
		if r == 0xfeff {
			// yaml.v3 escapes everything after a leading byte order
			// mark; not worth following.
			return false
		}
		if printable(r) && !isBreak(r) && r != '"' && r != '\\' {
			e.buf = utf8.AppendRune(e.buf, r)
			continue
		}
		e.buf = append(e.buf, '\\')
		if c, ok := shortEscapes[r]; ok {
			e.buf = append(e.buf, c)
			continue
		}
		digits := 8
		switch {
		case r <= 0xff:
			e.buf, digits = append(e.buf, 'x'), 2
		case r <= 0xffff:
			e.buf, digits = append(e.buf, 'u'), 4
		default:
			e.buf = append(e.buf, 'U')
		}
		for k := (digits - 1) * 4; k >= 0; k -= 4 {
			e.buf = append(e.buf, "0123456789ABCDEF"[(r>>k)&0xf])
		}
	}
	e.buf = append(e.buf, '"')
	return true
}

// literal writes s as a literal block, its lines at column indent.
// yaml.v3 writes double quotes instead for text a block cannot hold
// faithfully, and keeps trailing breaks with an indicator ("|+") that can
// end the document; both are left to it.
func (e *emitter) literal(s string, indent int) bool {
	prevSpace := false
	for _, r := range s {
		if r != '\n' && (isBreak(r) || !printable(r)) || r == 0xfeff || prevSpace && r == '\n' {
			return false
		}
		prevSpace = r == ' '
	}
	if s == "" || s[len(s)-1] == ' ' || s == "\n" || len(s) >= 2 && s[len(s)-2:] == "\n\n" {
		return false
	}
	e.buf = append(e.buf, '|')
	if s[0] == ' ' || s[0] == '\n' {
		e.buf = append(e.buf, '2')
	}
	if s[len(s)-1] != '\n' {
		e.buf = append(e.buf, '-')
	}
	lineStart := false // on the indicator's line
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			e.buf = append(e.buf, '\n')
			lineStart = true
			continue
		}
		if lineStart || i == 0 {
			if !lineStart {
				e.buf = append(e.buf, '\n')
			}
			for range indent {
				e.buf = append(e.buf, ' ')
			}
			lineStart = false
		}
		e.buf = append(e.buf, s[i])
	}
	e.lineStart = lineStart
	return true
}
