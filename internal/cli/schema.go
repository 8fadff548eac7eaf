package cli

import (
	"fmt"

	"github.com/waform/waform/schema"
)

type schemaCmd struct {
	Kind string `arg:"" optional:"" default:"template" enum:"template,config" help:"Which schema: template (one template document) or config (waform.yaml). Default: template."`
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

  # or point at the published copy
  # yaml-language-server: $schema=` + schema.TemplateID + `

  # and waform.yaml with
  # yaml-language-server: $schema=` + schema.ConfigID
}

func (c schemaCmd) Run(s Streams) error {
	src := schema.Template
	if c.Kind == "config" {
		src = schema.Config
	}
	if _, err := s.Out.Write(src); err != nil {
		return fmt.Errorf("write schema: %w", err)
	}
	return nil
}
