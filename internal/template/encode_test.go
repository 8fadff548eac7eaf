package template

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// fill sets every field reachable from v, recursively, to a value that
// differs from the zero value and from every other field's (strings that
// need escaping, slices of two, pointers set), so that a field the
// hand-written encoder forgets shows up. n numbers the values. Cards hold
// components, which may hold cards: one level of cards is filled.
func fill(v reflect.Value, n *int) {
	fillIn(v, n, false)
}

func fillIn(v reflect.Value, n *int, inCard bool) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("v%d <&> \"q\" \\ \n\t\x01 é \u2028 \xff", *n))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillIn(v.Elem(), n, inCard)
	case reflect.Slice:
		card := v.Type().Elem() == reflect.TypeFor[Card]()
		if card && inCard {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fillIn(v.Index(i), n, inCard || card)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fillIn(v.Field(i), n, inCard)
		}
	default:
		panic(fmt.Sprintf("fill: add %s (%s) to the test and to encode.go", v.Type(), v.Kind()))
	}
}

func filled() Template {
	var t Template
	n := 0
	fill(reflect.ValueOf(&t).Elem(), &n)
	return t
}

func checkMatchesMarshal(t *testing.T, name string, tpl Template) {
	t.Helper()
	want, err := json.Marshal(tpl)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if got := appendTemplate(nil, &tpl, false); string(got) != string(want) {
		t.Errorf("%s: appendTemplate differs from json.Marshal (a field of the model missing from encode.go?)\n got %s\nwant %s", name, got, want)
	}
}

// Every field of the model, set, is written as json.Marshal writes it: a
// field added to the model and not to encode.go fails here.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	full := filled()
	checkMatchesMarshal(t, "every field set", full)
	checkMatchesMarshal(t, "zero", Template{})
	checkMatchesMarshal(t, "canonical", Canonical(full))
	checkMatchesMarshal(t, "from remote", FromRemote(Remote{Template: full}))

	// The forms omitempty, nil slices and Strings take.
	edge := full
	edge.Components = []Component{{Type: "BODY", Example: &Example{BodyText: Matrix{nil, {}}}, Cards: []Card{{}},
		Buttons: []Button{
			{Type: "COPY_CODE", Example: Strings{Values: []string{"one"}, Single: true}},
			{Type: "URL", Example: Strings{Single: true}},
			{Type: "URL", Example: Strings{Values: []string{"a", "b"}, Single: true}},
			{Type: "URL", Example: Strings{Values: []string{}}},
		}},
		{Type: "HEADER", Example: &Example{}},
	}
	checkMatchesMarshal(t, "edge forms", edge)
	edge.Components = []Component{}
	checkMatchesMarshal(t, "empty components", edge)
}

// Changing any single field of a template changes its digest. The one
// exception is Strings.Single of an example with several values, which
// JSON cannot show (it is written as a list whatever Single says).
func TestDigestCoversEveryField(t *testing.T) {
	base := filled()
	want := Digest(&base)
	wantJSON, _ := json.Marshal(base)
	var walk func(path string, v reflect.Value)
	changed := 0
	check := func(path string) {
		changed++
		if Digest(&base) != want {
			return
		}
		if b, _ := json.Marshal(base); string(b) != string(wantJSON) || !strings.HasSuffix(path, ".Example.Single") {
			t.Errorf("changing %s leaves the digest as it was", path)
		}
	}
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			old := v.String()
			v.SetString(old + "x")
			check(path)
			v.SetString(old)
		case reflect.Int, reflect.Int64:
			old := v.Int()
			v.SetInt(old + 1000)
			check(path)
			v.SetInt(old)
		case reflect.Bool:
			v.SetBool(false)
			check(path)
			v.SetBool(true)
		case reflect.Pointer:
			old := v.Elem()
			v.Set(reflect.Zero(v.Type()))
			check(path + " (unset)")
			v.Set(old.Addr())
			walk(path, v.Elem())
		case reflect.Slice:
			if v.Len() == 0 {
				return
			}
			old := v.Slice(0, v.Len())
			v.Set(v.Slice(0, v.Len()-1))
			check(path + " (shorter)")
			v.Set(old)
			for i := range v.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		}
	}
	walk("Template", reflect.ValueOf(&base).Elem())
	if Digest(&base) != want {
		t.Fatal("the walk did not restore the template")
	}
	if changed < 100 {
		t.Errorf("only %d fields changed", changed)
	}
}

// Digest is Fingerprint of one template, for a canonical one.
func TestDigestIsFingerprint(t *testing.T) {
	for name, tpl := range map[string]Template{
		"every field": filled(),
		"media": {Name: "m", Language: "en", Components: []Component{
			{Type: "HEADER", Format: "IMAGE", Example: &Example{HeaderHandle: []string{"https://cdn.example/x.jpg?oe=1"}}},
			{Type: "HEADER", Format: "IMAGE", Example: &Example{HeaderHandle: []string{"https://cdn.example/y", "4::a"}, HeaderText: []string{"t"}}},
			{Type: "HEADER", Format: "IMAGE", Example: &Example{HeaderHandle: []string{"http://cdn.example/z"}, BodyText: Matrix{{"b"}}}},
		}},
	} {
		c := Canonical(tpl)
		if got, want := Digest(&c), Fingerprint([]Template{tpl}); got != want {
			t.Errorf("%s: Digest %s, Fingerprint %s", name, got, want)
		}
	}
}

func TestAppendStringMatchesMarshal(t *testing.T) {
	var all []byte
	for b := range 256 {
		all = append(all, byte(b))
	}
	cases := []string{"", "plain", string(all), "\u2028\u2029\ufffd", "a\xe2\x80", "\xed\xa0\x80", "😀<tag>&amp;"}
	for r := rune(0); r < 0x3000; r++ {
		cases = append(cases, string(r))
	}
	cases = append(cases, string(rune(utf8.MaxRune)))
	for _, s := range cases {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a<b>&c", "\u2028\x00\xff", "é\n\t\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
