// Package formatter is waform fmt's policy for one file: what it formats,
// what it leaves alone and why, and how it writes. The canonical form
// itself is spec.Format's.
package formatter

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/validate"
	"github.com/waform/waform/schema"
)

// RuleSkipped reports a file fmt leaves alone on purpose.
const RuleSkipped = "fmt-skipped"

// File formats file, found under root, and returns its content and the
// formatted content, or a nil formatted when the file is to be left as it
// is: already formatted, or for the diagnostics returned. A symbolic link
// is formatted only when it resolves inside root: a link to a file
// elsewhere would otherwise let fmt copy that file's content into the
// repository, or rewrite it in place. pinSchema, when not empty, is the
// template schema URL the file's yaml-language-server comment is pointed
// at (a release pins its own schema).
func File(root, file, pinSchema string) (data, formatted []byte, ds []diag.Diagnostic) {
	if dest, inside := atomicfile.ResolvesInside(root, file); !inside {
		return nil, nil, []diag.Diagnostic{diag.Warnf(diag.Pos{File: file}, RuleSkipped,
			"skipped: a symbolic link to %s, outside %s; fmt formats only files inside the folder", dest, root)}
	}
	data, d := spec.ReadFile(file)
	if d != nil {
		return nil, nil, []diag.Diagnostic{*d}
	}
	formatted, ds = spec.Format(file, data)
	if formatted == nil {
		return data, nil, ds
	}
	if pinSchema != "" {
		formatted = schema.PinModeline(formatted, pinSchema)
	}
	// What validate refuses is not a template file (a link to /etc/passwd
	// parses as YAML): formatting it would give it the look of one.
	docs, _ := spec.Parse(file, data)
	if refused := validate.Check(docs); diag.HasErrors(refused) {
		return data, nil, refused
	}
	if bytes.Equal(formatted, data) {
		return data, nil, nil
	}
	return data, formatted, nil
}

// Write replaces file with formatted. A file with other hard links is
// refused, with a diagnostic, rather than detached from them.
func Write(file string, formatted []byte) ([]diag.Diagnostic, error) {
	err := atomicfile.Write(file, formatted)
	if errors.Is(err, atomicfile.ErrHardLinked) {
		return []diag.Diagnostic{diag.Errorf(diag.Pos{File: file}, RuleSkipped,
			"not written: the file has other hard links, which fmt's replace-by-rename would detach; "+
				"make it a single file (cp it, then mv the copy over it) or format it by hand")}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("format %s: %w", file, err)
	}
	return nil, nil
}
