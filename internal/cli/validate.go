package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/validate"
)

type validateCmd struct {
	Paths     []string `arg:"" optional:"" name:"path" help:"Template files or folders, read recursively (default: the templates folder of waform.yaml, else ./templates)."`
	Format    string   `help:"Output format: text, json, github, markdown or sarif (default: github when GITHUB_ACTIONS=true, else text)." placeholder:"FORMAT"`
	ListRules bool     `name:"list-rules" help:"Print every rule id with its severity, Meta error subcode, summary and evidence (why it is an error or only a warning), then exit."`
}

func (validateCmd) Help() string {
	return `Checks template files offline, with no account and no network: first the
JSON Schema (unknown keys, wrong types, enum values), then Meta's component
rules (lengths, variables and their examples, button counts, category
restrictions, one category per name across languages). Every problem in
every file is reported in one run, sorted by file and line:

  templates/order.yaml:7:11: error[body-text-length]: body text is 1,031 characters; Meta allows 1,024: shorten it by 7

The id in brackets names the rule; --list-rules prints them all. Errors fail
the run (exit 1); warnings flag rules whose source is unsure and do not.

To accept a finding on purpose, put a comment in the template's YAML
document naming the rule (several ids may be separated by commas):

  # waform:ignore body-variable-edge

A suppressed finding is still listed, marked "suppressed", but never fails
the run.

Formats: text (default), json (an array of {file, line, column, severity,
rule, message, suppressed}), github (GitHub Actions annotations; the default
when GITHUB_ACTIONS=true), markdown (a list for a pull-request comment),
sarif (SARIF 2.1.0 for GitHub code scanning: every rule with its summary
and default level, each finding at its file, line and column; suppressed
findings carry an in-source suppression). A summary line goes to stderr.

Example:
  waform validate
  waform validate templates/marketing templates/order.yaml
  waform validate --format json > diagnostics.json
  waform validate --format sarif > waform.sarif
  waform validate --list-rules`
}

// validateFormats are the formats validate's diagnostics can take.
var validateFormats = append(slices.Clone(render.DiagnosticFormats), render.FormatSARIF)

func (c *validateCmd) Run(g *Globals, s Streams, env Env) error {
	if c.ListRules {
		return s.view(g, env, "").Rules(ruleTable())
	}
	format := c.Format
	if format == "" {
		format = render.FormatText
		if env("GITHUB_ACTIONS") == "true" {
			format = render.FormatGitHub
		}
	}
	if !slices.Contains(validateFormats, format) {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("unknown --format %q; use one of %s",
			format, strings.Join(validateFormats, ", "))}
	}
	v := s.view(g, env, format)
	paths, languages := c.Paths, []string(nil)
	if len(paths) == 0 {
		// Only the whole folder can say a translation is missing: a
		// pre-commit hook validating the changed files would not.
		settings, err := loadSettings(g, v, env)
		if err != nil {
			return err
		}
		paths, languages = []string{settings.Templates}, settings.Languages
	}
	// Set only now: waform.yaml's diagnostics are not the result, or a
	// valid config would print a document of its own before it.
	v.DiagnosticsAreResult = true
	docs, ds := validate.Files(paths...)
	if len(languages) > 0 {
		ds = append(ds, validate.Languages(docs, languages)...)
		diag.Sort(ds)
	}
	if format == render.FormatSARIF {
		v.SARIF, v.SARIFRoot = sarifTool()
	}
	if err := v.Diagnostics(ds); err != nil {
		return err
	}
	files := map[string]bool{}
	for _, d := range docs {
		files[d.File] = true
	}
	for _, d := range ds {
		files[d.File] = true
	}
	fmt.Fprintln(s.Err, render.DiagnosticSummary(ds, len(docs), len(files)))
	if diag.HasErrors(ds) {
		return &exitError{code: exitFailure}
	}
	return nil
}

// ruleTable is validate's rule table, each rule with its evidence, as
// render shows it.
func ruleTable() []render.Rule {
	var rules []render.Rule
	for _, r := range validate.Rules() {
		rules = append(rules, render.Rule{ID: r.ID, Severity: r.Severity, Summary: r.Summary, Subcode: r.Subcode, Why: validate.Why(r.ID)})
	}
	return rules
}

// sarifTool describes waform and every rule of validate's table for SARIF,
// with the working directory SARIF locations are relative to.
func sarifTool() (render.SARIFTool, string) {
	tool := render.SARIFTool{Name: "waform", Version: Version(), InformationURI: "https://github.com/waform/waform"}
	for _, r := range validate.Rules() {
		tool.Rules = append(tool.Rules, render.SARIFRule{ID: r.ID, Severity: r.Severity, Summary: r.Summary, Subcode: r.Subcode})
	}
	wd, err := os.Getwd()
	if err != nil {
		wd = "" // locations stay relative, without a recorded root
	}
	return tool, wd
}
