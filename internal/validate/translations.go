package validate

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// aspect is one thing sending code depends on that every language of a
// template name must agree on: what it is, where it is declared, and its
// value in a form a message can quote.
type aspect struct {
	what  string
	ptr   string
	value string
	// after names the aspects that must agree before this one means
	// anything (a media header has no variables to compare; variables
	// are written differently under another parameter_format).
	after []string
}

// contract lists the aspects of a template a send call depends on:
// parameter_format, the variables of header, body and buttons (names for
// NAMED, count for POSITIONAL), the header format, the button types in
// order and whether a limited-time offer expires. Texts may differ between
// languages; these may not.
func contract(t *template.Template) []aspect {
	format := t.ParameterFormat
	if format == "" {
		format = template.ParameterFormatPositional
	}
	out := []aspect{{"parameter_format", "/parameter_format", format, nil}}
	return append(out, componentsContract(t.Components, "/components", "", format == template.ParameterFormatNamed)...)
}

func componentsContract(cs []template.Component, base, label string, named bool) []aspect {
	header := aspect{label + "header format", base, "no header", nil}
	headerVars := aspect{label + "header variables", base, "none", []string{"parameter_format", header.what}}
	body := aspect{label + "body variables", base, "none", []string{"parameter_format"}}
	buttons := aspect{label + "buttons", base, "none", nil}
	// An offer that expires takes its end time at send time.
	offer := aspect{label + "limited-time offer expiration", base, "none", nil}
	var rest []aspect
	for i, c := range cs {
		ptr := base + "/" + strconv.Itoa(i)
		switch c.Type {
		case template.ComponentHeader:
			header.ptr, header.value = ptr+"/format", cmp.Or(c.Format, template.HeaderText)
			headerVars.ptr, headerVars.value = ptr+"/text", describeVars(c.Text, named)
		case template.ComponentBody:
			body.ptr, body.value = ptr+"/text", describeVars(c.Text, named)
		case template.ComponentLimitedTimeOffer:
			offer.ptr = ptr + "/limited_time_offer/has_expiration"
			if lto := c.LimitedTimeOffer; lto != nil && lto.HasExpiration != nil && *lto.HasExpiration {
				offer.value = "an expiration time"
			}
		case template.ComponentButtons:
			types := make([]string, len(c.Buttons))
			for j, b := range c.Buttons {
				types[j] = b.Type
				if b.Type == template.ButtonURL {
					rest = append(rest, aspect{fmt.Sprintf("%sbutton %d URL variables", label, j+1),
						ptr + "/buttons/" + strconv.Itoa(j) + "/url", describeVars(b.URL, named), []string{"parameter_format", buttons.what}})
				}
			}
			buttons.ptr, buttons.value = ptr+"/buttons", strings.Join(types, ", ")
		case template.ComponentCarousel:
			cards := aspect{label + "carousel cards", ptr + "/cards", strconv.Itoa(len(c.Cards)), nil}
			rest = append(rest, cards)
			for j, card := range c.Cards {
				for _, a := range componentsContract(card.Components, ptr+"/cards/"+strconv.Itoa(j)+"/components",
					fmt.Sprintf("card %d ", j+1), named) {
					a.after = append(a.after, cards.what)
					rest = append(rest, a)
				}
			}
		}
	}
	return append([]aspect{header, headerVars, body, offer, buttons}, rest...)
}

// describeVars gives a text's variables as the send call sees them: the
// set of names for NAMED, the count for POSITIONAL.
func describeVars(text string, named bool) string {
	vars, _ := scanVars(text)
	names := distinctNames(vars)
	if len(names) == 0 {
		return "none"
	}
	if named {
		slices.Sort(names)
		return braced(names)
	}
	return fmt.Sprintf("%d variable%s", len(names), plural(len(names)))
}

// checkTranslations compares every language of a name with the first one
// read (firstOf is acrossDocuments') and reports each disagreement at both places: a send call written
// for one language fails in the other (errors 132000, 132012).
func checkTranslations(docs []checkedDoc, firstOf []int) []diag.Diagnostic {
	var ds []diag.Diagnostic
	// The first language's contract is built when a second language
	// appears: most names have one language, and the check runs after
	// every file is read, on one CPU.
	firstContract := map[int]map[string]aspect{}
	for i, d := range docs {
		prev := docs[firstOf[i]]
		if firstOf[i] == i || d.t.Language == prev.t.Language {
			continue // the first, or a duplicate, which duplicate-name already reports
		}
		want, built := firstContract[firstOf[i]]
		if !built {
			want = indexAspects(contract(&prev.t))
			firstContract[firstOf[i]] = want
		}
		differs := map[string]bool{}
		for _, got := range contract(&d.t) {
			other, ok := want[got.what]
			if !ok || other.value == got.value {
				continue
			}
			differs[got.what] = true
			if slices.ContainsFunc(got.after, func(what string) bool { return differs[what] }) {
				continue
			}
			ds = append(ds,
				translationDiag(d, got, prev, other),
				translationDiag(prev, other, d, got))
		}
	}
	return ds
}

func indexAspects(as []aspect) map[string]aspect {
	m := make(map[string]aspect, len(as))
	for _, a := range as {
		m[a.what] = a
	}
	return m
}

func translationDiag(here checkedDoc, a aspect, there checkedDoc, b aspect) diag.Diagnostic {
	one := []diag.Diagnostic{diag.Errorf(here.doc.Pos(a.ptr), "translation-consistency",
		"%s: %s: %s here, %s in %s (%s); every language of a template takes the same parameters, or a send call that works in one fails in the other",
		here.t.Key(), a.what, a.value, b.value, there.t.Language, there.doc.Pos(b.ptr))}
	diag.Suppress(one, here.doc.Ignore)
	return one[0]
}

// Languages reports every template name in docs that lacks one of the
// languages manage.languages requires, at the name of its first document.
// A "# waform:ignore translation-missing" comment in any document of the
// name opts it out.
func Languages(docs []*spec.Document, required []string) []diag.Diagnostic {
	if len(required) == 0 {
		return nil
	}
	type named struct {
		first  *spec.Document
		have   map[string]bool
		ignore bool
	}
	byName := map[string]*named{}
	var order []string
	for _, d := range docs {
		k, ok := d.Key()
		if !ok {
			continue
		}
		n := byName[k.Name]
		if n == nil {
			n = &named{first: d, have: map[string]bool{}}
			byName[k.Name] = n
			order = append(order, k.Name)
		}
		n.have[k.Language] = true
		n.ignore = n.ignore || d.Ignore["translation-missing"]
	}
	var ds []diag.Diagnostic
	for _, name := range order {
		n := byName[name]
		for _, lang := range required {
			if n.have[lang] {
				continue
			}
			d := diag.Errorf(n.first.Pos("/name"), "translation-missing",
				"template %s has no %s translation; manage.languages requires %s: add the %s translation, or put \"# waform:ignore translation-missing\" in the template to opt it out",
				name, lang, strings.Join(required, ", "), lang)
			d.Suppressed = n.ignore
			ds = append(ds, d)
		}
	}
	diag.Sort(ds)
	return ds
}
