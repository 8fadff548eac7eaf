package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// ANSI styles of the plan. Colour is only ever used when the caller asks
// (a terminal, NO_COLOR unset, no --no-color).
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiMagenta = "\x1b[35m"
)

var kindStyle = map[plan.Kind]string{
	plan.Create:  ansiGreen,
	plan.Update:  ansiYellow,
	plan.Delete:  ansiRed,
	plan.Blocked: ansiMagenta,
}

// indent is where an action's details start, under its name.
const indent = "    "

// PlanText writes the human plan: one block per action that is not a noop
// (`+` create, `~` update, `-` delete, `!` blocked), updates showing only
// the fields that changed with text as a word diff, then the summary line
// and what was left alone.
func PlanText(w io.Writer, p *plan.Plan, colour bool) error {
	out := bufio.NewWriter(w)
	pending := p.Pending()
	shared, sharedOrder := sharedWarnings(pending)
	t := textWriter{out: out, colour: colour, shared: shared}
	for _, a := range pending {
		t.action(a)
		out.WriteString("\n")
	}
	for _, warning := range sharedOrder {
		t.styled(ansiYellow, "warning:")
		out.WriteString(" " + warning + "\n")
		out.WriteString(indent + "for " + strings.Join(shared[warning], ", ") + "\n\n")
	}
	if len(pending) == 0 {
		out.WriteString("No changes: the remote templates match the files.\n")
	}
	t.styled(ansiBold, PlanSummary(p.Summary))
	out.WriteString("\n")
	if line := unmanagedLine(p.Unmanaged); line != "" {
		out.WriteString(line + "\n")
		for _, g := range unmanagedGroups(p.Unmanaged) {
			out.WriteString(indent + g.label + ": " + strings.Join(g.names, ", ") + "\n")
		}
	}
	for _, line := range unreadableLines(p) {
		out.WriteString(indent)
		t.styled(kindStyle[plan.Blocked], "?")
		out.WriteString(" " + line + "\n")
	}
	for _, note := range p.Notes {
		out.WriteString("Note: " + note + "\n")
	}
	for _, n := range p.Health {
		t.styled(ansiYellow, "warning:")
		out.WriteString(" " + NoticeLine(n) + "\n")
	}
	return out.Flush()
}

type textWriter struct {
	out    *bufio.Writer
	colour bool
	shared map[string][]string // warnings printed once, after the actions
}

// sharedWarnings finds the warnings several actions carry word for word
// (the edit quota of every APPROVED template a plan edits) and names the
// templates each concerns, so the text says it once: at a thousand updates
// it would otherwise be most of the plan.
func sharedWarnings(actions []plan.Action) (map[string][]string, []string) {
	names := map[string][]string{}
	var order []string
	for _, a := range actions {
		for _, w := range a.Warnings {
			if names[w] == nil {
				order = append(order, w)
			}
			names[w] = append(names[w], a.Key.String())
		}
	}
	shared := map[string][]string{}
	var sharedOrder []string
	for _, w := range order {
		if len(names[w]) > 1 {
			shared[w] = names[w]
			sharedOrder = append(sharedOrder, w)
		}
	}
	return shared, sharedOrder
}

func (t textWriter) styled(style, s string) {
	if t.colour {
		t.out.WriteString(style + s + ansiReset)
		return
	}
	t.out.WriteString(s)
}

func (t textWriter) action(a plan.Action) {
	t.styled(kindStyle[a.Kind], actionSymbol(a.Kind)+" "+actionVerb(a))
	t.out.WriteString(" " + a.Key.String())
	if d := actionDetails(a); d != "" {
		t.out.WriteString(" [" + d + "]")
	}
	if a.Source != "" {
		t.out.WriteString(" " + a.Source)
	}
	t.out.WriteString("\n")
	if a.Reason != "" {
		t.out.WriteString(indent)
		t.styled(kindStyle[plan.Blocked], "reason:")
		t.out.WriteString(" " + a.Reason + "\n")
	}
	for _, warning := range a.Warnings {
		if t.shared[warning] != nil {
			continue
		}
		t.out.WriteString(indent)
		t.styled(ansiYellow, "warning:")
		t.out.WriteString(" " + warning + "\n")
	}
	for _, m := range a.Media {
		t.out.WriteString(indent + mediaLine(a, m) + "\n")
	}
	if shown := shownTemplate(a); shown != nil {
		for _, line := range templateLines(shown) {
			t.out.WriteString(indent + line + "\n")
		}
	}
	for _, c := range a.Changes {
		t.change(c)
	}
}

// change writes one changed field: a word diff for text, the two values
// otherwise.
func (t textWriter) change(c template.Change) {
	t.out.WriteString(indent)
	switch c.Kind {
	case template.Added:
		t.styled(ansiGreen, "+ "+c.Path+": "+changeValue(c.After))
	case template.Removed:
		t.styled(ansiRed, "- "+c.Path+": "+changeValue(c.Before))
	default:
		t.styled(ansiYellow, "~ "+c.Path+":")
		t.out.WriteString(" ")
		before, okB := c.Before.(string)
		after, okA := c.After.(string)
		if okB && okA {
			t.words(wordDiff(before, after))
		} else {
			t.out.WriteString(changeValue(c.Before) + " → " + changeValue(c.After))
		}
	}
	t.out.WriteString("\n")
}

// words writes a word diff inline: removed text as [-text-] and added text
// as {+text+} (git's --word-diff=plain), in red and green with colour; the
// markers stay with colour so adjacent removals and additions are told
// apart. Line breaks inside the text are indented to stay under the change.
func (t textWriter) words(spans []wordSpan) {
	for _, s := range spans {
		text := strings.ReplaceAll(s.text, "\n", "\n"+indent+"  ")
		switch s.op {
		case diffmatchpatch.DiffEqual:
			t.out.WriteString(text)
		case diffmatchpatch.DiffDelete:
			t.styled(ansiRed, "[-"+text+"-]")
		default:
			t.styled(ansiGreen, "{+"+text+"+}")
		}
	}
}
