package schema_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/schema"
)

// tpl builds a template document around the given components (JSON objects).
func tpl(components ...string) string {
	return `{"name":"t","language":"en_US","category":"MARKETING","components":[` + strings.Join(components, ",") + `]}`
}

const body = `{"type":"BODY","text":"Hello"}`

// withButtons builds a template whose BUTTONS component holds the given buttons.
func withButtons(buttons ...string) string {
	return tpl(body, `{"type":"BUTTONS","buttons":[`+strings.Join(buttons, ",")+`]}`)
}

// card builds a carousel card from its components.
func card(components ...string) string {
	return `{"components":[` + strings.Join(components, ",") + `]}`
}

const (
	imageHeader = `{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW"]}}`
	cardButtons = `{"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"More"}]}`
)

func TestTemplateAccepts(t *testing.T) {
	cases := map[string]string{
		// Every component type in a minimal valid form.
		"header text":        tpl(`{"type":"HEADER","format":"TEXT","text":"Our sale"}`, body),
		"header positional":  tpl(`{"type":"HEADER","format":"TEXT","text":"Our {{1}}","example":{"header_text":["Sale"]}}`, body),
		"header named":       tpl(`{"type":"HEADER","format":"TEXT","text":"Our {{s}}","example":{"header_text_named_params":[{"param_name":"s","example":"Sale"}]}}`, body),
		"header image":       tpl(imageHeader, body),
		"header video":       tpl(`{"type":"HEADER","format":"VIDEO","example":{"header_handle":["4::dm"]}}`, body),
		"header document":    tpl(`{"type":"HEADER","format":"DOCUMENT","example":{"header_handle":["4::ZG"]}}`, body),
		"header gif":         tpl(`{"type":"HEADER","format":"GIF","example":{"header_handle":["4::Z2"]}}`, body),
		"header location":    tpl(`{"type":"HEADER","format":"LOCATION"}`, body),
		"header product":     tpl(`{"type":"HEADER","format":"PRODUCT"}`, body),
		"body only":          tpl(body),
		"body positional":    tpl(`{"type":"BODY","text":"Hi {{1}}!","example":{"body_text":[["Pablo"]]}}`),
		"body named":         tpl(`{"type":"BODY","text":"Hi {{n}}!","example":{"body_text_named_params":[{"param_name":"n","example":"Pablo"}]}}`),
		"body auth":          tpl(`{"type":"BODY","add_security_recommendation":true}`),
		"footer text":        tpl(body, `{"type":"FOOTER","text":"Bye"}`),
		"footer auth":        tpl(body, `{"type":"FOOTER","code_expiration_minutes":10}`),
		"buttons":            withButtons(`{"type":"QUICK_REPLY","text":"Stop"}`),
		"carousel":           tpl(body, `{"type":"CAROUSEL","cards":[`+card(imageHeader, body, cardButtons)+`,`+card(imageHeader, body, cardButtons)+`]}`),
		"carousel products":  tpl(body, `{"type":"CAROUSEL","cards":[`+card(`{"type":"HEADER","format":"PRODUCT"}`, `{"type":"BUTTONS","buttons":[{"type":"SPM","text":"View"}]}`)+`]}`),
		"limited time offer": tpl(`{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Hurry!","has_expiration":true}}`, body),
		"lto without expiry": tpl(`{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Hurry!"}}`, body),
		"call permission":    tpl(body, `{"type":"CALL_PERMISSION_REQUEST"}`),

		// Every button type in a minimal valid form.
		"quick reply":         withButtons(`{"type":"QUICK_REPLY","text":"Yes"}`),
		"url":                 withButtons(`{"type":"URL","text":"Go","url":"https://example.com"}`),
		"url with example":    withButtons(`{"type":"URL","text":"Go","url":"https://example.com/{{1}}","example":["https://example.com/x"]}`),
		"phone number":        withButtons(`{"type":"PHONE_NUMBER","text":"Call","phone_number":"15550051310"}`),
		"copy code":           withButtons(`{"type":"COPY_CODE","example":"SAVE10"}`),
		"copy code with text": withButtons(`{"type":"COPY_CODE","example":"SAVE10","text":"Copy offer code"}`),
		"otp copy code":       withButtons(`{"type":"OTP","otp_type":"COPY_CODE"}`),
		"otp one tap":         withButtons(`{"type":"OTP","otp_type":"ONE_TAP","text":"Copy","autofill_text":"Autofill","supported_apps":[{"package_name":"com.example.app","signature_hash":"K8a/AINcGX7"}]}`),
		"otp zero tap":        withButtons(`{"type":"OTP","otp_type":"ZERO_TAP","zero_tap_terms_accepted":true,"supported_apps":[{"package_name":"com.example.app","signature_hash":"K8a/AINcGX7"}]}`),
		"otp legacy app":      withButtons(`{"type":"OTP","otp_type":"ONE_TAP","package_name":"com.example.app","signature_hash":"K8a/AINcGX7"}`),
		"flow by id":          withButtons(`{"type":"FLOW","text":"Book","flow_id":"123456789012345","flow_action":"NAVIGATE","navigate_screen":"WELCOME"}`),
		"flow by numeric id":  withButtons(`{"type":"FLOW","text":"Book","flow_id":123456789012345}`),
		"flow by name":        withButtons(`{"type":"FLOW","text":"Book","flow_name":"booking","flow_action":"DATA_EXCHANGE","icon":"REVIEW"}`),
		"flow by json":        withButtons(`{"type":"FLOW","text":"Book","flow_json":"{\"version\":\"3.1\"}"}`),
		"voice call":          withButtons(`{"type":"VOICE_CALL","text":"Call now"}`),
		"voice call ttl":      withButtons(`{"type":"VOICE_CALL","text":"Call now","ttl_minutes":1440}`),
		"catalog":             withButtons(`{"type":"CATALOG","text":"View catalog"}`),
		"mpm":                 withButtons(`{"type":"MPM","text":"View items"}`),
		"spm":                 withButtons(`{"type":"SPM","text":"View"}`),
		"order details":       withButtons(`{"type":"order_details","text":"Buy now"}`, `{"type":"QUICK_REPLY","text":"Stop"}`),

		// Enums in lower case everywhere, and upper and lower mixed.
		"lowercase enums": `{"name":"t","language":"en_US","category":"marketing","parameter_format":"named","components":[
			{"type":"header","format":"image","example":{"header_handle":["4::aW"]}},
			{"type":"body","text":"Hello"},
			{"type":"carousel","cards":[{"components":[{"type":"header","format":"video"},{"type":"buttons","buttons":[{"type":"spm","text":"View"}]}]}]},
			{"type":"limited_time_offer","limited_time_offer":{"text":"Hurry!"}},
			{"type":"call_permission_request"},
			{"type":"buttons","buttons":[
				{"type":"quick_reply","text":"Yes"},
				{"type":"url","text":"Go","url":"https://example.com"},
				{"type":"phone_number","text":"Call","phone_number":"1555"},
				{"type":"copy_code","example":"SAVE10"},
				{"type":"otp","otp_type":"one_tap"},
				{"type":"flow","text":"Book","flow_id":"1","flow_action":"data_exchange","icon":"promotion"},
				{"type":"voice_call","text":"Call"},
				{"type":"catalog","text":"View"},
				{"type":"mpm","text":"View"}]},
			{"type":"footer","text":"Bye"}]}`,
		"header text lowercase format": tpl(`{"type":"header","format":"text","text":"Hi"}`, body),
		"mixed case": `{"name":"t","language":"en_US","category":"utility","parameter_format":"POSITIONAL","components":[
			{"type":"HEADER","format":"text","text":"Hi"},{"type":"body","text":"Hello"},
			{"type":"BUTTONS","buttons":[{"type":"otp","otp_type":"COPY_CODE"},{"type":"FLOW","text":"Go","flow_name":"f","flow_action":"navigate","icon":"DOCUMENT"}]}]}`,

		// Optional top-level keys.
		"top-level options": `{"name":"order_update_2","language":"pt_BR","category":"UTILITY","message_send_ttl_seconds":-1,
			"cta_url_link_tracking_opted_out":true,"allow_category_change":false,"components":[` + body + `]}`,
		"rare language codes": `{"name":"t","language":"prs_AF","category":"UTILITY","components":[` + body + `]}`,
	}
	s := mustSchema(t, schema.TemplateSchema)
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			if err := s.Validate(decode(t, []byte(doc))); err != nil {
				t.Errorf("rejected:\n%s", strings.Join(leaves(err), "\n"))
			}
		})
	}
}

func TestTemplateRejects(t *testing.T) {
	cases := []struct {
		name, doc string
		want      string // "location: message fragment" of one leaf error
	}{
		// Unknown keys, at every level.
		{"unknown top-level key", `{"name":"t","language":"en_US","category":"UTILITY","nmae":"x","components":[` + body + `]}`, ": additionalProperties 'nmae' not allowed"},
		{"unknown component key", tpl(`{"type":"BODY","text":"Hi","txet":"x"}`), "/components/0: additionalProperties 'txet' not allowed"},
		{"key of another component type", tpl(`{"type":"BODY","text":"Hi","code_expiration_minutes":5}`), "/components/0: additionalProperties 'code_expiration_minutes' not allowed"},
		{"buttons on a body", tpl(`{"type":"BODY","text":"Hi","buttons":[]}`), "/components/0: additionalProperties 'buttons' not allowed"},
		{"keys on call permission", tpl(body, `{"type":"CALL_PERMISSION_REQUEST","text":"x"}`), "/components/1: additionalProperties 'text' not allowed"},
		{"unknown button key", withButtons(`{"type":"QUICK_REPLY","text":"Yes","payload":"x"}`), "/components/1/buttons/0: additionalProperties 'payload' not allowed"},
		{"key of another button type", withButtons(`{"type":"QUICK_REPLY","text":"Yes","url":"https://x"}`), "/components/1/buttons/0: additionalProperties 'url' not allowed"},
		{"unknown card key", tpl(body, `{"type":"CAROUSEL","cards":[{"components":[],"index":0}]}`), "/components/1/cards/0: additionalProperties 'index' not allowed"},
		{"unknown card component key", tpl(body, `{"type":"CAROUSEL","cards":[`+card(`{"type":"HEADER","format":"IMAGE","size":1}`)+`]}`), "/components/1/cards/0/components/0: additionalProperties 'size' not allowed"},
		{"footer in a card", tpl(body, `{"type":"CAROUSEL","cards":[`+card(`{"type":"FOOTER","text":"x"}`)+`]}`), "/components/1/cards/0/components/0/type: value must be one of"},
		{"unknown example key", tpl(`{"type":"BODY","text":"Hi {{1}}","example":{"body_txt":[["a"]]}}`), "/components/0/example: additionalProperties 'body_txt' not allowed"},
		{"body example on a header", tpl(`{"type":"HEADER","format":"TEXT","text":"Hi {{1}}","example":{"body_text":[["a"]]}}`, body), "/components/0/example: additionalProperties 'body_text' not allowed"},
		{"unknown named param key", tpl(`{"type":"BODY","text":"Hi {{n}}","example":{"body_text_named_params":[{"param_name":"n","example":"a","type":"text"}]}}`), "/components/0/example/body_text_named_params/0: additionalProperties 'type' not allowed"},
		{"unknown supported app key", withButtons(`{"type":"OTP","otp_type":"ONE_TAP","supported_apps":[{"package_name":"a.b","signature_hash":"K8a/AINcGX7","name":"x"}]}`), "/components/1/buttons/0/supported_apps/0: additionalProperties 'name' not allowed"},
		{"unknown offer key", tpl(`{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"text":"Hurry","expires":1}}`, body), "/components/0/limited_time_offer: additionalProperties 'expires' not allowed"},

		// Enums and patterns.
		{"unknown component type", tpl(`{"type":"HEADERS"}`, body), "/components/0/type: value must be one of"},
		{"capitalised component type", tpl(`{"type":"Body","text":"Hi"}`), "/components/0/type: value must be one of"},
		{"unknown button type", withButtons(`{"type":"LINK","text":"Go"}`), "/components/1/buttons/0/type: value must be one of"},
		{"unknown header format", tpl(`{"type":"HEADER","format":"AUDIO"}`, body), "/components/0/format: value must be one of"},
		{"legacy category", `{"name":"t","language":"en_US","category":"TRANSACTIONAL","components":[` + body + `]}`, "/category: value must be one of"},
		{"unknown parameter format", `{"name":"t","language":"en_US","category":"UTILITY","parameter_format":"MIXED","components":[` + body + `]}`, "/parameter_format: value must be one of"},
		{"unknown otp type", withButtons(`{"type":"OTP","otp_type":"TWO_TAP"}`), "/components/1/buttons/0/otp_type: value must be one of"},
		{"unknown flow action", withButtons(`{"type":"FLOW","text":"Go","flow_id":"1","flow_action":"open"}`), "/components/1/buttons/0/flow_action: value must be one of"},
		{"unknown flow icon", withButtons(`{"type":"FLOW","text":"Go","flow_id":"1","icon":"STAR"}`), "/components/1/buttons/0/icon: value must be one of"},
		{"hyphenated language", `{"name":"t","language":"en-US","category":"UTILITY","components":[` + body + `]}`, "/language: value must be one of"},
		{"language not in Meta's list", `{"name":"t","language":"ar_SA","category":"UTILITY","components":[` + body + `]}`, "/language: value must be one of"},
		{"language in wrong case", `{"name":"t","language":"EN_us","category":"UTILITY","components":[` + body + `]}`, "/language: value must be one of"},
		{"name with capitals and space", `{"name":"Order Update","language":"en_US","category":"UTILITY","components":[` + body + `]}`, "/name: does not match pattern"},
		{"name with hyphen", `{"name":"order-update","language":"en_US","category":"UTILITY","components":[` + body + `]}`, "/name: does not match pattern"},
		{"empty name", `{"name":"","language":"en_US","category":"UTILITY","components":[` + body + `]}`, "/name: does not match pattern"},
		{"name too long", `{"name":"` + strings.Repeat("a", 513) + `","language":"en_US","category":"UTILITY","components":[` + body + `]}`, "/name: length must be <= 512"},

		// Types.
		{"flat body_text", tpl(`{"type":"BODY","text":"Hi {{1}} {{2}}","example":{"body_text":["a","b"]}}`), "/components/0/example/body_text/0: expected array, but got string"},
		{"body_text as a string", tpl(`{"type":"BODY","text":"Hi {{1}}","example":{"body_text":"a"}}`), "/components/0/example/body_text: expected array, but got string"},
		{"header_text as a string", tpl(`{"type":"HEADER","format":"TEXT","text":"Hi {{1}}","example":{"header_text":"a"}}`, body), "/components/0/example/header_text: expected array, but got string"},
		{"url example as a string", withButtons(`{"type":"URL","text":"Go","url":"https://x/{{1}}","example":"https://x/1"}`), "/components/1/buttons/0/example: expected array, but got string"},
		{"copy code example as a list", withButtons(`{"type":"COPY_CODE","example":["SAVE10"]}`), "/components/1/buttons/0/example: expected string, but got array"},
		{"ttl as a string", `{"name":"t","language":"en_US","category":"UTILITY","message_send_ttl_seconds":"600","components":[` + body + `]}`, "/message_send_ttl_seconds: expected integer, but got string"},
		{"flow id as a float", withButtons(`{"type":"FLOW","text":"Go","flow_id":1.5}`), "/components/1/buttons/0/flow_id: expected string or integer, but got number"},
		{"components as an object", `{"name":"t","language":"en_US","category":"UTILITY","components":{"type":"BODY"}}`, "/components: expected array, but got object"},

		// Required keys.
		{"no language", `{"name":"t","category":"UTILITY","components":[` + body + `]}`, ": missing properties: 'language'"},
		{"no category", `{"name":"t","language":"en_US","components":[` + body + `]}`, ": missing properties: 'category'"},
		{"component without type", tpl(`{"text":"Hi"}`), "/components/0: missing properties: 'type'"},
		{"header without format", tpl(`{"type":"HEADER","text":"Hi"}`, body), "/components/0: missing properties: 'format'"},
		{"text header without text", tpl(`{"type":"HEADER","format":"text"}`, body), "/components/0: missing properties: 'text'"},
		{"buttons without list", tpl(body, `{"type":"BUTTONS"}`), "/components/1: missing properties: 'buttons'"},
		{"carousel without cards", tpl(body, `{"type":"CAROUSEL"}`), "/components/1: missing properties: 'cards'"},
		{"card without components", tpl(body, `{"type":"CAROUSEL","cards":[{}]}`), "/components/1/cards/0: missing properties: 'components'"},
		{"offer without payload", tpl(`{"type":"LIMITED_TIME_OFFER"}`, body), "/components/0: missing properties: 'limited_time_offer'"},
		{"offer without text", tpl(`{"type":"LIMITED_TIME_OFFER","limited_time_offer":{"has_expiration":true}}`, body), "/components/0/limited_time_offer: missing properties: 'text'"},
		{"named param without example", tpl(`{"type":"BODY","text":"Hi {{n}}","example":{"body_text_named_params":[{"param_name":"n"}]}}`), "/components/0/example/body_text_named_params/0: missing properties: 'example'"},
		{"button without type", withButtons(`{"text":"Yes"}`), "/components/1/buttons/0: missing properties: 'type'"},
		{"quick reply without text", withButtons(`{"type":"QUICK_REPLY"}`), "/components/1/buttons/0: missing properties: 'text'"},
		{"url without url", withButtons(`{"type":"URL","text":"Go"}`), "/components/1/buttons/0: missing properties: 'url'"},
		{"phone without number", withButtons(`{"type":"PHONE_NUMBER","text":"Call"}`), "/components/1/buttons/0: missing properties: 'phone_number'"},
		{"copy code without example", withButtons(`{"type":"COPY_CODE"}`), "/components/1/buttons/0: missing properties: 'example'"},
		{"otp without otp_type", withButtons(`{"type":"otp","text":"Copy"}`), "/components/1/buttons/0: missing properties: 'otp_type'"},
		{"flow without text", withButtons(`{"type":"FLOW","flow_id":"1"}`), "/components/1/buttons/0: missing properties: 'text'"},
		{"spm without text", withButtons(`{"type":"SPM"}`), "/components/1/buttons/0: missing properties: 'text'"},
		{"order details without text", withButtons(`{"type":"ORDER_DETAILS"}`), "/components/1/buttons/0: missing properties: 'text'"},
		{"order details with a url", withButtons(`{"type":"ORDER_DETAILS","text":"Buy now","url":"https://example.com"}`), "/components/1/buttons/0: additionalProperties 'url' not allowed"},
		{"supported app without hash", withButtons(`{"type":"OTP","otp_type":"ONE_TAP","supported_apps":[{"package_name":"a.b"}]}`), "/components/1/buttons/0/supported_apps/0: missing properties: 'signature_hash'"},
	}
	s := mustSchema(t, schema.TemplateSchema)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := s.Validate(decode(t, []byte(c.doc)))
			if err == nil {
				t.Fatalf("accepted, want %q", c.want)
			}
			got := leaves(err)
			if !slices.ContainsFunc(got, func(l string) bool { return strings.HasPrefix(l, c.want) }) {
				t.Errorf("want an error starting %q; got:\n%s", c.want, strings.Join(got, "\n"))
			}
		})
	}
}

// The per-type rules must apply whichever case the type is written in: an
// unknown key is caught on every component and button type, upper and lower.
func TestTypeDispatchInBothCases(t *testing.T) {
	components := []string{"HEADER", "BODY", "FOOTER", "BUTTONS", "CAROUSEL", "LIMITED_TIME_OFFER", "CALL_PERMISSION_REQUEST"}
	buttons := []string{"QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP", "FLOW", "VOICE_CALL", "CATALOG", "MPM", "SPM", "ORDER_DETAILS"}
	s := mustSchema(t, schema.TemplateSchema)
	check := func(t *testing.T, doc, at string) {
		t.Helper()
		err := s.Validate(decode(t, []byte(doc)))
		if err == nil {
			t.Fatalf("unknown key accepted")
		}
		want := at + ": additionalProperties 'zzz' not allowed"
		if !slices.Contains(leaves(err), want) {
			t.Errorf("want %q; got:\n%s", want, strings.Join(leaves(err), "\n"))
		}
	}
	for _, typ := range components {
		for _, form := range []string{typ, strings.ToLower(typ)} {
			t.Run(form, func(t *testing.T) {
				check(t, tpl(body, `{"type":"`+form+`","zzz":1}`), "/components/1")
			})
		}
	}
	for _, typ := range buttons {
		for _, form := range []string{typ, strings.ToLower(typ)} {
			t.Run("button "+form, func(t *testing.T) {
				check(t, withButtons(`{"type":"`+form+`","zzz":1}`), "/components/1/buttons/0")
			})
		}
	}
	for _, typ := range []string{"HEADER", "BODY", "BUTTONS"} {
		for _, form := range []string{typ, strings.ToLower(typ)} {
			t.Run("card "+form, func(t *testing.T) {
				check(t, tpl(body, `{"type":"CAROUSEL","cards":[`+card(`{"type":"`+form+`","zzz":1}`)+`]}`), "/components/1/cards/0/components/0")
			})
		}
	}
}

// designConfig is the example waform.yaml of DESIGN.md "Config", as JSON.
const designConfig = `{
  "templates": "templates",
  "api": {"provider": "kapso", "base_url": "https://api.kapso.ai", "graph_version": "v24.0", "update_method": "POST"},
  "business_account_id": "1234567890",
  "phone_number_id": "9876543210",
  "manage": {"ignore": ["hello_world", "sample_*"], "prune": false, "max_deletes": 5},
  "send": {"allowed_recipients": ["15551234567"]},
  "environments": {
    "staging": {"business_account_id": "111", "phone_number_id": "222"},
    "production": {"business_account_id": "333", "phone_number_id": "444"}
  }
}`

func TestConfig(t *testing.T) {
	cases := []struct {
		name, doc string
		want      string // empty: accepted
	}{
		{"design example", designConfig, ""},
		{"empty file", `{}`, ""},
		{"meta provider with PUT", `{"api":{"provider":"meta","update_method":"PUT","base_url":"http://127.0.0.1:8089"}}`, ""},
		{"environment overriding everything it may", `{"environments":{"ci":{"api":{"provider":"meta"},"business_account_id":"1","phone_number_id":"2","manage":{"prune":true,"max_deletes":0},"send":{"allowed_recipients":[]}}}}`, ""},
		{"unknown key", `{"template":"templates"}`, ": additionalProperties 'template' not allowed"},
		{"unknown provider", `{"api":{"provider":"foo"}}`, "/api/provider: value must be one of"},
		{"unknown api key", `{"api":{"token":"secret"}}`, "/api: additionalProperties 'token' not allowed"},
		{"unknown update method", `{"api":{"update_method":"PATCH"}}`, "/api/update_method: value must be one of"},
		{"graph version without v", `{"api":{"graph_version":"24.0"}}`, "/api/graph_version: does not match pattern"},
		{"numeric account id", `{"business_account_id":1234567890}`, "/business_account_id: expected string, but got number"},
		{"non-digit phone number id", `{"phone_number_id":"+15551234567"}`, "/phone_number_id: does not match pattern"},
		{"negative max_deletes", `{"manage":{"max_deletes":-1}}`, "/manage/max_deletes: must be >= 0"},
		{"unknown manage key", `{"manage":{"prune_all":true}}`, "/manage: additionalProperties 'prune_all' not allowed"},
		{"recipient as a number", `{"send":{"allowed_recipients":[15551234567]}}`, "/send/allowed_recipients/0: expected string, but got number"},
		{"templates in an environment", `{"environments":{"staging":{"templates":"other"}}}`, "/environments/staging: additionalProperties 'templates' not allowed"},
		{"nested environments", `{"environments":{"staging":{"environments":{}}}}`, "/environments/staging: additionalProperties 'environments' not allowed"},
	}
	s := mustSchema(t, schema.ConfigSchema)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := s.Validate(decode(t, []byte(c.doc)))
			switch {
			case c.want == "" && err != nil:
				t.Errorf("rejected:\n%s", strings.Join(leaves(err), "\n"))
			case c.want != "" && err == nil:
				t.Errorf("accepted, want %q", c.want)
			case c.want != "" && !slices.ContainsFunc(leaves(err), func(l string) bool { return strings.HasPrefix(l, c.want) }):
				t.Errorf("want an error starting %q; got:\n%s", c.want, strings.Join(leaves(err), "\n"))
			}
		})
	}
}
