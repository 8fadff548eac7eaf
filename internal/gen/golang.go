package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"reflect"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/message"
)

type goSyntax struct{}

func (goSyntax) object(typ string, ptr bool, ms []member) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = m.goName + ": " + m.code
	}
	amp := ""
	if ptr {
		amp = "&"
	}
	return amp + typ + "{" + strings.Join(parts, ", ") + "}"
}

// array leaves out the element type inside the literal, as gofmt -s does.
func (goSyntax) array(elem string, items []string) string {
	short := make([]string, len(items))
	for i, item := range items {
		short[i] = strings.TrimPrefix(strings.TrimPrefix(item, "&"+elem+"{"), elem+"{")
		if short[i] != item {
			short[i] = "{" + short[i]
		}
	}
	return "[]" + elem + "{" + strings.Join(short, ", ") + "}"
}

func (goSyntax) str(s string) string      { return strconv.Quote(s) }
func (goSyntax) ref(f *field) string      { return "p." + f.goName }
func (goSyntax) mediaRef(f *field) string { return "&p." + f.goName }
func (goSyntax) components() string       { return "cs" }
func (f *field) goType() string {
	switch f.Kind {
	case message.KindMedia:
		return "Media"
	case message.KindExpiration:
		return "int64"
	case message.KindFlowData:
		return "map[string]any"
	}
	return "string"
}

func (f *field) goZero() string {
	switch f.Kind {
	case message.KindMedia:
		return "(Media{})"
	case message.KindExpiration:
		return "0"
	}
	return `""`
}

func goFile(pkg string, contracts []*contract) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s\n\n", header)
	fmt.Fprintf(&b, `// Package %s holds typed send contracts for WhatsApp message templates:
// one type per template name, with one field per value the template takes,
// whose Template method builds the "template" object of
// POST /{phone_number_id}/messages. It uses the standard library only.
package %s

import (
	"errors"
	"fmt"
	"strings"
)

`, pkg, pkg)
	for _, t := range wireTypes() {
		goType(&b, t)
	}
	b.WriteString(`// NewRequest wraps a template object into the body of
// POST /{phone_number_id}/messages; to is the recipient's number.
func NewRequest(to string, t TemplateMessage) Request {
	return Request{MessagingProduct: "whatsapp", To: to, Type: "template", Template: t}
}

// ErrMissing is wrapped by the error of a Template call with a required
// field left empty.
var ErrMissing = errors.New("missing template parameters")

func missing(name string, fields []string) error {
	return fmt.Errorf("%s: %w: %s", name, ErrMissing, strings.Join(fields, ", "))
}

func unknownLanguage(name, language, have string) error {
	return fmt.Errorf("%s has no language %q; it has %s", name, language, have)
}
`)
	for _, c := range contracts {
		c.goContract(&b)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		panic(fmt.Sprintf("gen: generated Go does not parse: %v\n%s", err, b.Bytes())) // a bug in gen, not bad input
	}
	return out
}

func goType(b *bytes.Buffer, t reflect.Type) {
	fmt.Fprintf(b, "// %s %s\ntype %s struct {\n", t.Name(), typeDocs[t.Name()], t.Name())
	for i := range t.NumField() {
		sf := t.Field(i)
		fmt.Fprintf(b, "\t%s %s `json:\"%s\"`\n", sf.Name, goTypeName(sf.Type), sf.Tag.Get("json"))
	}
	b.WriteString("}\n\n")
}

func goTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + goTypeName(t.Elem())
	case reflect.Slice:
		return "[]" + goTypeName(t.Elem())
	case reflect.Map:
		return "map[string]any"
	case reflect.Struct:
		return t.Name()
	}
	return t.Kind().String()
}

func (c *contract) goContract(b *bytes.Buffer) {
	typ := c.typ
	langs := strings.Join(c.languages, ", ")
	fmt.Fprintf(b, "// %s holds the parameters of the template %s (%s; %s).\ntype %s struct {\n", typ, c.name, c.category, langs, typ)
	for _, f := range c.fields {
		fmt.Fprintf(b, "\t// %s\n\t%s %s\n", f.describe(c), f.goName, f.goType())
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "// Template builds the \"template\" object of a send request in language\n// (%s). Every field not marked optional must be set.\n", langs)
	fmt.Fprintf(b, "func (p %s) Template(language string) (TemplateMessage, error) {\n", typ)
	if required := c.required(); len(required) > 0 {
		b.WriteString("\tvar empty []string\n")
		for _, f := range required {
			fmt.Fprintf(b, "\tif p.%s == %s {\n\t\tempty = append(empty, %q)\n\t}\n", f.goName, f.goZero(), f.goName)
		}
		fmt.Fprintf(b, "\tif len(empty) > 0 {\n\t\treturn TemplateMessage{}, missing(%q, empty)\n\t}\n", c.name)
	}
	b.WriteString("\tvar cs []Component\n\tswitch language {\n")
	used := map[*field]bool{}
	for _, lang := range c.languages {
		fmt.Fprintf(b, "\tcase %q:\n", lang)
		lits, when := c.componentsOf(goSyntax{}, lang, used)
		for i, lit := range lits {
			if f := when[i]; f != nil {
				fmt.Fprintf(b, "\t\tif p.%s != %s {\n\t\t\tcs = append(cs, %s)\n\t\t}\n", f.goName, f.goZero(), lit)
			} else {
				fmt.Fprintf(b, "\t\tcs = append(cs, %s)\n", lit)
			}
		}
		fmt.Fprintf(b, "\t\treturn %s, nil\n", c.literal(goSyntax{}, reflect.ValueOf(c.built[lang]), used))
	}
	fmt.Fprintf(b, "\t}\n\treturn TemplateMessage{}, unknownLanguage(%q, language, %q)\n}\n\n", c.name, langs)
	c.checkUsed(used)
}

// required lists the fields a builder refuses to leave empty.
func (c *contract) required() []*field {
	var out []*field
	for _, f := range c.fields {
		if !f.Optional {
			out = append(out, f)
		}
	}
	return out
}

// checkUsed guards the marker scheme: a field the built request never
// showed would be a field the generated code silently drops.
func (c *contract) checkUsed(used map[*field]bool) {
	for _, f := range c.fields {
		if !used[f] {
			panic(fmt.Sprintf("gen: %s: parameter %s does not appear in the built request", c.name, f.Key))
		}
	}
}
