package validate

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/template"
)

// signal is one kind of promotional wording. Since 2025-04-09 Meta approves
// a UTILITY template it judges promotional as MARKETING, billed at the
// marketing rate (M-CAT); Meta's utility-template guidelines (M utility
// templates) allow only content triggered by a user's action or request
// (order, account, appointment, payment updates) with no promotion, and its
// marketing examples are offers, discounts, coupons, sales, urgency,
// product launches and recommendations of other products. The word lists below are those
// examples' vocabulary (English, Spanish, Portuguese).
type signal struct {
	name string
	re   *regexp.Regexp
}

func words(alternatives ...string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}])(` + strings.Join(alternatives, "|") + `)(?:$|[^\p{L}\p{N}])`)
}

var signals = []signal{
	{"offer", words(`special offers?`, `exclusive offers?`, `offers?`, `deals?`, `promos?`, `promotions?`, `promotional`,
		`ofertas?`, `promoci[oó]n`, `promo[cç][aã]o`)},
	{"discount", words(`discounts?`, `discounted`, `save up to`, `save \$?\d+`, `savings`, `half[- ]price`, `price drop`,
		`reduced prices?`, `bargains?`, `descuentos?`, `descontos?`)},
	{"percentage off", regexp.MustCompile(`(?i)(\d+\s?%\s?(?:off|de descuento|de desconto)|[$€£]\s?\d+\s?off)`)},
	{"coupon", words(`coupons?`, `promo codes?`, `discount codes?`, `vouchers?`, `use code`, `cup[oó]n`, `cupom`)},
	{"sale", words(`sale`, `sales event`, `flash sale`, `clearance`, `black friday`, `cyber monday`, `rebajas`, `liquida[cç][aã]o`)},
	{"urgency", words(`limited[- ]time`, `hurry`, `today only`, `ends (?:today|tonight|soon|at midnight)`, `last chance`,
		`don'?t miss`, `do not miss`, `while (?:supplies|stocks?) lasts?`, `act now`, `only \d+ left`, `before it'?s gone`,
		`final hours`, `[uú]ltima oportunidad`, `[uú]ltima chance`)},
	{"launch", words(`new arrivals`, `new collection`, `meet the new`, `early access`, `first look`, `happy hour`, `just launched`)},
	{"cross-selling", words(`you (?:may|might) also like`, `recommended for you`, `check out our`, `shop now`, `buy now`, `browse our`, `customers also bought`, `complete your look`,
		`upgrade (?:now|today)`, `free gift`, `free shipping`)},
}

// transactional is wording that holds a signal's word but tells of a
// transaction, not a promotion: banking (savings account), shipping
// (customs clearance, collection point), hiring and marketplaces (offer
// letter, accepted your offer, your sale of), travel (hotel voucher),
// reminders (don't miss your appointment), support (check out our help
// center), a discount applied on a receipt, a trial that ends. It is blanked
// out before the signals are matched.
var transactional = words(`savings (?:accounts?|plans?|goals?|balances?)`, `(?:customs|security) clearance`,
	`offer letters?`, `job offers?`, `(?:accepted|declined|rejected|received|countered) your offer`,
	`your offer (?:was|has been|is) (?:accepted|declined|rejected|received)`,
	`(?:discount|promo|coupon) codes? (?:was |were |has been |is )?applied`, `discounts? (?:was |were |has been |is )?applied`,
	`applied (?:a |the |your )?(?:discount|coupon|promo code)`, `collection points?`,
	`point of sale`, `bill of sale`, `(?:your|the) sale of`, `your sale (?:is|was|has)`,
	`(?:hotel|travel|booking|meal|taxi|rental|accommodation|flight) vouchers?`,
	`(?:don['’]?t|do not) miss your (?:appointment|flight|train|bus|pickup|delivery|class|lesson|session|booking|reservation|payment|visit|check-in|connection|dose)`,
	`check out our (?:help|faqs?|support|returns?|refunds?|terms|privacy|polic(?:y|ies)|guides?|instructions)`,
	`(?:trial|subscription|membership|plan|warranty|coverage|contract|lease|auction|session) ends`,
	`oferta de (?:empleo|trabajo|emprego)`)

// notSignalIn blanks, per language (the part of the code before "_"),
// words of another language's signals that are ordinary words in it:
// "sale" is Spanish for "(it) leaves" ("tu pedido sale hoy").
var notSignalIn = map[string]*regexp.Regexp{"es": words(`sale`)}

// maySignal and mayTransactional pass every text the expressions may
// match: most texts hold none of their words, and the filters tell so
// without running the expressions.
var (
	maySignal = func() literalFilter {
		res := make([]*regexp.Regexp, len(signals))
		for i, s := range signals {
			res[i] = s.re
		}
		return newLiteralFilter(res...)
	}()
	mayTransactional = newLiteralFilter(transactional)
)

// checkPromotional warns when a UTILITY template's texts read as
// promotional, naming each signal with the words that triggered it.
func checkPromotional(c *checker) {
	if c.t.Category != template.CategoryUtility {
		return
	}
	ordinary := notSignalIn[strings.ToLower(strings.SplitN(c.t.Language, "_", 2)[0])]
	c.eachText(func(text, ptr string) {
		if mayTransactional.may(text) {
			text = transactional.ReplaceAllString(text, " ")
		}
		if ordinary != nil {
			text = ordinary.ReplaceAllString(text, " ")
		}
		if !maySignal.may(text) {
			return
		}
		var found []string
		for _, s := range signals {
			var hits []string
			for _, m := range s.re.FindAllStringSubmatch(text, -1) {
				if q := strconv.Quote(strings.TrimSpace(m[1])); !slices.Contains(hits, q) {
					hits = append(hits, q)
				}
			}
			if len(hits) > 0 {
				found = append(found, s.name+" ("+strings.Join(hits, ", ")+")")
			}
		}
		if len(found) > 0 {
			c.report(ptr, "category-promotional",
				"UTILITY template reads as promotional: %s; since April 2025 Meta approves such templates as MARKETING, billed at the marketing rate: remove the promotional wording, or set category: MARKETING",
				strings.Join(found, ", "))
		}
	})
}

// eachText visits every text a recipient reads: header, body, footer,
// button labels and limited-time-offer text, carousel cards' included.
func (c *checker) eachText(visit func(text, ptr string)) {
	c.eachComponent(func(comp *template.Component, ptr string, _ bool) {
		if comp.Text != "" {
			visit(comp.Text, ptr+"/text")
		}
		if comp.LimitedTimeOffer != nil && comp.LimitedTimeOffer.Text != "" {
			visit(comp.LimitedTimeOffer.Text, ptr+"/limited_time_offer/text")
		}
		for i, b := range comp.Buttons {
			if b.Text != "" {
				visit(b.Text, ptr+"/buttons/"+strconv.Itoa(i)+"/text")
			}
		}
	})
}
