// Package spec reads template files: YAML documents parsed as yaml.v3 nodes so
// that every value keeps its file:line:col, converted to JSON values for the
// schema and to template.Template for the component rules. It is the only
// package that imports the YAML library.
package spec

import (
	"fmt"
	"strings"
	"sync"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/template"
)

// Limits bound what the loader will read, so a hostile or accidental input
// (a huge file, deep nesting) costs bounded time and memory.
const (
	MaxFileBytes = 8 << 20 // 8 MiB: thousands of templates fit in far less
	MaxDepth     = 64      // a template nests about 8 levels deep
)

// Rule ids of the problems the loader reports.
const (
	RuleFileRead      = "file-read"
	RuleFileEmpty     = "file-empty"
	RuleNoTemplates   = "no-templates"
	RuleYAMLSyntax    = "yaml-syntax"
	RuleYAMLEncoding  = "yaml-encoding"
	RuleYAMLLimit     = "yaml-limit"
	RuleYAMLAlias     = "yaml-alias"
	RuleYAMLTag       = "yaml-tag"
	RuleYAMLComment   = "yaml-comment-in-text"
	RuleDuplicateKey  = "yaml-duplicate-key"
	RuleDuplicateName = "duplicate-template"
)

// Document is one YAML document: one template.
type Document struct {
	File  string
	Index int      // 0-based position among the file's documents
	Start diag.Pos // where the document's content begins

	// Value is the document as a JSON value (map[string]any, []any, string,
	// json.Number, bool, nil), ready for JSON Schema validation.
	Value any

	// Ignore holds the rule ids silenced by "# waform:ignore RULE" comments.
	Ignore map[string]bool

	decodeOnce sync.Once
	decoded    template.Template
	decodeErr  error
	released   bool
	key        template.Key // kept by Release
	hasKey     bool

	// src is the file the document was read from. Positions are found
	// again from it when first asked for: most documents never have a
	// diagnostic, and keeping every value's position costs more memory
	// than the values themselves.
	src *source
}

// positions maps JSON pointers into one document to where they are.
type positions struct {
	value map[string]diag.Pos // JSON pointer → position of the value
	key   map[string]diag.Pos // JSON pointer → position of the key naming it
}

func (d *Document) positions() positions {
	if d.src == nil {
		return positions{}
	}
	return d.src.positions(d.Index)
}

// Pos returns the position of the value at the JSON pointer ptr ("" is the
// document root, "/components/0/text" a nested value). For a pointer that
// does not exist (a missing property) it returns the nearest existing
// ancestor, which is where the missing value belongs.
func (d *Document) Pos(ptr string) diag.Pos {
	valuePos := d.positions().value
	for {
		if p, ok := valuePos[ptr]; ok {
			return p
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return d.Start
		}
		ptr = ptr[:i]
	}
}

// KeyPos returns the position of the key that names the value at ptr, or the
// value's position when ptr is an array element or the root.
func (d *Document) KeyPos(ptr string) diag.Pos {
	if p, ok := d.positions().key[ptr]; ok {
		return p
	}
	return d.Pos(ptr)
}

// Key returns the template's (name, language) when both are strings.
func (d *Document) Key() (template.Key, bool) {
	if d.released {
		return d.key, d.hasKey
	}
	m, ok := d.Value.(map[string]any)
	if !ok {
		return template.Key{}, false
	}
	name, ok1 := m["name"].(string)
	lang, ok2 := m["language"].(string)
	return template.Key{Name: name, Language: lang}, ok1 && ok2
}

// Decode converts the document to a template, once: later calls return the
// same template (its slices are shared, so treat it as read-only). Call it
// only on documents that passed schema validation; otherwise the error is
// a type mismatch without a position.
func (d *Document) Decode() (template.Template, error) {
	d.decodeOnce.Do(func() {
		d.decoded, d.decodeErr = DecodeValue(d.Value)
		if d.decodeErr != nil {
			d.decodeErr = fmt.Errorf("decode %s: %w", d.Start, d.decodeErr)
		}
	})
	return d.decoded, d.decodeErr
}

// Release drops the document's JSON value once every check that reads it
// is done, keeping its key, its decoded template and the way to its
// positions: at thousands of templates the values are most of the memory.
// Positions ParseWithPositions recorded go too, to be found again if asked
// for.
func (d *Document) Release() {
	if d.released {
		return
	}
	_, _ = d.Decode()
	d.key, d.hasKey = d.Key()
	d.released = true
	d.Value = nil
	if d.src != nil && d.src.recorded {
		d.src.pos, d.src.once, d.src.recorded = nil, sync.Once{}, false
	}
}

// Pointer appends one reference token to a JSON pointer, escaping it as
// RFC 6901 requires.
func Pointer(parent string, token string) string {
	token = strings.ReplaceAll(token, "~", "~0")
	token = strings.ReplaceAll(token, "/", "~1")
	return parent + "/" + token
}
