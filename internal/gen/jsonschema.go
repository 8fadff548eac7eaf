package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/waform/waform/internal/message"
)

// schemaFiles writes one JSON Schema per template name describing its
// parameters as `waform send --params-file` reads them (keys as --param
// takes them, every value a string).
func schemaFiles(contracts []*contract) ([]File, error) {
	var out []File
	for _, c := range contracts {
		props := map[string]any{}
		required := []string{}
		for _, f := range c.fields {
			p := map[string]any{"type": "string", "description": f.describe(c)}
			if f.Max > 0 {
				p["maxLength"] = f.Max
			}
			if f.Example != "" {
				p["examples"] = []string{f.Example}
			}
			switch f.Kind {
			case message.KindFlowData:
				p["contentMediaType"] = "application/json"
			case message.KindText, message.KindCode, message.KindCouponCode, message.KindURLSuffix:
				// WhatsApp refuses blank values and line breaks (132018).
				p["pattern"] = `^[^\n\r\t]*\S[^\n\r\t]*$`
			}
			props[f.Key] = p
			if !f.Optional {
				required = append(required, f.Key)
			}
		}
		schema := map[string]any{
			"$schema":              "https://json-schema.org/draft/2020-12/schema",
			"$comment":             header,
			"title":                fmt.Sprintf("Parameters of the WhatsApp template %s", c.name),
			"description":          fmt.Sprintf("%s template in %s. Keys are the parameter keys of waform send --param; the file fits waform send --params-file.", c.category, strings.Join(c.languages, ", ")),
			"type":                 "object",
			"properties":           props,
			"required":             required,
			"additionalProperties": false,
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(schema); err != nil {
			return nil, fmt.Errorf("generate %s: %w", c.name, err)
		}
		out = append(out, File{Path: c.name + ".schema.json", Data: b.Bytes()})
	}
	return out, nil
}
