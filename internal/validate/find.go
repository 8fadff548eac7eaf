package validate

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// ErrTemplateInvalid is returned by Find for a template found with errors.
var ErrTemplateInvalid = errors.New("template is invalid")

// Find loads dir and returns the template name in language (any language
// when language is empty and the name has only one) with its file, once it
// validates. The diagnostics are the errors that explain a failure: the
// folder's load errors when no template has the name (a file that does not
// parse may be the one), the template's own errors when it is invalid; or
// the warnings of the template found.
func Find(dir, name, language string) (template.Template, string, []diag.Diagnostic, error) {
	docs, loadDiags := spec.Load(dir)
	var matches []*spec.Document
	var languages []string
	for _, d := range docs {
		if key, ok := d.Key(); ok && key.Name == name {
			matches = append(matches, d)
			languages = append(languages, key.Language)
		}
	}
	slices.Sort(languages)
	var doc *spec.Document
	switch i := slices.IndexFunc(matches, func(d *spec.Document) bool { k, _ := d.Key(); return k.Language == language }); {
	case len(matches) == 0:
		return template.Template{}, "", errorsOnly(loadDiags), fmt.Errorf("find template: no template named %q in %s", name, dir)
	case language == "" && len(matches) == 1:
		doc = matches[0]
	case language == "":
		return template.Template{}, "", nil, fmt.Errorf("find template: %s exists in %s; choose one with --language", name, strings.Join(languages, ", "))
	case i < 0:
		return template.Template{}, "", nil, fmt.Errorf("find template: %s has no %s version; it exists in %s", name, language, strings.Join(languages, ", "))
	default:
		doc = matches[i]
	}
	ds := Check([]*spec.Document{doc})
	if diag.HasErrors(ds) {
		return template.Template{}, "", errorsOnly(ds), fmt.Errorf("%w: %s", ErrTemplateInvalid, name)
	}
	t, err := doc.Decode()
	return t, doc.File, slices.DeleteFunc(ds, func(d diag.Diagnostic) bool { return d.Suppressed }), err
}

// errorsOnly keeps the diagnostics that fail the run: finding one template
// should not list warnings about the others.
func errorsOnly(ds []diag.Diagnostic) []diag.Diagnostic {
	return slices.DeleteFunc(ds, func(d diag.Diagnostic) bool { return d.Severity != diag.Error || d.Suppressed })
}
