package config

import (
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/schema"
)

func validateAgainstSchema(doc *spec.Document) []diag.Diagnostic {
	return schema.Check(schema.ConfigKind, doc.Value, doc)
}
