package render

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// GitHubCommentLimit is the most characters GitHub accepts in a comment.
const GitHubCommentLimit = 65536

// PlanMarker starts every Markdown plan, so a CI job can find its earlier
// comment on a pull request and edit it instead of adding another.
const PlanMarker = "<!-- waform-plan -->"

// PlanMarkdown writes the plan as a pull-request comment: the summary line,
// one collapsible section per template that changes, and what was left
// alone. The output stays under limit bytes (GitHubCommentLimit when limit
// is 0 or less; bytes, because GitHub counts characters and a character is
// at least a byte): sections that do not fit are left out, in order, and a
// note says how many.
func PlanMarkdown(w io.Writer, p *plan.Plan, limit int) error {
	if limit <= 0 {
		limit = GitHubCommentLimit
	}
	head := PlanMarker + "\n### waform plan\n\n"
	if p.Target != nil {
		head += html.EscapeString(TargetLine(*p.Target)) + "\n\n"
	}
	head += "**" + PlanSummary(p.Summary) + "**\n\n"
	pending := p.Pending()
	// A warning several actions share (the edit quota) is said once, above
	// the sections, so a truncated comment keeps it too.
	shared, sharedOrder := sharedWarnings(pending)
	for _, warning := range sharedOrder {
		head += "> [!WARNING]\n> " + html.EscapeString(warning) + "\n>\n> For " +
			html.EscapeString(strings.Join(capNames(shared[warning]), ", ")) + "\n\n"
	}
	var tail string
	if line := unmanagedLine(p.Unmanaged); line != "" {
		tail = line + "\n"
		if groups := unmanagedGroups(p.Unmanaged); len(groups) > 0 {
			tail += "<details><summary>Which templates</summary>\n\n"
			for _, g := range groups {
				tail += "- " + g.label + ": " + html.EscapeString(strings.Join(g.names, ", ")) + "\n"
			}
			tail += "\n</details>\n"
		}
	}
	for _, line := range unreadableLines(p) {
		tail += "- " + html.EscapeString(line) + "\n"
	}
	for _, note := range p.Notes {
		tail += "\n> **Note:** " + html.EscapeString(note) + "\n"
	}
	for _, n := range p.Health {
		tail += "- :warning: " + html.EscapeString(NoticeLine(n)) + "\n"
	}
	var b strings.Builder
	b.WriteString(head)
	for i, a := range pending {
		section := markdownSection(a, shared)
		note := truncationNote(len(pending) - i)
		if b.Len()+len(section)+len(note)+len(tail) >= limit {
			b.WriteString(note)
			break
		}
		b.WriteString(section)
	}
	b.WriteString(tail)
	_, err := io.WriteString(w, b.String())
	return err
}

func truncationNote(left int) string {
	return fmt.Sprintf("> [!NOTE]\n> %d more changed %s not shown: this comment would exceed GitHub's %d-character limit. "+
		"Run `waform plan` to see the whole plan.\n\n", left, Plural(left, "template"), GitHubCommentLimit)
}

// foldLines is how long a section may be and still show open: longer
// ones are folded in a closed <details>, so the comment stays scannable.
const foldLines = 12

// markdownSection is one <details> block: reason and warnings (but the
// shared ones, said once above) as a list,
// text changes as word diffs (<del>/<ins> in a <pre>, line breaks kept),
// the rest in a diff block GitHub colours (+ added, - removed). Short
// sections show open; long ones are folded.
func markdownSection(a plan.Action, shared map[string][]string) string {
	var body strings.Builder
	if a.Source != "" {
		body.WriteString("Declared in `" + strings.ReplaceAll(a.Source, "`", "'") + "`.\n\n")
	}
	if a.Reason != "" {
		body.WriteString("- **Blocked:** " + html.EscapeString(a.Reason) + "\n")
	}
	listed := a.Reason != "" || len(a.Media) > 0
	for _, warning := range a.Warnings {
		if shared[warning] == nil {
			body.WriteString("- **Warning:** " + html.EscapeString(warning) + "\n")
			listed = true
		}
	}
	for _, m := range a.Media {
		body.WriteString("- " + html.EscapeString(mediaLine(a, m)) + "\n")
	}
	if listed {
		body.WriteString("\n")
	}
	for _, c := range a.Changes {
		if before, after, ok := textChange(c); ok {
			body.WriteString("<b>" + html.EscapeString(c.Path) + "</b>\n<pre>" + htmlWordDiff(before, after) + "</pre>\n\n")
		}
	}
	if lines := diffLines(a); len(lines) > 0 {
		text := strings.Join(lines, "\n")
		fence := codeFence(text)
		body.WriteString(fence + "diff\n" + text + "\n" + fence + "\n\n")
	}
	var b strings.Builder
	b.WriteString("<details")
	if strings.Count(body.String(), "\n") <= foldLines {
		b.WriteString(" open")
	}
	fmt.Fprintf(&b, "><summary><code>%s %s</code> <b>%s</b> (%s)", actionSymbol(a.Kind),
		html.EscapeString(actionVerb(a)), html.EscapeString(a.Key.Name), html.EscapeString(a.Key.Language))
	if d := actionDetails(a); d != "" {
		b.WriteString(" · " + html.EscapeString(d))
	}
	b.WriteString("</summary>\n\n" + body.String() + "</details>\n\n")
	return b.String()
}

// textChange reports whether c changes one string into another, which the
// Markdown shows as a word diff.
func textChange(c template.Change) (before, after string, ok bool) {
	if c.Kind != template.Changed {
		return "", "", false
	}
	before, okB := c.Before.(string)
	after, okA := c.After.(string)
	return before, after, okA && okB
}

// htmlWordDiff is the word diff as HTML: removed words in <del>, added ones
// in <ins>, everything escaped, line breaks as they are.
func htmlWordDiff(before, after string) string {
	var b strings.Builder
	for _, s := range wordDiff(before, after) {
		text := html.EscapeString(s.text)
		switch s.op {
		case diffmatchpatch.DiffEqual:
			b.WriteString(text)
		case diffmatchpatch.DiffDelete:
			b.WriteString("<del>" + text + "</del>")
		default:
			b.WriteString("<ins>" + text + "</ins>")
		}
	}
	return b.String()
}

// diffLines are the lines of an action's diff block: the whole template of
// a create or delete, and the changes that are not text-to-text. Multi-line
// text keeps its lines, each under the +/- marker.
func diffLines(a plan.Action) []string {
	var lines []string
	if shown := shownTemplate(a); shown != nil {
		sign := "+ "
		if shown == a.Before {
			sign = "- "
		}
		for _, l := range markdownTemplateLines(shown) {
			lines = append(lines, sign+l)
		}
	}
	for _, c := range a.Changes {
		if _, _, ok := textChange(c); ok {
			continue
		}
		switch c.Kind {
		case template.Added:
			lines = append(lines, markdownValue("+ ", c.Path, c.After)...)
		case template.Removed:
			lines = append(lines, markdownValue("- ", c.Path, c.Before)...)
		default:
			lines = append(lines, markdownValue("- ", c.Path, c.Before)...)
			lines = append(lines, markdownValue("+ ", c.Path, c.After)...)
		}
	}
	return lines
}

// markdownValue is "path: value" under sign, a multi-line string as a
// block of lines.
func markdownValue(sign, path string, v any) []string {
	if s, ok := v.(string); ok && strings.Contains(s, "\n") {
		return append([]string{sign + path + ": |"}, indentLines(sign+"  ", s)...)
	}
	return []string{sign + path + ": " + changeValue(v)}
}

// markdownTemplateLines is templateLines with multi-line texts kept on
// their own lines instead of quoted with \n escapes.
func markdownTemplateLines(t *template.Template) []string {
	lines := []string{"category: " + t.Category}
	if t.ParameterFormat != "" {
		lines = append(lines, "parameter_format: "+t.ParameterFormat)
	}
	for _, c := range t.Components {
		if !strings.Contains(c.Text, "\n") {
			lines = append(lines, componentLine(c))
			continue
		}
		text := c.Text
		c.Text = ""
		head := componentLine(c)
		if head == c.Type {
			head += ": |"
		} else {
			head += ", |"
		}
		lines = append(lines, head)
		lines = append(lines, indentLines("  ", text)...)
	}
	return lines
}

func indentLines(prefix, s string) []string {
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = prefix + p
	}
	return parts
}

// codeFence returns a backtick fence longer than any backtick run in body,
// so template text cannot close the block early.
func codeFence(body string) string {
	longest, run := 0, 0
	for _, r := range body {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
