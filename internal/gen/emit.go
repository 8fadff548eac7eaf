package gen

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/message"
)

// syntax is how one output language writes literals.
type syntax interface {
	// object writes a struct value; typ is its message type name.
	object(typ string, ptr bool, fields []member) string
	array(elem string, items []string) string
	str(s string) string
	// ref writes a field of the contract's parameters.
	ref(f *field) string
	// mediaRef writes a media field where a *Media goes.
	mediaRef(f *field) string
	// components names the variable holding the built components.
	components() string
}

// member is one field of an object literal.
type member struct {
	goName, jsonName, code string
}

// jsonTag returns a struct field's JSON name and whether it is omitempty.
func jsonTag(sf reflect.StructField) (string, bool) {
	tag := sf.Tag.Get("json")
	name, opts, _ := strings.Cut(tag, ",")
	return name, strings.Contains(opts, "omitempty")
}

var (
	mediaType    = reflect.TypeFor[message.Media]()
	actionType   = reflect.TypeFor[message.Action]()
	templateType = reflect.TypeFor[message.TemplateMessage]()
)

// literal writes v, a value of one of message's request types, with every
// marker replaced by its field; used collects the fields written.
func (c *contract) literal(sx syntax, v reflect.Value, used map[*field]bool) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.Type().Elem() == mediaType {
			if f := c.byMarker[v.Elem().FieldByName("Link").String()]; f != nil {
				used[f] = true
				return sx.mediaRef(f)
			}
		}
		return c.object(sx, v.Elem(), true, used)
	case reflect.Struct:
		return c.object(sx, v, false, used)
	case reflect.Slice:
		items := make([]string, v.Len())
		for i := range items {
			items[i] = c.literal(sx, v.Index(i), used)
		}
		return sx.array(typeName(v.Type().Elem()), items)
	case reflect.String:
		if f := c.byMarker[v.String()]; f != nil {
			used[f] = true
			return sx.ref(f)
		}
		return sx.str(v.String())
	case reflect.Int, reflect.Int64:
		if f := c.byNumber[v.Int()]; f != nil {
			used[f] = true
			return sx.ref(f)
		}
		return strconv.FormatInt(v.Int(), 10)
	}
	panic("gen: no literal for " + v.Type().String()) // only message's own types reach here
}

func (c *contract) object(sx syntax, v reflect.Value, ptr bool, used map[*field]bool) string {
	t := v.Type()
	var ms []member
	for i := range t.NumField() {
		sf := t.Field(i)
		name, omitempty := jsonTag(sf)
		fv := v.Field(i)
		switch {
		case t == templateType && sf.Name == "Components":
			ms = append(ms, member{sf.Name, name, sx.components()})
		case omitempty && fv.IsZero():
		default:
			ms = append(ms, member{sf.Name, name, c.literal(sx, fv, used)})
		}
		if t == actionType && sf.Name == "FlowToken" {
			if token := c.byMarker[fv.String()]; token != nil {
				if data := c.flowData(token); data != nil {
					used[data] = true
					ms = append(ms, member{"FlowActionData", "flow_action_data", sx.ref(data)})
				}
			}
		}
	}
	return sx.object(t.Name(), ptr, ms)
}

func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		return t.Elem().Name()
	}
	return t.Name()
}

// wireTypes lists the request's types, outermost first, as message
// declares them: the generated code's types are these.
func wireTypes() []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		out = append(out, t)
		for i := range t.NumField() {
			visit(t.Field(i).Type)
		}
	}
	visit(reflect.TypeFor[message.Request]())
	return out
}

// typeDocs document the generated wire types.
var typeDocs = map[string]string{
	"Request":         "is the body of POST /{phone_number_id}/messages for a template message.",
	"TemplateMessage": "names the template and language and carries the values of its variables.",
	"Language":        "selects the template's translation; the policy is always \"deterministic\".",
	"Component":       "is one send-time component: header, body, one per button with a value, limited_time_offer or carousel.",
	"Card":            "is one carousel card's values.",
	"Parameter":       "is one value; Type says which of the other fields is set.",
	"Media":           "is a media header's value: an uploaded media id or a public link, not both.",
	"Location":        "fills a LOCATION header.",
	"Action":          "carries a flow button's token and data, or a catalog button's thumbnail.",
	"OfferExpiry":     "is when a limited-time offer ends, in Unix milliseconds.",
}

// jsonString writes s as a JSON string, which is also a valid JavaScript
// string literal (encoding/json escapes U+2028 and U+2029).
func jsonString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// componentsOf returns the literal of each top-level component of one
// language and, for those sent only when an optional field is set, that
// field.
func (c *contract) componentsOf(sx syntax, lang string, used map[*field]bool) (lits []string, when []*field) {
	for _, comp := range c.built[lang].Components {
		mine := map[*field]bool{}
		lits = append(lits, c.literal(sx, reflect.ValueOf(comp), mine))
		var cond *field
		for f := range mine {
			used[f] = true
			if f.Optional && f.Kind != message.KindFlowData {
				cond = f
			}
		}
		when = append(when, cond)
	}
	return lits, when
}
