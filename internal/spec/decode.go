package spec

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/waform/waform/internal/template"
)

// DecodeValue converts a JSON value (a document's Value, or a decoded API
// request body) to a template. It walks the value once, as encoding/json
// would decode its text (json tags, keys matched exactly and then ignoring
// case, unknown keys skipped, custom UnmarshalJSON honoured) without
// writing the value out as text first.
func DecodeValue(value any) (template.Template, error) {
	var t template.Template
	err := decoder{}.into(value, reflect.ValueOf(&t).Elem())
	return t, err
}

// DecodePartial converts what fits of a JSON value that failed the schema:
// a value of the wrong type is left out (zero) instead of failing the
// whole template, so the rules can still check the parts that are right.
func DecodePartial(value any) template.Template {
	var t template.Template
	_ = decoder{partial: true}.into(value, reflect.ValueOf(&t).Elem())
	return t
}

// decoder walks a JSON value into a Go value; partial skips what does not
// fit instead of failing.
type decoder struct{ partial bool }

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func (d decoder) into(v any, dst reflect.Value) error {
	if dst.CanAddr() && isUnmarshaler(dst.Type()) {
		if fastUnmarshal(v, dst.Addr().Interface()) {
			return nil
		}
		// Matrix, Strings, FlexString: small values with their own rules.
		if v == nil {
			return nil
		}
		data, err := json.Marshal(v)
		if err == nil {
			err = dst.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(data)
		}
		if err != nil && d.partial {
			dst.SetZero()
			return nil
		}
		if err != nil {
			return &decodeError{err: err}
		}
		return nil
	}
	if v == nil {
		// As encoding/json: null empties a pointer, slice or map and leaves
		// anything else alone.
		switch dst.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			dst.SetZero()
		}
		return nil
	}
	switch dst.Kind() {
	case reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return d.into(v, dst.Elem())
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return d.mismatch(v, dst)
		}
		fields := fieldsOf(dst.Type())
		for key, val := range m {
			i, ok := fields.index(key)
			if !ok {
				continue
			}
			if err := d.into(val, dst.Field(i)); err != nil {
				return within("."+key, err)
			}
		}
		return nil
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return d.mismatch(v, dst)
		}
		s := reflect.MakeSlice(dst.Type(), len(list), len(list))
		for i, item := range list {
			if err := d.into(item, s.Index(i)); err != nil {
				return within("["+strconv.Itoa(i)+"]", err)
			}
		}
		dst.Set(s)
		return nil
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return d.mismatch(v, dst)
		}
		dst.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return d.mismatch(v, dst)
		}
		dst.SetBool(b)
		return nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := v.(json.Number)
		if !ok {
			return d.mismatch(v, dst)
		}
		i, err := strconv.ParseInt(string(n), 10, dst.Type().Bits())
		if err != nil {
			return d.mismatch(v, dst)
		}
		dst.SetInt(i)
		return nil
	}
	return d.mismatch(v, dst)
}

// unmarshalers caches whether a pointer to a type implements
// json.Unmarshaler: asked of every value decoded, the answer is the same
// for every template.
var unmarshalers sync.Map // reflect.Type → bool

func isUnmarshaler(t reflect.Type) bool {
	if is, ok := unmarshalers.Load(t); ok {
		return is.(bool)
	}
	is := reflect.PointerTo(t).Implements(unmarshalerType)
	unmarshalers.Store(t, is)
	return is
}

// fastUnmarshal sets the model's own JSON types from the forms templates
// write (all strings), as their UnmarshalJSON would from the value's JSON
// text, without writing it out; it reports false for any other form,
// which then takes the JSON text. TestDecodeValueMatchesEncodingJSON
// holds both ways to one result.
func fastUnmarshal(v any, dst any) bool {
	switch p := dst.(type) {
	case *template.FlexString:
		s, ok := v.(string)
		if ok {
			*p = template.FlexString(s)
		}
		return ok
	case *template.Strings:
		if s, ok := v.(string); ok {
			*p = template.Strings{Values: []string{s}, Single: true}
			return true
		}
		list, ok := stringList(v)
		if ok {
			*p = template.Strings{Values: list}
		}
		return ok
	case *template.Matrix:
		rows, ok := v.([]any)
		if !ok {
			return false
		}
		m := make(template.Matrix, len(rows))
		for i, row := range rows {
			if m[i], ok = stringList(row); !ok {
				return false
			}
		}
		*p = m
		return true
	}
	return false
}

// stringList returns v as a list of strings when it is an array of strings.
func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(list))
	for i, item := range list {
		if out[i], ok = item.(string); !ok {
			return nil, false
		}
	}
	return out, true
}

// mismatch reports a value of the wrong type, or in a partial decode
// leaves it out.
func (d decoder) mismatch(v any, dst reflect.Value) error {
	if d.partial {
		dst.SetZero()
		return nil
	}
	kind := "value"
	switch v.(type) {
	case string:
		kind = "string"
	case json.Number, float64:
		kind = "number " + fmt.Sprint(v)
	case bool:
		kind = "bool"
	case []any:
		kind = "array"
	case map[string]any:
		kind = "object"
	}
	return &decodeError{err: fmt.Errorf("cannot unmarshal %s into a value of type %s", kind, dst.Type())}
}

// decodeError names where in the template a value did not fit; the path is
// built as the error travels up, so decoding a good value builds none.
type decodeError struct {
	path string
	err  error
}

func (e *decodeError) Error() string { return "template" + e.path + ": " + e.err.Error() }
func (e *decodeError) Unwrap() error { return e.err }

func within(step string, err error) error {
	if de, ok := err.(*decodeError); ok {
		de.path = step + de.path
	}
	return err
}

// structFields maps a struct's JSON names to field indexes.
type structFields struct {
	exact map[string]int
	names []string // by field index; "" for fields JSON skips
}

func (f *structFields) index(key string) (int, bool) {
	if i, ok := f.exact[key]; ok {
		return i, true
	}
	for i, name := range f.names {
		if name != "" && strings.EqualFold(name, key) {
			return i, true
		}
	}
	return 0, false
}

var fieldCache sync.Map // reflect.Type → *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{exact: map[string]int{}, names: make([]string, t.NumField())}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f.exact[name], f.names[i] = i, name
	}
	fieldCache.Store(t, f)
	return f
}
