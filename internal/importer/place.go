package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// maxNameBytes is the longest file name most file systems take. Meta allows
// template names of 512 characters, so a name may not fit.
const maxNameBytes = 255

// FileName is the name of the file a new template goes to:
// <name>.<language>.yaml. A name or language that cannot be part of a file
// name (too long, a path separator, a leading dot, control characters) is
// made safe and shortened, and a digest of the key keeps it apart from
// every other key's.
func FileName(k template.Key) string {
	plain := k.Name + "." + k.Language + ".yaml"
	if safe(k.Name) && safe(k.Language) && len(plain) <= maxNameBytes {
		return plain
	}
	return hashedName(k, 1)
}

// hashedName is the n-th file name made safe and short for k: the cleaned
// name, cut to fit, then a digest of the key (and n past the first).
func hashedName(k template.Key, n int) string {
	sum := sha256.Sum256([]byte(k.Name + "\x00" + k.Language))
	digest := "-" + hex.EncodeToString(sum[:5])
	if n > 1 {
		digest += fmt.Sprintf("-%d", n)
	}
	suffix := digest + "." + truncate(clean(k.Language), 32) + ".yaml"
	return truncate(clean(k.Name), maxNameBytes-len(suffix)) + suffix
}

// safe reports text that can stand in a file name on every system as it is.
func safe(s string) bool {
	return s != "" && !strings.HasPrefix(s, ".") && clean(s) == s
}

// clean replaces what a file name cannot hold, or holds differently on some
// systems, with '_'.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.TrimLeft(s, "."))
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// segment is the text of one YAML document of a file: the bytes between
// two document markers ("---", "...") or the ends of the file.
type segment struct {
	start, end         int  // byte offsets
	firstLine, endLine int  // 1-based; endLine is the first line after it
	inline             bool // it starts on its "--- " line
}

// segments splits a file at its document markers. In a file that parses, a
// marker at the start of a line is always a marker: YAML forbids one inside
// block and quoted text.
func segments(data []byte) []segment {
	var out []segment
	cur := segment{start: 0, firstLine: 1}
	line := 1
	for off := 0; off < len(data); line++ {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		text := strings.TrimRight(string(data[off:next]), "\r\n")
		if isMarker(text, "---") || isMarker(text, "...") {
			cur.end, cur.endLine = off, line
			out = append(out, cur)
			// Content may follow "--- " on the marker line itself.
			cur = segment{start: off + 3, firstLine: line, inline: true}
			if text[:3] == "..." || strings.TrimSpace(text[3:]) == "" || strings.HasPrefix(strings.TrimSpace(text[3:]), "#") {
				cur = segment{start: next, firstLine: line + 1}
			}
		}
		off = next
	}
	cur.end, cur.endLine = len(data), line
	return append(out, cur)
}

func isMarker(line, marker string) bool {
	rest, ok := strings.CutPrefix(line, marker)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// replaceDocuments returns data with the documents declaring the keys of
// docs replaced by those documents; the file's other documents and
// comments stay as they are. The comments right above a replaced document
// stay too, but for "# waform:" comments (ignore lists and import's
// notes), which the new document brings if it needs them. The result is checked: it must parse into the
// same documents, the replaced ones reading back as their templates.
func replaceDocuments(file string, data []byte, docs map[template.Key]Document) ([]byte, error) {
	parsed, ds := spec.Parse(file, data)
	if len(ds) > 0 {
		return nil, fmt.Errorf("%s no longer parses: %v", file, ds[0])
	}
	segs := segments(data)
	var out bytes.Buffer
	done := 0 // bytes of data copied or replaced
	replaced := map[template.Key]bool{}
	for _, p := range parsed {
		k, ok := p.Key()
		d, replace := docs[k]
		if !ok || !replace {
			continue
		}
		s, found := segmentAt(segs, p.Start.Line)
		if !found || s.start < done {
			return nil, fmt.Errorf("cannot find where %s begins and ends in %s", k, file)
		}
		out.Write(data[done:s.start])
		out.Write(replacement(data[s.start:s.end], s.inline, p.Start.Line-s.firstLine, d))
		done = s.end
		replaced[k] = true
	}
	out.Write(data[done:])
	for k := range docs {
		if !replaced[k] {
			return nil, fmt.Errorf("%s no longer declares %s", file, k)
		}
	}
	result := out.Bytes()
	if err := check(file, parsed, result, docs); err != nil {
		return nil, err
	}
	return result, nil
}

func segmentAt(segs []segment, line int) (segment, bool) {
	for _, s := range segs {
		if s.firstLine <= line && line < s.endLine {
			return s, true
		}
	}
	return segment{}, false
}

// replacement is the new text of a segment whose document content starts
// lead lines into it: the comments and blank lines above it (less any
// "# waform:" comment), the new document, and the comment lines that
// followed the old one.
func replacement(old []byte, inline bool, lead int, d Document) []byte {
	lines := strings.SplitAfter(string(old), "\n")
	// A file written with CRLF line endings keeps them, rather than mixing
	// them with the new document's.
	eol := "\n"
	if strings.Contains(string(old), "\r\n") {
		eol = "\r\n"
	}
	var b strings.Builder
	if inline {
		// The document started on its "--- " line: start it on the next.
		b.WriteString(eol)
		lines, lead = lines[1:], 0
	}
	for _, l := range lines[:min(lead, len(lines))] {
		if !isWaformComment(l) {
			b.WriteString(l)
		}
	}
	b.WriteString(strings.ReplaceAll(string(d.text("")), "\n", eol))
	// Comments at the left margin after the document's last line of content
	// belong to no value of it; keep them, without the blank lines around
	// them, which would join a literal block that keeps its trailing lines.
	tail := len(lines)
	for tail > lead && isTrailing(lines[tail-1]) {
		tail--
	}
	for _, l := range lines[tail:] {
		if strings.HasPrefix(l, "#") && !isWaformComment(l) {
			b.WriteString(strings.TrimRight(l, "\r\n") + eol)
		}
	}
	return []byte(b.String())
}

// isWaformComment reports a comment import writes: "# waform:ignore ..."
// or "# waform: note".
func isWaformComment(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), "# waform:")
}

func isTrailing(line string) bool {
	t := strings.TrimRight(line, "\r\n")
	return strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#")
}

// check parses the rewritten file and compares it with the old one: the
// same documents in the same order, each replaced one reading back as its
// template and every other one unchanged.
func check(file string, before []*spec.Document, data []byte, docs map[template.Key]Document) error {
	after, ds := spec.Parse(file, data)
	if len(ds) > 0 {
		return fmt.Errorf("replacing documents in %s would break it: %v", file, ds[0])
	}
	if len(after) != len(before) {
		return fmt.Errorf("replacing documents in %s would leave %d documents instead of %d", file, len(after), len(before))
	}
	for i, a := range after {
		k, _ := before[i].Key()
		d, replaced := docs[k]
		if !replaced {
			if !reflect.DeepEqual(a.Value, before[i].Value) {
				return fmt.Errorf("replacing documents in %s would change document %d", file, i+1)
			}
			continue
		}
		back, err := a.Decode()
		if err != nil {
			return fmt.Errorf("replacing %s in %s: %w", k, file, err)
		}
		if changes := template.Diff(back, d.template); len(changes) > 0 {
			return fmt.Errorf("replacing %s in %s would not read back equal: %v", k, file, changes)
		}
	}
	return nil
}
