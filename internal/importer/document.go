package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/waform/waform/internal/atomicfile"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/internal/validate"
	"github.com/waform/waform/schema"
)

// Document is one remote template as the YAML document import writes.
type Document struct {
	Key template.Key
	// Body is the YAML document, without comments.
	Body []byte
	// Ignore lists the rules the template breaks that Meta approved under
	// older rules, written as a "# waform:ignore" comment above Body.
	Ignore []string
	// Notes say what the file holds other than the remote template does
	// (a legacy category read as today's) or what it could not bring over
	// (parts waform does not support), written as "# waform:" comments.
	Notes []string

	template template.Template      // what Body reads back as
	doc      *spec.Document         // Body parsed, for the rules that span documents
	pre      *atomicfile.Prewritten // text(schemaURL), written ahead as a new file
}

// Template converts a remote template to the template its file declares.
// It is the one place that decides what import writes for what Meta
// returns; everything else only places the result.
func Template(r template.Remote) template.Template {
	t := template.FromRemote(r)
	if t.Components == nil {
		// A listing can hold a template without components (Kapso's SDK
		// tests list one); the file says so rather than null, which no
		// template file may hold, and validate names what it lacks.
		t.Components = []template.Component{}
	}
	return t
}

// Notes says where the file import writes for r departs from what Meta
// holds: a category from before Meta's 2023 change, written as the one
// that replaced it, and parts waform cannot represent, left out (plan then
// blocks edits of the template, which would drop them).
func Notes(r template.Remote) []string {
	var out []string
	if now, ok := template.LegacyCategory(r.Category); ok {
		out = append(out, fmt.Sprintf("Meta lists category %s, from before its 2023 category change; written as %s, "+
			"the category that replaced it", strings.ToUpper(r.Category), now))
	}
	if len(r.Unknown) > 0 {
		out = append(out, "not imported, since waform does not support them yet: "+strings.Join(r.Unknown, ", ")+
			"; plan blocks edits of this template, which would drop them")
	}
	return out
}

// Convert renders r as the document import writes and checks it, once:
// it must fit the template schema, validate but for the rules its ignore
// comment names, and read back as the template the remote holds, so that
// plan is clean at once.
func Convert(r template.Remote) (Document, error) {
	t := Template(r)
	body, err := spec.MarshalTemplate(t, spec.MarshalOptions{})
	if err != nil {
		return Document{}, err
	}
	d := Document{Key: r.Key(), Body: body, Notes: Notes(r), template: t}
	// Templates Meta approved under older rules carry findings, each
	// asking where it is: recording positions now costs less than a
	// second parse for each.
	docs, ds := spec.ParseWithPositions(r.Name+"."+r.Language+".yaml", body)
	ds = append(ds, validate.Check(docs)...)
	for _, x := range ds {
		if x.Rule == schema.Rule || x.Rule == spec.RuleYAMLSyntax {
			// Component rules do not run on a document the schema
			// rejects, so ignoring the schema would hide every other rule.
			return d, fmt.Errorf("it does not fit the template schema: %s", x.Message)
		}
		if !slices.Contains(d.Ignore, x.Rule) {
			d.Ignore = append(d.Ignore, x.Rule)
		}
	}
	slices.Sort(d.Ignore)
	if len(docs) != 1 {
		return d, fmt.Errorf("it is written as %d YAML documents, not one", len(docs))
	}
	d.doc = docs[0]
	// Only the decoded template is needed from here on.
	defer d.doc.Release()
	back, err := docs[0].Decode()
	if err != nil {
		return d, fmt.Errorf("the written document does not read back: %w", err)
	}
	if changes := template.Diff(back, t); len(changes) > 0 {
		return d, fmt.Errorf("the written document would not read back equal: %v", changes)
	}
	return d, nil
}

// text returns the document with the comments above it: the schema comment
// for a new file, then the ignore comment.
func (d Document) text(schemaURL string) []byte {
	header := spec.MarshalOptions{SchemaURL: schemaURL, Ignore: d.Ignore, Notes: d.Notes}.Header()
	return append([]byte(header), d.Body...)
}

// ignoreAcross adds to each document's ignore comment the rules spanning
// documents that it breaks with the others imported beside it: Meta
// accepts languages of one name that differ (in the parameters they take,
// say), so an account holding them imports into files that validate, each
// naming what it breaks, as with the rules of one document.
func ignoreAcross(docs []*converted) {
	var parsed []*spec.Document
	at := map[string]*converted{}
	for _, d := range docs {
		if d.err == nil && d.doc != nil {
			parsed = append(parsed, d.doc)
			at[d.doc.File] = d
		}
	}
	for _, x := range validate.Across(parsed) {
		if d := at[x.File]; d != nil && x.Severity == diag.Error && !slices.Contains(d.Ignore, x.Rule) {
			d.Ignore = append(d.Ignore, x.Rule)
			slices.Sort(d.Ignore)
			d.pre = nil // written ahead without the rule: written again
		}
	}
}
