package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/gen"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/planner"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/template"
)

type genCmd struct {
	Lang    string `required:"" enum:"go,ts,jsonschema" help:"What to generate: go, ts or jsonschema."`
	Out     string `help:"Folder to write into (default: gen/LANG)." placeholder:"DIR"`
	Package string `help:"Go package name (default: watemplates)." placeholder:"NAME"`
	Check   bool   `help:"Write nothing: exit 1 if the generated files are missing or out of date (for CI)."`
}

func (genCmd) Help() string {
	return `Generates typed send contracts from the template files, so application code
sends each template with exactly the parameters it takes: one type per
template name with one field per value (body and header variables, media
header, URL button suffix, copy-code, flow token, ...; the template's
example as documentation), and a builder of the "template" object of the
send request, which is the object 'waform send --dry-run' prints.

  go          templates.go: a package using the standard library only
  ts          templates.ts: interfaces and builder functions
  jsonschema  NAME.schema.json per template: its parameters, as
              'waform send --params-file' reads them

The templates must validate, and every language of a name takes the same
parameters (rule translation-consistency). --check writes nothing and exits 1
when a file is missing, different or no longer generated.

Example:
  waform gen --lang go --out internal/wa --package wa
  waform gen --lang ts --out web/src/whatsapp
  waform gen --lang jsonschema --out schemas
  waform gen --lang go --out internal/wa --package wa --check`
}

func (c *genCmd) Run(g *Globals, s Streams, env Env) error {
	v := s.view(g, env, "")
	settings, err := loadSettings(g, v, env)
	if err != nil {
		return err
	}
	desired, err := planner.Desired(settings.Templates, nil, v.Diagnostics)
	if invalid := (*planner.InvalidError)(nil); errors.As(err, &invalid) {
		return &exitError{code: exitFailure, msg: invalid.Count() + "; nothing was generated"}
	} else if err != nil {
		return err
	}
	templates := make([]template.Template, len(desired))
	for i, d := range desired {
		templates[i] = d.Template
	}
	out, err := gen.Generate(templates, gen.Options{Lang: c.Lang, Package: c.Package})
	if err != nil {
		return err
	}
	if err := v.Diagnostics(skippedWarnings(out.Skipped, desired)); err != nil {
		return err
	}
	files := out.Files
	dir := c.Out
	if dir == "" {
		dir = filepath.Join("gen", c.Lang)
	}
	stale, err := gen.Stale(dir, c.Lang, files)
	if err != nil {
		return err
	}
	if c.Check {
		return checkGenerated(s, c.rerun(dir), dir, files, stale)
	}
	written, removed, err := gen.Write(dir, files, stale)
	for _, path := range written {
		fmt.Fprintln(s.Out, path)
	}
	for _, path := range removed {
		fmt.Fprintf(s.Out, "%s (removed: its template is gone)\n", path)
	}
	return err
}

// skippedWarnings turns the templates gen left out into warnings at the
// place each is declared.
func skippedWarnings(skipped []gen.Skipped, desired []plan.Desired) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, sk := range skipped {
		i := slices.IndexFunc(desired, func(d plan.Desired) bool { return d.Template.Key() == sk.Key })
		ds = append(ds, diag.Warnf(diag.ParsePos(desired[i].Source), gen.RuleNoContract,
			"no contract for %s: %s", sk.Key, sk.Reason))
	}
	return ds
}

// rerun is the command that brings the files in dir up to date.
func (c *genCmd) rerun(dir string) string {
	cmd := fmt.Sprintf("waform gen --lang %s --out %s", c.Lang, dir)
	if c.Package != "" && c.Lang == gen.LangGo {
		cmd += " --package " + c.Package
	}
	return cmd
}

func checkGenerated(s Streams, rerun, dir string, files []gen.File, stale []string) error {
	outdated, err := gen.Outdated(dir, files, stale)
	if err != nil || len(outdated) == 0 {
		return err
	}
	for _, p := range outdated {
		fmt.Fprintln(s.Out, p)
	}
	return &exitError{code: exitFailure, msg: fmt.Sprintf("%d generated %s out of date; run %s",
		len(outdated), render.Plural(len(outdated), "file"), rerun)}
}
