package template

// Helpers of Diff: naming components by type, and turning absent values into
// nil so a Change shows them as absent.

import (
	"fmt"
	"slices"
	"strings"
)

type keyedComponents struct {
	keys  []string
	byKey map[string]Component
}

// keyComponents names each component by its type, with "[n]" for the n-th
// repeat of a type (invalid, but it must not hide a difference).
func keyComponents(cs []Component) keyedComponents {
	k := keyedComponents{byKey: make(map[string]Component, len(cs))}
	for _, c := range cs {
		key := c.Type
		// A type may itself look like "BODY[1]"; skip keys already taken.
		for n := 1; ; n++ {
			if _, taken := k.byKey[key]; !taken {
				break
			}
			key = fmt.Sprintf("%s[%d]", c.Type, n)
		}
		k.keys = append(k.keys, key)
		k.byKey[key] = c
	}
	return k
}

// unionKeys merges two canonical key lists, keeping canonical order.
func unionKeys(a, b keyedComponents) []string {
	keys := slices.Clone(a.keys)
	for _, k := range b.keys {
		if _, ok := a.byKey[k]; !ok {
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
