// Package message builds send-time template messages: it fills a template's
// variables from parameters (or from the template's own examples), checks
// every value before anything is sent, and produces both the request body of
// POST /{phone_number_id}/messages and the data of a local preview.
package message

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Params are parameter values by key. Keys name what they fill:
//
//	customer_name, 1          a body variable (named or positional)
//	header.1, header.name     a text header variable
//	header                    a media header: URL, media id or local file
//	location.latitude …       a location header (latitude, longitude, name, address)
//	button.N                  the variable of button N (URL suffix, coupon code,
//	                          quick-reply payload, catalog thumbnail)
//	button.N.flow_token       a flow button's token (and .flow_action_data, JSON)
//	code                      the one-time code of an authentication template
//	offer.expiration          a limited-time offer's end (RFC 3339, unix ms, or a duration)
//	card.C.…                  the same keys inside carousel card C
type Params map[string]string

// ParseFlags reads "key=value" pairs as given to --param. A key given twice
// is an error: the second value would silently win otherwise.
func ParseFlags(flags []string) (Params, error) {
	p := Params{}
	for _, f := range flags {
		key, value, ok := strings.Cut(f, "=")
		key = normalizeKey(key)
		if !ok || key == "" {
			return nil, fmt.Errorf("parse parameter %q: want key=value, e.g. customer_name=Pablo or 1=Pablo", f)
		}
		if _, dup := p[key]; dup {
			return nil, fmt.Errorf("parse parameter %q: %s is given more than once", f, key)
		}
		p[key] = value
	}
	return p, nil
}

// FromValue reads a parameters file already decoded to a JSON value (the
// caller parses YAML or JSON). The top level must be an object; nested
// objects and arrays are flattened with dots, so
// {location: {latitude: 38.7}} and {"location.latitude": 38.7} are the same.
func FromValue(v any) (Params, error) {
	top, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("read parameters: the file must hold a mapping of parameter names to values")
	}
	p := Params{}
	if err := p.flatten("", top); err != nil {
		return nil, fmt.Errorf("read parameters: %w", err)
	}
	return p, nil
}

func (p Params) flatten(prefix string, v any) error {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if err := p.flatten(joinKey(prefix, normalizeKey(k)), v[k]); err != nil {
				return err
			}
		}
		return nil
	case []any:
		for i, item := range v {
			if err := p.flatten(joinKey(prefix, strconv.Itoa(i)), item); err != nil {
				return err
			}
		}
		return nil
	}
	if prefix == "" {
		return errors.New("a parameter has an empty name")
	}
	if _, dup := p[prefix]; dup {
		return fmt.Errorf("%s is given more than once", prefix)
	}
	switch v := v.(type) {
	case string:
		p[prefix] = v
	case json.Number:
		p[prefix] = v.String()
	case float64:
		p[prefix] = strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		p[prefix] = strconv.FormatBool(v)
	case nil:
		return fmt.Errorf("%s has no value", prefix)
	default:
		return fmt.Errorf("%s has an unsupported value of type %T", prefix, v)
	}
	return nil
}

func joinKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// normalizeKey accepts a variable written as it appears in the template
// ("{{1}}", "{{ name }}") as well as the bare key.
func normalizeKey(k string) string {
	k = strings.TrimSpace(k)
	if strings.HasPrefix(k, "{{") && strings.HasSuffix(k, "}}") {
		k = strings.TrimSpace(k[2 : len(k)-2])
	}
	return k
}

// Merge returns base overridden by over: flags win over a parameters file.
func Merge(base, over Params) Params {
	out := make(Params, len(base)+len(over))
	maps.Copy(out, base)
	maps.Copy(out, over)
	return out
}
