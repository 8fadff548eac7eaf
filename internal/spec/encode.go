package spec

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// encodeDocuments writes YAML documents as fmt and import write them:
// two-space indentation, and text outside the Basic Multilingual Plane
// (emoji, mostly) kept as written. yaml.v3 takes any character of four
// UTF-8 bytes for unprintable and escapes it, so a "🙏" would become
// "\U0001F64F" and force double quotes on a block of text; each such
// character is therefore stood in for by a private-use character the
// documents do not hold while encoding, and put back after.
func encodeDocuments(docs []*yaml.Node) ([]byte, error) {
	sub := newStandIns(docs)
	for _, d := range docs {
		sub.hide(d, 0)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return nil, err
		}
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return sub.restore(buf.Bytes()), nil
}

// standIns maps characters yaml.v3 would escape to private-use characters.
type standIns struct {
	free []rune // private-use characters not in the documents
	to   map[rune]rune
	back map[rune]rune
}

func newStandIns(docs []*yaml.Node) *standIns {
	used := map[rune]bool{}
	var collect func(n *yaml.Node, depth int)
	collect = func(n *yaml.Node, depth int) {
		if depth > MaxDepth+2 {
			return
		}
		for _, s := range []string{n.Value, n.HeadComment, n.LineComment, n.FootComment} {
			for _, r := range s {
				if isPrivateUse(r) {
					used[r] = true
				}
			}
		}
		for _, c := range n.Content {
			collect(c, depth+1)
		}
	}
	for _, d := range docs {
		collect(d, 0)
	}
	s := &standIns{to: map[rune]rune{}, back: map[rune]rune{}}
	for r := rune(0xF8FF); r >= 0xE000; r-- {
		if !used[r] {
			s.free = append(s.free, r)
		}
	}
	return s
}

func isPrivateUse(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }

func (s *standIns) hide(n *yaml.Node, depth int) {
	if depth > MaxDepth+2 {
		return
	}
	if n.Kind == yaml.ScalarNode {
		n.Value = strings.Map(s.standIn, n.Value)
	}
	for _, c := range n.Content {
		s.hide(c, depth+1)
	}
}

func (s *standIns) standIn(r rune) rune {
	if r < 0x10000 {
		return r
	}
	if p, ok := s.to[r]; ok {
		return p
	}
	if len(s.free) == 0 {
		return r // yaml.v3 escapes it: still the same text
	}
	p := s.free[len(s.free)-1]
	s.free = s.free[:len(s.free)-1]
	s.to[r], s.back[p] = p, r
	return p
}

func (s *standIns) restore(out []byte) []byte {
	if len(s.back) == 0 {
		return out
	}
	return []byte(strings.Map(func(r rune) rune {
		if orig, ok := s.back[r]; ok {
			return orig
		}
		return r
	}, string(out)))
}

// withoutAstral replaces the characters encodeDocuments stands in for with
// a letter, so that asking yaml.v3 how it would quote a string gives the
// answer for the text as it is written.
func withoutAstral(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x10000 {
			return 'x'
		}
		return r
	}, s)
}
