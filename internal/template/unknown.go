package template

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The component, header-format and button types waform supports: those of
// schema/template.schema.json (a test in package schema keeps them equal).
// A remote template using another one is read as far as possible: the part
// is left out of the canonical form and named by Unknown.
var (
	ComponentTypes = []string{ComponentHeader, ComponentBody, ComponentFooter, ComponentButtons, ComponentCarousel,
		ComponentLimitedTimeOffer, ComponentCallPermissionRequest}
	HeaderFormats = []string{HeaderText, HeaderImage, HeaderVideo, HeaderDocument, HeaderGIF, HeaderLocation, HeaderProduct}
	ButtonTypes   = []string{ButtonQuickReply, ButtonURL, ButtonPhoneNumber, ButtonCopyCode, ButtonOTP, ButtonFlow,
		ButtonVoiceCall, ButtonCatalog, ButtonMPM, ButtonSPM, ButtonOrderDetails}
)

func knownComponent(c Component) bool {
	return slices.Contains(ComponentTypes, upper(c.Type)) &&
		(upper(c.Type) != ComponentHeader || c.Format == "" || slices.Contains(HeaderFormats, upper(c.Format)))
}

func knownButton(b Button) bool { return slices.Contains(ButtonTypes, upper(b.Type)) }

// Unknown lists what a template as the API returned it (raw, one element of
// a listing) holds that waform cannot represent, each as a path and what is
// there: keys the model has no field for ("components[1].buttons[0].foo"),
// and component, header-format and button types the schema does not know
// ("components[2]: type PRODUCT_BANNER"). Such parts are not in the
// template FromRemote returns, so an edit sent from a file would drop them.
// r is raw decoded. It returns nil when everything is understood.
func Unknown(r Remote, raw []byte) []string {
	if !json.Valid(raw) {
		return nil
	}
	// Only components matter: an edit replaces them all, so what the model
	// drops there would be lost. Top-level fields are the ones fields=
	// asks for, and edits leave the others alone.
	var out []string
	if !unknownKeys(raw, &out) {
		out = decodedUnknownKeys(raw)
	}
	unknownTypes(r.Components, "components", &out)
	// The keys of a part whose type is unknown say nothing more.
	var whole []string
	for _, u := range out {
		if at, _, ok := strings.Cut(u, ": "); ok {
			whole = append(whole, at+".")
		}
	}
	out = slices.DeleteFunc(out, func(u string) bool {
		return slices.ContainsFunc(whole, func(w string) bool { return strings.HasPrefix(u, w) })
	})
	slices.Sort(out)
	return out
}

// decodedUnknownKeys is unknownKeys by decoding raw, which must be valid.
func decodedUnknownKeys(raw []byte) []string {
	var v any
	_ = json.Unmarshal(raw, &v)
	var out []string
	if obj, ok := v.(map[string]any); ok {
		walkUnknown(obj["components"], reflect.TypeFor[[]Component](), "components", &out)
	}
	return out
}

// walkUnknown compares the keys of v with the JSON fields of typ, recursing
// into the fields that are objects or lists of objects.
func walkUnknown(v any, typ reflect.Type, path string, out *[]string) {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch val := v.(type) {
	case []any:
		if typ.Kind() != reflect.Slice {
			return
		}
		for i, item := range val {
			walkUnknown(item, typ.Elem(), path+"["+strconv.Itoa(i)+"]", out)
		}
	case map[string]any:
		if typ.Kind() != reflect.Struct {
			return
		}
		fields := jsonFields(typ)
		for key, item := range val {
			at := strings.TrimPrefix(path+"."+key, ".")
			ft, ok := fields[key]
			if !ok {
				*out = append(*out, at)
				continue
			}
			walkUnknown(item, ft, at, out)
		}
	}
}

// jsonFields maps the JSON names of typ's fields (embedded structs
// flattened, as encoding/json does) to their types. The maps are built
// once per type: a listing asks for them at every object of every
// template.
func jsonFields(typ reflect.Type) map[string]reflect.Type {
	if m, ok := fieldsByType.Load(typ); ok {
		return m.(map[string]reflect.Type)
	}
	m, _ := fieldsByType.LoadOrStore(typ, buildJSONFields(typ))
	return m.(map[string]reflect.Type)
}

var fieldsByType sync.Map // reflect.Type → map[string]reflect.Type, read only once stored

func buildJSONFields(typ reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "":
			for k, t := range buildJSONFields(f.Type) {
				out[k] = t
			}
		case f.IsExported():
			if name == "" {
				name = f.Name
			}
			out[name] = f.Type
		}
	}
	return out
}

func unknownTypes(cs []Component, path string, out *[]string) {
	for i, c := range cs {
		// Paths are built only for what is reported: every listed
		// template comes through here.
		at := func() string { return path + "[" + strconv.Itoa(i) + "]" }
		switch {
		case !slices.Contains(ComponentTypes, upper(c.Type)):
			*out = append(*out, at()+": type "+upper(c.Type))
			continue
		case !knownComponent(c):
			*out = append(*out, at()+": format "+upper(c.Format))
			continue
		}
		for j, b := range c.Buttons {
			if !knownButton(b) {
				*out = append(*out, fmt.Sprintf("%s.buttons[%d]: type %s", at(), j, upper(b.Type)))
			}
		}
		for j, card := range c.Cards {
			unknownTypes(card.Components, fmt.Sprintf("%s.cards[%d].components", at(), j), out)
		}
	}
}

// knownOnly returns cs without the components, and the buttons, whose type
// or format waform does not know (Unknown names them).
func knownOnly(cs []Component) []Component {
	if allKnown(cs) {
		return cs // the usual case, which needs no copy
	}
	var out []Component
	for _, c := range cs {
		if !knownComponent(c) {
			continue
		}
		if len(c.Buttons) > 0 {
			c.Buttons = slices.DeleteFunc(slices.Clone(c.Buttons), func(b Button) bool { return !knownButton(b) })
			if len(c.Buttons) == 0 {
				c.Buttons = nil // as Canonical has it
			}
		}
		if len(c.Cards) > 0 {
			cards := make([]Card, len(c.Cards))
			for j, card := range c.Cards {
				cards[j] = Card{Components: knownOnly(card.Components)}
			}
			c.Cards = cards
		}
		out = append(out, c)
	}
	return out
}

// allKnown reports whether knownOnly would keep all of cs: whether
// unknownTypes finds nothing, which builds no path then.
func allKnown(cs []Component) bool {
	var unknown []string
	unknownTypes(cs, "", &unknown)
	return len(unknown) == 0
}
