// Package diag holds positioned diagnostics: problems in user input reported
// as file:line:col with a severity and a stable rule id, collected and sorted
// so that one run reports everything at once.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a diagnostic fails the run.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Pos is a place in a file. Line and Column are 1-based; 0 means unknown.
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// ParsePos reads back what Pos.String wrote ("file", "file:line" or
// "file:line:col"), for positions carried as text (a plan's Source), so a
// diagnostic about them gets its file and line as separate fields.
func ParsePos(s string) Pos {
	p := Pos{File: s}
	var nums []int
	for range 2 {
		i := strings.LastIndexByte(p.File, ':')
		n, err := strconv.Atoi(p.File[i+1:])
		if i <= 0 || err != nil || n <= 0 {
			break
		}
		nums = append([]int{n}, nums...)
		p.File = p.File[:i]
	}
	if len(nums) > 0 {
		p.Line = nums[0]
	}
	if len(nums) > 1 {
		p.Column = nums[1]
	}
	return p
}

// Diagnostic is one problem found in user input.
type Diagnostic struct {
	Pos
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
	// Suppressed marks a diagnostic silenced by a "# waform:ignore RULE"
	// comment: it is reported for transparency but never fails the run.
	Suppressed bool `json:"suppressed,omitempty"`
}

func (d Diagnostic) String() string {
	sev := string(d.Severity)
	if d.Suppressed {
		sev = "suppressed " + sev
	}
	return fmt.Sprintf("%s: %s[%s]: %s", d.Pos, sev, d.Rule, d.Message)
}

// Errorf builds an error-severity diagnostic.
func Errorf(pos Pos, rule, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Warnf builds a warning-severity diagnostic.
func Warnf(pos Pos, rule, format string, args ...any) Diagnostic {
	return Diagnostic{Pos: pos, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Sort orders diagnostics by file, line, column, then rule, so output is
// stable whatever order the checks ran in.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// HasErrors reports whether any diagnostic fails the run.
func HasErrors(ds []Diagnostic) bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error && !d.Suppressed })
}

// Count returns the number of unsuppressed errors and warnings.
func Count(ds []Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		switch {
		case d.Suppressed:
		case d.Severity == Error:
			errors++
		default:
			warnings++
		}
	}
	return errors, warnings
}

// Suppress marks the diagnostics whose rule is in ignored as suppressed.
func Suppress(ds []Diagnostic, ignored map[string]bool) {
	if len(ignored) == 0 {
		return
	}
	for i := range ds {
		if ignored[ds[i].Rule] {
			ds[i].Suppressed = true
		}
	}
}
