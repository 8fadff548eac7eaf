package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"

	"github.com/waform/waform/schema"
)

// corpusInvalid maps each invalid create body of ../shared/corpus to the
// rule expected to catch it.
var corpusInvalid = map[string]string{
	"invalid__authentication_code_expiration_91_over_90.json":                              "auth-code-expiration",
	"invalid__authentication_custom_body_text_no_otp_button__otp_verification.json":        "auth-body-text",
	"invalid__authentication_custom_header_body_quick_reply__auth_code_2.json":             "auth-component",
	"invalid__authentication_otp_button_custom_text__copy_otp.json":                        "otp-button-text",
	"invalid__body_1025_chars_over_1024__long_body.json":                                   "body-text-length",
	"invalid__body_ends_with_variable__order_shipped_trailing.json":                        "body-variable-edge",
	"invalid__body_starts_with_variable__jyt_partner_message_v1.json":                      "body-variable-edge",
	"invalid__body_text_example_flat_array_not_2d__test_v2.json":                           schema.Rule,
	"invalid__button_text_26_chars_over_25.json":                                           "button-text-length",
	"invalid__buttons_eleven_quick_replies_over_max_10.json":                               "button-count",
	"invalid__buttons_quick_reply_interleaved_with_url.json":                               "quick-reply-grouping",
	"invalid__buttons_three_url_buttons_over_max_2.json":                                   "button-type-count",
	"invalid__buttons_two_phone_number_buttons_over_max_1.json":                            "button-type-count",
	"invalid__carousel_single_card.json":                                                   "carousel-card-count",
	"invalid__copy_code_button_in_utility_category.json":                                   "copy-code-category",
	"invalid__copy_code_example_16_chars_over_15.json":                                     "copy-code-length",
	"invalid__flow_button_without_flow_id_name_or_json.json":                               "flow-target",
	"invalid__footer_61_chars_over_60.json":                                                "footer-text-length",
	"invalid__footer_with_variable.json":                                                   "footer-variable",
	"invalid__header_text_placeholder_without_example__promo_header.json":                  "example-missing",
	"invalid__header_text_two_variables.json":                                              "header-variable-count",
	"invalid__legacy_category_transactional__number_confirmation.json":                     schema.Rule,
	"invalid__limited_time_offer_in_utility_category.json":                                 "lto-category",
	"invalid__limited_time_offer_text_17_chars_over_16.json":                               "offer-text-length",
	"invalid__media_header_without_body__limited_time_offer_tuscan_getaway_2023.json":      "body-missing",
	"invalid__missing_body_component__missing_body.json":                                   "body-missing",
	"invalid__mixed_positional_and_named_placeholders.json":                                "variable-style-mixed",
	"invalid__name_uppercase_and_space__bad_name.json":                                     schema.Rule,
	"invalid__named_placeholders_without_parameter_format__order_confirmation.json":        "parameter-format-mismatch",
	"invalid__otp_button_in_marketing_category.json":                                       "otp-category",
	"invalid__positional_placeholders_not_sequential_1_3.json":                             "positional-sequence",
	"invalid__questionable__auth_code_expiration_on_body_not_footer__login_otp.json":       schema.Rule, // unknown key on BODY
	"invalid__questionable__body_ends_with_variable__marketing_coffee.json":                "body-variable-edge",
	"invalid__questionable__body_ends_with_variable__order_status_update_kapso_asset.json": "body-variable-edge",
	"invalid__questionable__marketing_ttl_120_below_documented_min__test_template.json":    "ttl-marketing-minimum",
	"invalid__too_many_variables_for_length.json":                                          "variable-density",
	"invalid__url_button_variable_without_example.json":                                    "url-example-missing",
	"invalid__url_two_variables.json":                                                      "url-variable-count",
	"invalid__url_variable_not_at_end.json":                                                "url-variable-position",
}

// corpusWarningOnly are invalid files whose source is unsure (SOURCES.md:
// questionable, LOW or MEDIUM confidence, a heuristic): a warning suffices.
var corpusWarningOnly = map[string]bool{
	"invalid__authentication_otp_button_custom_text__copy_otp.json":                     true,
	"invalid__copy_code_button_in_utility_category.json":                                true,
	"invalid__questionable__marketing_ttl_120_below_documented_min__test_template.json": true,
	"invalid__too_many_variables_for_length.json":                                       true,
}

// corpusValidExceptions are valid create bodies waform reports anyway, with
// the rule that does and why.
var corpusValidExceptions = map[string]string{
	// Template Library clones have no components; waform does not model them.
	"create__utility__from_template_library_url_input__my_delivery_update.json": schema.Rule,
}

func corpusDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present at " + dir)
	}
	return dir
}

func rulesOf(ds []diag.Diagnostic, sev diag.Severity) []string {
	var out []string
	for _, d := range ds {
		if sev == "" || d.Severity == sev {
			out = append(out, d.Rule)
		}
	}
	return out
}

func TestCorpusInvalid(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir(t), "invalid", "*.json"))
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			want, ok := corpusInvalid[name]
			if !ok {
				t.Fatalf("new corpus file: add it to corpusInvalid with the rule that should catch it")
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ds := Payload(data)
			if !slices.Contains(rulesOf(ds, ""), want) {
				t.Errorf("want %s among %v", want, ds)
			}
			if !corpusWarningOnly[name] && !diag.HasErrors(ds) {
				t.Errorf("want an error, got %v", ds)
			}
		})
	}
}

func TestCorpusValid(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir(t), "valid", "create__*.json"))
	if len(files) == 0 {
		t.Fatal("no valid create bodies in the corpus")
	}
	for _, f := range files {
		name := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		errs := rulesOf(Payload(data), diag.Error)
		if want, excepted := corpusValidExceptions[name]; excepted {
			if !slices.Contains(errs, want) {
				t.Errorf("%s: expected exception %s no longer reported (got %v): drop it from corpusValidExceptions", name, want, errs)
			}
			continue
		}
		if len(errs) > 0 {
			t.Errorf("%s: %s", name, strings.Join(errs, ", "))
		}
	}
}
