package spec

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/waform/waform/internal/diag"
)

// Indentation mistakes: list items or keys of one collection that do not
// line up. yaml.v3 reports them on another line, in its own words.

// keyLine matches a mapping key at the start of a line, after any list
// markers: group 1 is everything before the key, 2 the key (plain, with
// dots, slashes or spaces as YAML allows, quoted, or the merge key <<).
var keyLine = regexp.MustCompile(`^((?:\s*-\s+)*\s*)(<<|"[^"]*"|'[^']*'|-[^\s:][^:]*?|[^\s#"'\[\]{},&*!|>%@` + "`" + `-][^:]*?):(?:[ \t]|$)`)

// keyIndentHint finds a key that lines up with no mapping: deeper than the
// key above it when that key's value was complete on its line (it can only
// be part of that value, which YAML refuses), or shallower than it but at
// the column of no enclosing mapping (past a list item's dash, say).
func keyIndentHint(lines []string) (diag.Pos, string, bool) {
	var cols []int             // key columns of the open mappings, innermost last
	opened := true             // the line above opens a nested block (or the document starts)
	prevCol, prevKey := -1, "" // the key above, when its value was complete
	quoted := continuations(lines)
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || quoted[i] {
			continue
		}
		if strings.HasPrefix(l, "---") || strings.HasPrefix(l, "...") {
			cols, opened, prevCol = nil, true, -1
			continue
		}
		m := keyLine.FindStringSubmatch(l)
		if m == nil {
			opened, prevCol = opensBlock(strings.TrimRight(stripComment(trimmed), " ")), -1
			continue
		}
		col := len(m[1])
		for len(cols) > 0 && cols[len(cols)-1] > col {
			cols = cols[:len(cols)-1]
		}
		aligned := len(cols) > 0 && cols[len(cols)-1] == col
		switch {
		case strings.HasPrefix(trimmed, "-"):
			if !aligned {
				cols = append(cols, col)
			}
		case aligned:
		case opened && (len(cols) == 0 || col > cols[len(cols)-1]):
			cols = append(cols, col)
		case prevCol >= 0:
			return diag.Pos{Line: i + 1, Column: col + 1}, fmt.Sprintf(
				"this key starts in column %d but %s, the key above it, in column %d: keys of one mapping must line up; indent them the same",
				col+1, prevKey, prevCol+1), true
		default:
			return diag.Pos{Line: i + 1, Column: col + 1}, fmt.Sprintf(
				"this key starts in column %d, in line with no key above it: keys of one mapping must line up; indent them the same",
				col+1), true
		}
		content := strings.TrimRight(stripComment(l), " ")
		opened, prevCol = false, -1
		switch {
		case blockHeader.MatchString(strings.TrimRight(stripComment(l[valueStart(l):]), " \t")):
			// a block scalar: its text lines are continuations
		case opensBlock(content):
			opened = true // what follows is nested
		default:
			prevCol, prevKey = col, m[2]
		}
	}
	return diag.Pos{}, "", false
}

// listIndentHint finds a list item that lines up with no list: items of one
// list start in the same column, and a nested list starts under a key that
// ends with ":". Lines inside block scalars (| and >) are skipped.
func listIndentHint(lines []string) (diag.Pos, string, bool) {
	var lists []int // columns of the open lists, innermost last
	prevOpens := false
	quoted := continuations(lines)
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || quoted[i] {
			continue
		}
		indent := len(l) - len(trimmed)
		content := strings.TrimRight(stripComment(trimmed), " ")
		if content != "-" && !strings.HasPrefix(content, "- ") {
			for len(lists) > 0 && lists[len(lists)-1] >= indent {
				lists = lists[:len(lists)-1]
			}
			prevOpens = opensBlock(content)
			continue
		}
		closed := -1
		for len(lists) > 0 && lists[len(lists)-1] > indent {
			closed = lists[len(lists)-1]
			lists = lists[:len(lists)-1]
		}
		top := -1
		if len(lists) > 0 {
			top = lists[len(lists)-1]
		}
		switch {
		case top == indent:
		case prevOpens:
			lists = append(lists, indent)
		case closed >= 0 || top >= 0:
			// Less indented than the list above and matching no outer
			// list, or more indented with no key to open a new one.
			other := max(closed, top)
			return diag.Pos{Line: i + 1, Column: indent + 1}, fmt.Sprintf(
				"this list item starts in column %d but the item above it in column %d: items of one list must line up; indent them the same",
				indent+1, other+1), true
		default:
			lists = append(lists, indent)
		}
		// "- - x" opens a list inside the item, at the second dash.
		rest, col := content, indent
		for strings.HasPrefix(rest, "- ") {
			next := strings.TrimLeft(rest[1:], " ")
			col += len(rest) - len(next)
			rest = next
			if strings.HasPrefix(rest, "- ") {
				lists = append(lists, col)
			}
		}
		// "- key:" opens a mapping whose keys may hold lists; a bare "-"
		// opens an item whose content starts below.
		prevOpens = opensBlock(content)
	}
	return diag.Pos{}, "", false
}

func stripComment(s string) string {
	if i := strings.Index(s, " #"); i >= 0 {
		return s[:i]
	}
	return s
}

// continuations marks the lines that continue a value begun on a line
// above: the text of a block scalar (| or >), a quoted value ("..." and
// '...' may span lines) or a flow collection ([...] and {...} may too).
// Their indentation, dashes and colons are text or flow syntax, not block
// structure, so the hints must not read them as such.
func continuations(lines []string) []bool {
	marks := make([]bool, len(lines))
	depth := 0        // open flow collections
	var open byte     // the quote of a quoted value still open, or 0
	blockIndent := -1 // the indentation of the line a block scalar hangs from
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if blockIndent >= 0 && (trimmed == "" || len(l)-len(trimmed) > blockIndent) {
			marks[i] = true
			continue
		}
		blockIndent = -1
		j := 0
		switch {
		case open != 0:
			marks[i] = true
			end := quotedEnd(string(open) + l)
			if end < 0 {
				continue
			}
			j, open = end, 0
		case depth > 0:
			marks[i] = true
		default:
			if blockHeader.MatchString(strings.TrimRight(stripComment(l[valueStart(l):]), " \t")) {
				blockIndent = len(l) - len(trimmed)
				continue
			}
			j = valueStart(l)
		}
		for ; j < len(l); j++ {
			switch c := l[j]; {
			case c == '#' && (j == 0 || l[j-1] == ' ' || l[j-1] == '\t'):
				j = len(l)
			case c == '"' || c == '\'':
				if depth > 0 && !flowValueStart(l[:j]) {
					continue // an apostrophe in a plain scalar
				}
				end := quotedEnd(l[j:])
				if end < 0 {
					open, j = c, len(l)
				} else {
					j += end
				}
			case c == '[' || c == '{':
				depth++
			case (c == ']' || c == '}') && depth > 0:
				depth--
			case depth == 0:
				j = len(l) // after a flow collection or quoted value: a comment, or an error
			}
		}
	}
	return marks
}

// blockHeader matches the header of a block scalar: | or >, with its
// chomping and indentation indicators.
var blockHeader = regexp.MustCompile(`^[|>][0-9+-]*$`)

// valueStart is where the value of a block line starts, after its key or
// list marker and any anchor or tag.
func valueStart(l string) int {
	start := len(l) - len(strings.TrimLeft(l, " -"))
	if m := keyLine.FindStringSubmatchIndex(l); m != nil {
		start = m[1]
	}
	for {
		start += len(l[start:]) - len(strings.TrimLeft(l[start:], " \t"))
		if start >= len(l) || (l[start] != '&' && l[start] != '!') {
			return start
		}
		next := strings.IndexAny(l[start:], " \t")
		if next < 0 {
			return len(l)
		}
		start += next
	}
}

// flowValueStart reports whether a value inside a flow collection starts
// after before: at the start of the line or after [ { , or ":".
func flowValueStart(before string) bool {
	before = strings.TrimRight(before, " \t")
	return before == "" || strings.ContainsRune("[{,:", rune(before[len(before)-1]))
}

// opensBlock reports whether a line's content (comment stripped) leaves its
// value to the lines below: it ends with "key:" or is a bare "-", perhaps
// followed by an anchor or a tag ("key: &defaults", "- !item").
func opensBlock(content string) bool {
	fields := strings.Fields(content)
	for len(fields) > 0 && (strings.HasPrefix(fields[len(fields)-1], "&") || strings.HasPrefix(fields[len(fields)-1], "!")) {
		fields = fields[:len(fields)-1]
	}
	if len(fields) == 0 {
		return true
	}
	last := fields[len(fields)-1]
	return strings.HasSuffix(last, ":") || last == "-"
}
