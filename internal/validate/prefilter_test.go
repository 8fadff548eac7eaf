package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/waform/waform/internal/spec"
)

// TestLiteralFilterNeverHidesAMatch: on every text of the fixtures and
// samples, and on texts made to match, a text the filter turns away
// matches no signal.
func TestLiteralFilterNeverHidesAMatch(t *testing.T) {
	if maySignal.lits == nil || mayTransactional.lits == nil {
		t.Fatal("no literal condition derived from the expressions: the filter lets everything through")
	}
	texts := []string{
		"Get 20% OFF today", "Save $5 on your next order", "ÚLTIMA OPORTUNIDAD", "Don't miss it", "DON’T MISS",
		"Only 3 left!", "Flash Sale ends tonight", "use code SAVE10", "Cupón válido", "promoção", "ſale", "SALE",
		"Your order has shipped", "Reply STOP to opt out", "", "offer", "K-deals", "Liquidação total",
		"Your Savings Account is open", "DON’T MISS YOUR APPOINTMENT", "use savings account code", "Hotel Voucher attached",
	}
	for _, dir := range []string{"testdata", filepath.Join("..", "..", "templates"), filepath.Join("..", "..", "..", "shared", "corpus")} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			if spec.IsTemplateFile(p) {
				docs, _ := spec.Parse(p, data)
				for _, doc := range docs {
					if tpl, err := doc.Decode(); err == nil {
						for _, c := range tpl.Components {
							texts = append(texts, c.Text)
							for _, b := range c.Buttons {
								texts = append(texts, b.Text)
							}
						}
					}
				}
				return nil
			}
			texts = append(texts, strings.Split(string(data), "\"")...)
			return nil
		})
	}
	passed := 0
	for _, text := range texts {
		if !mayTransactional.may(text) && transactional.MatchString(text) {
			t.Errorf("%q is transactional wording but the filter turned it away", text)
		}
		if maySignal.may(text) {
			passed++
			continue
		}
		for _, s := range signals {
			if s.re.MatchString(text) {
				t.Errorf("%q matches %s but the filter turned it away", text, s.name)
			}
		}
	}
	if passed == len(texts) {
		t.Errorf("the filter passed all %d texts", len(texts))
	}
}

// TestFoldASCII: fold's shortcut for ASCII text gives what the general
// mapping gives, for every ASCII rune.
func TestFoldASCII(t *testing.T) {
	for r := range rune(utf8.RuneSelf) {
		if got, want := fold(string(r)), foldRunes(string(r)); got != want {
			t.Errorf("fold(%q) = %q, want %q", r, got, want)
		}
	}
}
