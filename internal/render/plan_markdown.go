package render

import (
	"fmt"
	"html"
	"io"
	"strings"

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
	head := PlanMarker + "\n### waform plan\n\n**" + PlanSummary(p.Summary) + "**\n\n"
	var tail string
	if line := unmanagedLine(p.Unmanaged); line != "" {
		tail = line + "\n"
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
	pending := p.Pending()
	var b strings.Builder
	b.WriteString(head)
	for i, a := range pending {
		section := markdownSection(a)
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
	noun := "templates"
	if left == 1 {
		noun = "template"
	}
	return fmt.Sprintf("> [!NOTE]\n> %d more changed %s not shown: this comment would exceed GitHub's %d-character limit. "+
		"Run `waform plan` to see the whole plan.\n\n", left, noun, GitHubCommentLimit)
}

// markdownSection is one <details> block: reason and warnings as a list,
// then a diff block GitHub colours (+ added, - removed).
func markdownSection(a plan.Action) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<details><summary><code>%s %s</code> <b>%s</b> (%s)", actionSymbol(a.Kind),
		html.EscapeString(actionVerb(a)), html.EscapeString(a.Key.Name), html.EscapeString(a.Key.Language))
	if d := actionDetails(a); d != "" {
		b.WriteString(" · " + html.EscapeString(d))
	}
	b.WriteString("</summary>\n\n")
	if a.Source != "" {
		b.WriteString("Declared in `" + strings.ReplaceAll(a.Source, "`", "'") + "`.\n\n")
	}
	if a.Reason != "" {
		b.WriteString("- **Blocked:** " + html.EscapeString(a.Reason) + "\n")
	}
	for _, warning := range a.Warnings {
		b.WriteString("- **Warning:** " + html.EscapeString(warning) + "\n")
	}
	for _, m := range a.Media {
		b.WriteString("- " + html.EscapeString(mediaLine(a, m)) + "\n")
	}
	if a.Reason != "" || len(a.Warnings) > 0 || len(a.Media) > 0 {
		b.WriteString("\n")
	}
	if lines := diffLines(a); len(lines) > 0 {
		body := strings.Join(lines, "\n")
		fence := codeFence(body)
		b.WriteString(fence + "diff\n" + body + "\n" + fence + "\n\n")
	}
	b.WriteString("</details>\n\n")
	return b.String()
}

// diffLines are the lines of an action's diff block, every value on one
// line so that each line keeps its + or - marker.
func diffLines(a plan.Action) []string {
	var lines []string
	if shown := shownTemplate(a); shown != nil {
		sign := "+ "
		if shown == a.Before {
			sign = "- "
		}
		for _, l := range templateLines(shown) {
			lines = append(lines, sign+l)
		}
	}
	for _, c := range a.Changes {
		switch c.Kind {
		case template.Added:
			lines = append(lines, "+ "+c.Path+": "+changeValue(c.After))
		case template.Removed:
			lines = append(lines, "- "+c.Path+": "+changeValue(c.Before))
		default:
			lines = append(lines, "- "+c.Path+": "+changeValue(c.Before), "+ "+c.Path+": "+changeValue(c.After))
		}
	}
	return lines
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
