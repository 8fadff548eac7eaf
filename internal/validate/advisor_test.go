package validate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// promotional runs the advisor on t as if it were UTILITY and returns its
// messages.
func promotional(t template.Template) []string {
	t.Category = "UTILITY"
	t = normalized(t)
	c := &checker{t: &t, loc: nowhere{}}
	checkPromotional(c)
	var out []string
	for _, d := range c.ds {
		out = append(out, d.Message)
	}
	return out
}

func TestPromotionalSignalsNamed(t *testing.T) {
	tpl := template.Template{Name: "x", Language: "en_US", Category: "UTILITY", Components: []template.Component{
		{Type: "BODY", Text: "Hurry, today only: 20% off everything with coupon SPRING in our spring sale."},
		{Type: "BUTTONS", Buttons: []template.Button{{Type: "QUICK_REPLY", Text: "Shop now"}}},
	}}
	got := promotional(tpl)
	if len(got) != 2 {
		t.Fatalf("want one warning per text (body, button), got %q", got)
	}
	for _, want := range []string{`percentage off ("20% off")`, `coupon ("coupon")`, `sale ("sale")`, `urgency ("Hurry", "today only")`} {
		if !strings.Contains(got[0], want) {
			t.Errorf("body warning lacks %s: %s", want, got[0])
		}
	}
	if !strings.Contains(got[1], `cross-selling ("Shop now")`) {
		t.Errorf("button warning: %s", got[1])
	}
	for _, quiet := range []string{
		"Your order ORD-1 has shipped and will arrive on Monday.",
		"Your service plan includes a free check-up; pick a time in a few taps.",
		"Your payment of $20 was received. Thank you.",
		"Your wholesale account statement is ready.", // "sale" inside a word
		"Your code expires in 10 minutes.",
	} {
		tpl.Components = []template.Component{{Type: "BODY", Text: quiet}}
		if got := promotional(tpl); len(got) > 0 {
			t.Errorf("%q flagged: %q", quiet, got)
		}
	}
}

// TestPromotionalQuietOnTransactionalWording: words that are promotional in
// a marketing text (savings, clearance, offer, voucher, sale, "don't miss")
// are ordinary in banking, shipping, hiring, travel and marketplace
// notifications, and "sale" is a Spanish verb (it leaves).
func TestPromotionalQuietOnTransactionalWording(t *testing.T) {
	for _, quiet := range []struct{ lang, text string }{
		{"en_US", "Your savings account ending 1234 was credited with USD 250.00 on 12 March."},
		{"en_US", "Your package is held for customs clearance and will be delivered once released."},
		{"en_US", "Don't miss your appointment tomorrow at 9:30 with Dr. Rivera at the Main Street clinic."},
		{"en_US", "Your offer letter for the Support Engineer role is ready to sign in the candidate portal."},
		{"en_US", "The seller accepted your offer for the blue sofa. Complete the payment within two days."},
		{"en_US", "Your trial ends today. Your card ending 4242 will be charged USD 9.99 tomorrow."},
		{"en_US", "Your parcel was moved to a new collection point at 12 High Street. Bring your ID to pick it up."},
		{"en_US", "Your discount code was applied: the total of order 8812 is now USD 45.00."},
		{"en_US", "For return instructions, check out our help center or reply to this message."},
		{"en_US", "Your hotel voucher for booking 77812 is attached. Show it at check-in on 3 May."},
		{"en_US", "Congratulations, your sale of the iPhone 13 is complete. The payout arrives in 3 business days."},
		{"es_MX", "Tu pedido {{1}} sale hoy de nuestro almacén y llega el viernes."},
		{"es_ES", "Tu oferta de empleo está lista para firmar en el portal."},
	} {
		tpl := template.Template{Name: "x", Language: quiet.lang, Components: []template.Component{{Type: "BODY", Text: quiet.text}}}
		if got := promotional(tpl); len(got) > 0 {
			t.Errorf("%q flagged: %q", quiet.text, got)
		}
	}
	// The same words still count where they promote.
	for _, loud := range []string{
		"Big savings this weekend: don't miss your chance to save on every sofa.",
		"Our clearance sale ends tonight.",
		"Check out our new collection.",
		"Your exclusive offer: a voucher worth 20% off.",
	} {
		tpl := template.Template{Name: "x", Language: "en_US", Components: []template.Component{{Type: "BODY", Text: loud}}}
		if got := promotional(tpl); len(got) == 0 {
			t.Errorf("%q not flagged", loud)
		}
	}
}

// advisorCounts counts templates flagged per category.
type advisorCounts struct{ utility, utilityFlagged, marketing, marketingFlagged int }

func (a *advisorCounts) add(t *testing.T, where string, tpl template.Template) {
	flags := promotional(tpl)
	switch strings.ToUpper(tpl.Category) {
	case "UTILITY":
		a.utility++
		if len(flags) > 0 {
			a.utilityFlagged++
			t.Logf("UTILITY flagged: %s %s: %s", where, tpl.Key(), strings.Join(flags, " | "))
		}
	case "MARKETING":
		a.marketing++
		if len(flags) > 0 {
			a.marketingFlagged++
		} else {
			t.Logf("MARKETING not flagged: %s %s", where, tpl.Key())
		}
	}
}

// TestPromotionalFalsePositives measures the advisor on the repository's
// samples and on every template of ../shared/corpus (create bodies and the
// real listings): UTILITY templates flagged are false positives (the
// corpus's UTILITY templates were approved as UTILITY); MARKETING templates
// flagged show what the advisor catches. The figures are in the README.
func TestPromotionalFalsePositives(t *testing.T) {
	var samples advisorCounts
	docs, ds := spec.Load(filepath.Join("..", "..", "templates"))
	if diag.HasErrors(ds) {
		t.Fatal(ds)
	}
	for _, d := range docs {
		tpl, err := d.Decode()
		if err != nil {
			t.Fatal(err)
		}
		samples.add(t, d.File, tpl)
	}
	t.Logf("samples: %d of %d UTILITY flagged; %d of %d MARKETING would be", samples.utilityFlagged, samples.utility, samples.marketingFlagged, samples.marketing)
	if samples.utilityFlagged > 0 {
		t.Errorf("%d UTILITY samples flagged", samples.utilityFlagged)
	}

	dir := filepath.Join("..", "..", "..", "shared", "corpus", "valid")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	var corpus advisorCounts
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tpl := range corpusTemplates(data) {
			corpus.add(t, filepath.Base(f), tpl)
		}
	}
	t.Logf("corpus: %d of %d UTILITY flagged; %d of %d MARKETING would be", corpus.utilityFlagged, corpus.utility, corpus.marketingFlagged, corpus.marketing)
	if corpus.utility == 0 || corpus.utilityFlagged*10 > corpus.utility {
		t.Errorf("false positives above 10%%: %d of %d UTILITY templates", corpus.utilityFlagged, corpus.utility)
	}
}

// corpusTemplates reads a corpus file as one template, a list response
// ({"data": [...]}) or a single GET response; anything else yields none.
func corpusTemplates(data []byte) []template.Template {
	var list struct {
		Data []template.Template `json:"data"`
	}
	if json.Unmarshal(data, &list) == nil && len(list.Data) > 0 {
		return list.Data
	}
	var one template.Template
	if json.Unmarshal(data, &one) == nil && one.Category != "" && len(one.Components) > 0 {
		return []template.Template{one}
	}
	return nil
}
