package template

// Helpers of Diff: naming components by type, and turning absent values into
// nil so a Change shows them as absent.

import (
	"fmt"
	"slices"
	"strings"
)

// keyedComponents are components named by their type, in canonical order.
type keyedComponents struct {
	keys []string
	cs   []Component
}

// keyComponents names each component by its type, with "[n]" for the n-th
// repeat of a type (invalid, but it must not hide a difference).
func keyComponents(cs []Component) keyedComponents {
	k := keyedComponents{keys: make([]string, 0, len(cs)), cs: cs}
	for _, c := range cs {
		key := c.Type
		// A type may itself look like "BODY[1]"; skip keys already taken.
		for n := 1; slices.Contains(k.keys, key); n++ {
			key = fmt.Sprintf("%s[%d]", c.Type, n)
		}
		k.keys = append(k.keys, key)
	}
	return k
}

// sameDistinctTypes reports whether want and got have the same component
// types in the same order, none twice: then keyComponents would name each
// component by its type on both sides, and unionKeys keep that order.
func sameDistinctTypes(want, got []Component) bool {
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i].Type != got[i].Type {
			return false
		}
		for j := range i {
			if want[j].Type == want[i].Type {
				return false
			}
		}
	}
	return true
}

// find returns the component named key. Templates have a handful of
// components, so a scan beats a map.
func (k keyedComponents) find(key string) (*Component, bool) {
	if i := slices.Index(k.keys, key); i >= 0 {
		return &k.cs[i], true
	}
	return nil, false
}

// unionKeys merges two canonical key lists, keeping canonical order.
func unionKeys(a, b keyedComponents) []string {
	if slices.Equal(a.keys, b.keys) {
		return a.keys // the usual case: the same components
	}
	keys := slices.Clone(a.keys)
	for _, k := range b.keys {
		if !slices.Contains(a.keys, k) {
			keys = append(keys, k)
		}
	}
	slices.SortStableFunc(keys, func(x, y string) int {
		if c := compareComponentTypes(keyType(x), keyType(y)); c != 0 {
			return c
		}
		return strings.Compare(x, y)
	})
	return keys
}

func keyType(key string) string {
	if i := strings.IndexByte(key, '['); i >= 0 {
		return key[:i]
	}
	return key
}

func paramMap(ps []NamedParam) map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.ParamName] = p.Example
	}
	return m
}

func present(v string, ok bool) any {
	if !ok {
		return nil
	}
	return v
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func listOrNil[S ~[]E, E any](s S) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func ptrOrNil[T any](p *T) any {
	if p == nil {
		return nil
	}
	return p
}

func boolValue(p *bool) bool { return p != nil && *p }

// samePtr reports whether two optional values are both absent or equal.
func samePtr[T comparable](a, b *T) bool {
	return a == b || (a != nil && b != nil && *a == *b)
}

// sameExample reports whether two examples hold the same text examples
// (what Diff compares of them).
func sameExample(a, b *Example) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.HeaderText, b.HeaderText) && slices.Equal(a.HeaderTextNamedParams, b.HeaderTextNamedParams) &&
		slices.EqualFunc(a.BodyText, b.BodyText, slices.Equal) && slices.Equal(a.BodyTextNamedParams, b.BodyTextNamedParams)
}

// sameOffer reports whether two limited-time offers compare equal.
func sameOffer(a, b *LimitedTimeOffer) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Text == b.Text && boolValue(a.HasExpiration) == boolValue(b.HasExpiration)
}
