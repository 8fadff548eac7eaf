package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/template"
)

func TestViewImport(t *testing.T) {
	var out, errs strings.Builder
	v := View{Out: &out, Err: &errs}
	order := template.Key{Name: "order", Language: "en_US"}
	promo := template.Key{Name: "promo", Language: "en_US"}
	r := ImportResult{
		Written: []ImportWritten{
			{Key: order, File: "templates/order.en_US.yaml", Ignore: []string{"example-missing"}, Notes: []string{"category OTP is written as AUTHENTICATION"}},
			{Key: promo, File: "templates/all.yaml", Replaced: true, MediaHeader: "IMAGE"},
		},
		Skipped:    []ImportSkipped{{Key: template.Key{Name: "hello", Language: "en_US"}, At: diag.Pos{File: "templates/hello.yaml", Line: 1, Column: 1}}},
		Same:       1,
		Failed:     []ImportFailed{{Key: order, Err: errors.New("no body")}},
		Unreadable: []template.Remote{{Template: template.Template{Name: "odd", Language: "en_US"}, ID: "42", Unreadable: "components is not a list"}},
	}
	if err := v.ImportProblems(r); err != nil {
		t.Fatal(err)
	}
	if err := v.Import(r); err != nil {
		t.Fatal(err)
	}
	wantErr := "cannot import order (en_US): no body\n" +
		"not imported: odd (en_US) [id 42] cannot be read (components is not a list); waform leaves it untouched\n"
	if errs.String() != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errs.String(), wantErr)
	}
	wantOut := "wrote templates/order.en_US.yaml (waform:ignore example-missing)\n" +
		"    note: category OTP is written as AUTHENTICATION\n" +
		"replaced promo (en_US) in templates/all.yaml\n" +
		"skipped hello (en_US): already declared at templates/hello.yaml:1:1\n" +
		"Imported 2 templates (1 replaced where declared); 1 carry waform:ignore comments for rules Meta's older templates break; " +
		"1 already as the remote holds it, left as written; 1 skipped, already declared (pass --overwrite to replace it); " +
		"1 unreadable, not imported (named on stderr).\n" +
		"note: promo (en_US): the IMAGE header sample is written as Meta answers it, a CDN URL that expires; " +
		"to re-create the template, save the file in the repository and put its path (./FILE, from the folder of templates/all.yaml) in header_handle\n"
	if out.String() != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), wantOut)
	}
}
