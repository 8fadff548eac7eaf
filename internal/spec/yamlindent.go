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
// markers: group 1 is everything before the key, 2 the key.
var keyLine = regexp.MustCompile(`^((?:\s*-\s+)*\s*)([A-Za-z_][\w-]*):(?:[ \t]|$)`)

// keyIndentHint finds a key that lines up with no mapping: deeper than the
// key above it when that key's value was complete on its line (it can only
// be part of that value, which YAML refuses), or shallower than it but at
// the column of no enclosing mapping (past a list item's dash, say).
func keyIndentHint(lines []string) (diag.Pos, string, bool) {
	var cols []int             // key columns of the open mappings, innermost last
	opened := true             // the line above opens a nested block (or the document starts)
	prevCol, prevKey := -1, "" // the key above, when its value was complete
	blockIndent := -1
	quoted := quotedContinuations(lines)
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || quoted[i] {
			continue
		}
		indent := len(l) - len(trimmed)
		if blockIndent >= 0 && indent > blockIndent {
			continue
		}
		blockIndent = -1
		if strings.HasPrefix(l, "---") || strings.HasPrefix(l, "...") {
			cols, opened, prevCol = nil, true, -1
			continue
		}
		m := keyLine.FindStringSubmatch(l)
		if m == nil {
			// A bare "-" opens a list item whose mapping starts below.
			opened, prevCol = strings.TrimRight(stripComment(trimmed), " ") == "-", -1
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
		case strings.HasSuffix(content, "|") || strings.HasSuffix(content, ">") ||
			strings.HasSuffix(content, "|-") || strings.HasSuffix(content, ">-"):
			blockIndent = indent
		case strings.HasSuffix(content, ":") || strings.HasSuffix(content, "[") ||
			strings.HasSuffix(content, "{") || strings.HasSuffix(content, ","):
			opened = true // what follows is nested, or continues a flow
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
	blockIndent := -1
	prevOpens := false
	quoted := quotedContinuations(lines)
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || quoted[i] {
			continue
		}
		indent := len(l) - len(trimmed)
		if blockIndent >= 0 && indent > blockIndent {
			continue
		}
		blockIndent = -1
		content := strings.TrimRight(stripComment(trimmed), " ")
		if strings.HasSuffix(content, "|") || strings.HasSuffix(content, ">") ||
			strings.HasSuffix(content, "|-") || strings.HasSuffix(content, ">-") {
			blockIndent = indent
		}
		if content != "-" && !strings.HasPrefix(content, "- ") {
			for len(lists) > 0 && lists[len(lists)-1] >= indent {
				lists = lists[:len(lists)-1]
			}
			prevOpens = strings.HasSuffix(content, ":")
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
		prevOpens = strings.HasSuffix(content, ":") || content == "-"
	}
	return diag.Pos{}, "", false
}

func stripComment(s string) string {
	if i := strings.Index(s, " #"); i >= 0 {
		return s[:i]
	}
	return s
}

// quotedContinuations marks the lines that continue a quoted value begun on
// a line above (YAML lets "..." and '...' span lines): their indentation,
// dashes and colons are text, not structure.
func quotedContinuations(lines []string) []bool {
	marks := make([]bool, len(lines))
	for i := 0; i < len(lines); i++ {
		m := anyValue.FindStringSubmatch(lines[i])
		if m == nil || (m[2][0] != '"' && m[2][0] != '\'') || quotedEnd(m[2]) >= 0 {
			continue
		}
		q := string(m[2][:1])
		for i++; i < len(lines); i++ {
			marks[i] = true
			if quotedEnd(q+lines[i]) >= 0 {
				break
			}
		}
	}
	return marks
}
