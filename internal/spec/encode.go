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
	used map[rune]bool // private-use characters the documents hold
	next rune          // the next private-use character to try, downwards
	to   map[rune]rune
	back map[rune]rune
}

func newStandIns(docs []*yaml.Node) *standIns {
	s := &standIns{next: 0xF8FF}
	var collect func(n *yaml.Node, depth int)
	collect = func(n *yaml.Node, depth int) {
		if depth > MaxDepth+2 {
			return
		}
		for _, text := range []string{n.Value, n.HeadComment, n.LineComment, n.FootComment} {
			for _, r := range text {
				if isPrivateUse(r) {
					if s.used == nil {
						s.used = map[rune]bool{}
					}
					s.used[r] = true
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
	for isPrivateUse(s.next) && s.used[s.next] {
		s.next--
	}
	if !isPrivateUse(s.next) {
		return r // none left: yaml.v3 escapes it, which is still the same text
	}
	if s.to == nil {
		s.to, s.back = map[rune]rune{}, map[rune]rune{}
	}
	p := s.next
	s.next--
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
