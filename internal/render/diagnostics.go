package render

import (
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/diag"
)

// Diagnostic output formats.
const (
	FormatText     = "text"
	FormatJSON     = "json"
	FormatGitHub   = "github"
	FormatMarkdown = "markdown"
)

// DiagnosticFormats lists the formats Diagnostics accepts.
var DiagnosticFormats = []string{FormatText, FormatJSON, FormatGitHub, FormatMarkdown}

// Diagnostics writes ds in one of the formats:
//
//   - text: one "path:line:col: error[rule-id]: message" line each, the form
//     editors and terminals turn into links;
//   - json: an array of {file, line, column, severity, rule, message,
//     suppressed}, [] when there are none;
//   - github: GitHub Actions workflow commands, so each problem shows as an
//     annotation on the pull request; suppressed ones become notices;
//   - markdown: a list for a pull-request comment or job summary.
func Diagnostics(w io.Writer, format string, ds []diag.Diagnostic) error {
	var err error
	switch format {
	case FormatText, "":
		err = diagnosticsText(w, ds)
	case FormatJSON:
		err = diagnosticsJSON(w, ds)
	case FormatGitHub:
		err = diagnosticsGitHub(w, ds)
	case FormatMarkdown:
		err = diagnosticsMarkdown(w, ds)
	default:
		return fmt.Errorf("render diagnostics: unknown format %q (want %s)", format, strings.Join(DiagnosticFormats, ", "))
	}
	if err != nil {
		return fmt.Errorf("write diagnostics: %w", err)
	}
	return nil
}

func diagnosticsText(w io.Writer, ds []diag.Diagnostic) error {
	for _, d := range ds {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

func diagnosticsJSON(w io.Writer, ds []diag.Diagnostic) error {
	if ds == nil {
		ds = []diag.Diagnostic{}
	}
	return JSON(w, ds)
}

// diagnosticsGitHub writes "::error file=F,line=L,col=C,title=T::message"
// lines (GitHub's workflow-command syntax).
func diagnosticsGitHub(w io.Writer, ds []diag.Diagnostic) error {
	for _, d := range ds {
		command := string(d.Severity)
		if d.Suppressed {
			command = "notice"
		}
		var props []string
		if d.File != "" {
			props = append(props, "file="+escapeProperty(d.File))
		}
		if d.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Line))
		}
		if d.Column > 0 {
			props = append(props, "col="+strconv.Itoa(d.Column))
		}
		title := "waform " + d.Rule
		if d.Suppressed {
			title += " (suppressed)"
		}
		props = append(props, "title="+escapeProperty(title))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", command, strings.Join(props, ","), escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// diagnosticsMarkdown writes one list item per diagnostic, position and
// rule as code so that paths and ids are not read as Markdown.
func diagnosticsMarkdown(w io.Writer, ds []diag.Diagnostic) error {
	if len(ds) == 0 {
		return nil
	}
	var b strings.Builder
	errs, warns := diag.Count(ds)
	fmt.Fprintf(&b, "**%s, %s:**\n\n", nounCount(errs, "error"), nounCount(warns, "warning"))
	for _, d := range ds {
		sev := string(d.Severity)
		if d.Suppressed {
			sev = "suppressed " + sev
		}
		fmt.Fprintf(&b, "- `%s` %s `%s`: %s\n", strings.ReplaceAll(d.Pos.String(), "`", "'"), sev, d.Rule,
			strings.ReplaceAll(html.EscapeString(d.Message), "\n", "<br>"))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData escapes a workflow command's message as the Actions toolkit
// does: %, CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: the message
// escapes plus the separators ":" and ",".
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// DiagnosticSummary is the one line printed after the diagnostics, e.g.
// "2 errors, 1 warning in 3 files (1 suppressed)" or "5 templates in 3 files
// are valid".
func DiagnosticSummary(ds []diag.Diagnostic, templates, files int) string {
	errs, warns := diag.Count(ds)
	suppressed := 0
	for _, d := range ds {
		if d.Suppressed {
			suppressed++
		}
	}
	var s string
	if errs == 0 && warns == 0 {
		s = fmt.Sprintf("%s in %s %s valid", nounCount(templates, "template"), nounCount(files, "file"), oneOrMany(templates, "is", "are"))
	} else {
		s = fmt.Sprintf("%s, %s in %s", nounCount(errs, "error"), nounCount(warns, "warning"), nounCount(files, "file"))
	}
	if suppressed > 0 {
		s += fmt.Sprintf(" (%d suppressed)", suppressed)
	}
	return s
}

func nounCount(n int, noun string) string {
	return strconv.Itoa(n) + " " + Plural(n, noun)
}

// Plural is noun as it reads after the count n: "1 file", "2 files".
func Plural(n int, noun string) string {
	return oneOrMany(n, noun, noun+"s")
}

func oneOrMany(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
