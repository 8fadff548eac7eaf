package cli

import (
	"fmt"

	"github.com/waform/waform/schema"
)

type schemaCmd struct {
	Kind string `arg:"" optional:"" default:"template" enum:"template,config" help:"Which schema: template (one template document) or config (waform.yaml). Default: template."`
	URL  bool   `name:"url" help:"Print the URL of the schema published for this waform version instead of the schema."`
}

func (schemaCmd) Help() string {
	return `Prints a JSON Schema (draft 2020-12) to stdout. Editors that use
yaml-language-server (VS Code's YAML extension, Neovim, Helix, ...) use it to
complete keys and enum values, show each field's documentation on hover, and
flag unknown keys while you type. It checks the shape of a file only;
waform validate also checks lengths, variables and category rules.

Example:
  # Save the schemas next to waform.yaml
  waform schema > template.schema.json
  waform schema config > waform.schema.json

  # Then start each file in templates/ with
  # yaml-language-server: $schema=../template.schema.json

  # or point at the copy published for this version (a release names its
  # tag; import and fmt write this modeline)
  waform schema --url
  waform schema config --url

Files that import writes start with the --url modeline; fmt run by a
release binary points an existing modeline naming waform's published
template schema at that release's copy.`
}

func (c schemaCmd) Run(s Streams) error {
	kind, src := schema.TemplateKind, schema.Template
	if c.Kind == "config" {
		kind, src = schema.ConfigKind, schema.Config
	}
	if c.URL {
		_, err := fmt.Fprintln(s.Out, schema.URL(kind, Version()))
		return err
	}
	if _, err := s.Out.Write(src); err != nil {
		return fmt.Errorf("write schema: %w", err)
	}
	return nil
}

// templateSchemaURL is the template schema of this waform's version, named
// in the modeline of the files import writes and fmt formats.
func templateSchemaURL() string { return schema.URL(schema.TemplateKind, Version()) }
