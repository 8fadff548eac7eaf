package gen

import (
	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/template"
)

// TestField is a contract field as the tests fill it.
type TestField struct {
	Key, GoName, TSName string
	Kind                message.FieldKind
	Example             string
}

// ContractFields returns each template name's fields, named as the
// generated code names them.
func ContractFields(templates []template.Template) (map[string][]TestField, error) {
	cs, _, err := build(templates)
	if err != nil {
		return nil, err
	}
	out := map[string][]TestField{}
	for _, c := range cs {
		for _, f := range c.fields {
			out[c.name] = append(out[c.name], TestField{f.Key, f.goName, f.tsName(), f.Kind, f.Example})
		}
	}
	return out, nil
}

// TypeName is the generated type of a template name generated alone.
func TypeName(name string) string {
	c := &contract{name: name}
	nameTypes([]*contract{c})
	return c.typ
}

// FuncName is the generated TypeScript builder of a template name
// generated alone.
func FuncName(name string) string { return (&field{goName: TypeName(name)}).tsName() }
