// Package schema carries waform's JSON Schemas inside the binary: one for a
// template document and one for waform.yaml. Editors load the same files from
// their $id URLs (# yaml-language-server: $schema=...), so the binary and the
// editor check against one definition.
package schema

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// The schemas' $id URLs. The compiler registers each file under its $id, so
// it never fetches them and error locations name a stable URL.
const (
	TemplateID = "https://raw.githubusercontent.com/waform/waform/main/schema/template.schema.json"
	ConfigID   = "https://raw.githubusercontent.com/waform/waform/main/schema/config.schema.json"
)

// Template is the JSON Schema of one template document.
//
//go:embed template.schema.json
var Template []byte

// Config is the JSON Schema of waform.yaml.
//
//go:embed config.schema.json
var Config []byte

// Validation with a compiled schema is safe for concurrent use, so each
// schema is compiled once and shared.
var (
	compiledTemplate = sync.OnceValues(func() (*jsonschema.Schema, error) { return compile(TemplateID, Template) })
	compiledConfig   = sync.OnceValues(func() (*jsonschema.Schema, error) { return compile(ConfigID, Config) })
)

// TemplateSchema returns the compiled template schema.
func TemplateSchema() (*jsonschema.Schema, error) { return compiledTemplate() }

// ConfigSchema returns the compiled waform.yaml schema.
func ConfigSchema() (*jsonschema.Schema, error) { return compiledConfig() }

func compile(id string, src []byte) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(id, bytes.NewReader(src)); err != nil {
		return nil, fmt.Errorf("add schema %s: %w", id, err)
	}
	s, err := c.Compile(id)
	if err != nil {
		return nil, fmt.Errorf("compile schema %s: %w", id, err)
	}
	return s, nil
}
