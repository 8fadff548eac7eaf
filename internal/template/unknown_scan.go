package template

import (
	"reflect"
	"strconv"
)

// unknownKeys is walkUnknown's reading of a listed template's components,
// straight from the JSON text: decoding every template of a listing into
// maps only to look at its keys was a quarter of a listing's computing.
// It returns ok false, and the caller takes the decoding way, for what it
// does not read the same: a key that is escaped or not ASCII, or that
// appears twice in one object (a decoded map keeps the last one only).
// raw must be valid JSON, which it is once it decoded into a Remote.
func unknownKeys(raw []byte, out *[]string) (ok bool) {
	s := keyScanner{b: raw}
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return true // not an object: no components
	}
	// The last "components" wins, as in a decoded map.
	components := -1
	mark := len(s.keys)
	s.object(func(key []byte) {
		if string(key) == "components" {
			components = s.i
		}
		s.value()
	})
	s.keys = s.keys[:mark]
	if s.fallback || components < 0 {
		return !s.fallback
	}
	s.i = components
	s.walk(reflect.TypeFor[[]Component](), "components", out)
	return !s.fallback
}

type keyScanner struct {
	b        []byte
	i        int
	keys     [][]byte // the keys of the objects being read, to find repeats
	fallback bool
}

func (s *keyScanner) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// str reads a string at s.i and returns its bytes between the quotes;
// escaped reports a backslash in it.
func (s *keyScanner) str() (body []byte, escaped bool) {
	start := s.i + 1
	for s.i = start; s.b[s.i] != '"'; s.i++ {
		if s.b[s.i] == '\\' {
			escaped = true
			s.i++
		}
	}
	s.i++
	return s.b[start : s.i-1], escaped
}

// object reads the object at s.i, calling each with every key, s.i at the
// start of its value, which each must read.
func (s *keyScanner) object(each func(key []byte)) {
	mark := len(s.keys)
	s.i++ // {
	for s.next('}') {
		key, escaped := s.str()
		if escaped || !ascii(key) || s.repeated(key, mark) {
			s.fallback = true
		}
		s.keys = append(s.keys, key)
		s.space()
		s.i++ // :
		s.space()
		each(key)
	}
	s.keys = s.keys[:mark]
}

func (s *keyScanner) repeated(key []byte, mark int) bool {
	for _, k := range s.keys[mark:] {
		if string(k) == string(key) {
			return true
		}
	}
	return false
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// value skips the value at s.i.
func (s *keyScanner) value() {
	switch s.b[s.i] {
	case '{':
		s.object(func([]byte) { s.value() })
	case '[':
		s.array(func(int) { s.value() })
	case '"':
		s.str()
	default: // number, true, false, null
		for s.i < len(s.b) && !isDelim(s.b[s.i]) {
			s.i++
		}
	}
}

func isDelim(c byte) bool {
	return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func (s *keyScanner) array(each func(i int)) {
	s.i++ // [
	for n := 0; s.next(']'); n++ {
		each(n)
	}
}

// next moves s.i to the next element of the object or array ending with
// end, past its comma, and reports whether there is one; at the end it
// moves past end.
func (s *keyScanner) next(end byte) bool {
	s.space()
	if s.b[s.i] == end {
		s.i++
		return false
	}
	if s.b[s.i] == ',' {
		s.i++
		s.space()
	}
	return true
}

// walk is walkUnknown over the value at s.i.
func (s *keyScanner) walk(typ reflect.Type, path string, out *[]string) {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch {
	case s.b[s.i] == '[' && typ.Kind() == reflect.Slice:
		s.array(func(i int) {
			if c := s.b[s.i]; c == '{' || c == '[' {
				s.walk(typ.Elem(), path+"["+strconv.Itoa(i)+"]", out)
				return
			}
			s.value()
		})
	case s.b[s.i] == '{' && typ.Kind() == reflect.Struct:
		fields := jsonFields(typ)
		s.object(func(key []byte) {
			ft, known := fields[string(key)]
			switch c := s.b[s.i]; {
			case !known:
				*out = append(*out, path+"."+string(key))
				s.value()
			case c == '{' || c == '[':
				s.walk(ft, path+"."+string(key), out)
			default:
				s.value()
			}
		})
	default:
		s.value()
	}
}
