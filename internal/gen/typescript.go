package gen

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"github.com/waform/waform/internal/message"
)

type tsSyntax struct{}

func (tsSyntax) object(_ string, _ bool, ms []member) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.jsonName + ": " + m.code
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func (tsSyntax) array(_ string, items []string) string { return "[" + strings.Join(items, ", ") + "]" }
func (tsSyntax) str(s string) string                   { return jsonString(s) }
func (tsSyntax) ref(f *field) string                   { return "p." + f.tsName() }
func (tsSyntax) mediaRef(f *field) string              { return "p." + f.tsName() }

// components leaves the key out when there is none, as encoding/json's
// omitempty does.
func (tsSyntax) components() string { return "components.length > 0 ? components : undefined" }

func (f *field) tsType() string {
	switch f.Kind {
	case message.KindMedia:
		return "Media"
	case message.KindExpiration:
		return "number"
	case message.KindFlowData:
		return "Record<string, unknown>"
	}
	return "string"
}

func (f *field) tsEmpty() string {
	if f.Kind == message.KindMedia {
		return fmt.Sprintf("!p.%s || (!p.%[1]s.id && !p.%[1]s.link)", f.tsName())
	}
	return "!p." + f.tsName()
}

func tsFile(contracts []*contract) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s\n//\n", header)
	b.WriteString(`// Typed send contracts for WhatsApp message templates: one parameters type
// per template name and a function building the "template" object of
// POST /{phone_number_id}/messages.

`)
	for _, t := range wireTypes() {
		fmt.Fprintf(&b, "/** %s %s */\nexport interface %s {\n", t.Name(), typeDocs[t.Name()], t.Name())
		for i := range t.NumField() {
			sf := t.Field(i)
			name, omitempty := jsonTag(sf)
			opt := ""
			if omitempty {
				opt = "?"
			}
			fmt.Fprintf(&b, "  %s%s: %s;\n", name, opt, tsTypeName(sf.Type))
		}
		b.WriteString("}\n\n")
	}
	b.WriteString(`/** newRequest wraps a template object into the body of POST /{phone_number_id}/messages. */
export function newRequest(to: string, template: TemplateMessage): Request {
  return { messaging_product: "whatsapp", to, type: "template", template };
}

/** MissingParametersError is thrown by a builder called with a required field left empty. */
export class MissingParametersError extends Error {
  constructor(readonly template: string, readonly fields: string[]) {
    super(` + "`${template}: missing template parameters: ${fields.join(\", \")}`" + `);
  }
}

`)
	for _, c := range contracts {
		c.tsContract(&b)
	}
	return b.Bytes()
}

func tsTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return tsTypeName(t.Elem())
	case reflect.Slice:
		return tsTypeName(t.Elem()) + "[]"
	case reflect.Map:
		return "Record<string, unknown>"
	case reflect.Struct:
		return t.Name()
	case reflect.String:
		return "string"
	}
	return "number"
}

func (c *contract) tsContract(b *bytes.Buffer) {
	typ := c.typ
	fn := (&field{goName: typ}).tsName()
	quoted := make([]string, len(c.languages))
	for i, l := range c.languages {
		quoted[i] = jsonString(l)
	}
	fmt.Fprintf(b, "/** The languages of %s. */\nexport type %sLanguage = %s;\n\n", c.name, typ, strings.Join(quoted, " | "))
	fmt.Fprintf(b, "/** %sParams holds the parameters of the template %s (%s; %s). */\nexport interface %sParams {\n",
		typ, c.name, c.category, strings.Join(c.languages, ", "), typ)
	for _, f := range c.fields {
		opt := ""
		if f.Optional {
			opt = "?"
		}
		// An example holding "*/" would end the comment early.
		doc := strings.ReplaceAll(f.describe(c), "*/", `*\/`)
		fmt.Fprintf(b, "  /** %s */\n  %s%s: %s;\n", doc, f.tsName(), opt, f.tsType())
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "/** %s builds the \"template\" object of a send request of %s. */\n", fn, c.name)
	fmt.Fprintf(b, "export function %s(p: %sParams, language: %sLanguage): TemplateMessage {\n", fn, typ, typ)
	if required := c.required(); len(required) > 0 {
		b.WriteString("  const empty: string[] = [];\n")
		for _, f := range required {
			fmt.Fprintf(b, "  if (%s) empty.push(%s);\n", f.tsEmpty(), jsonString(f.tsName()))
		}
		fmt.Fprintf(b, "  if (empty.length > 0) throw new MissingParametersError(%s, empty);\n", jsonString(c.name))
	}
	b.WriteString("  const components: Component[] = [];\n  switch (language) {\n")
	used := map[*field]bool{}
	for _, lang := range c.languages {
		fmt.Fprintf(b, "    case %s: {\n", jsonString(lang))
		lits, when := c.componentsOf(tsSyntax{}, lang, used)
		for i, lit := range lits {
			if f := when[i]; f != nil {
				fmt.Fprintf(b, "      if (p.%s) components.push(%s);\n", f.tsName(), lit)
			} else {
				fmt.Fprintf(b, "      components.push(%s);\n", lit)
			}
		}
		fmt.Fprintf(b, "      return %s;\n    }\n", c.literal(tsSyntax{}, reflect.ValueOf(c.built[lang]), used))
	}
	fmt.Fprintf(b, "  }\n  throw new Error(`%s has no language ${String(language)}; it has %s`);\n}\n\n", c.name, strings.Join(c.languages, ", "))
	c.checkUsed(used)
}
