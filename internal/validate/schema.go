package validate

import "github.com/waform/waform/internal/diag"

// RuleSchema is the rule id of every JSON Schema violation.
const RuleSchema = "schema"

// schemaDiagnostics is replaced by the JSON Schema step once the schema
// package lands.
func schemaDiagnostics(any, locator) []diag.Diagnostic { return nil }
