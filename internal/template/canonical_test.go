package template

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	in := Template{
		Name: "promo", Language: "en_US", Category: " marketing",
		Components: []Component{
			{Type: "buttons", Buttons: []Button{
				{Type: "phone_number", Text: "Call", PhoneNumber: "+1 (646) 704-3595"},
				{Type: "copy_code", Example: Strings{Values: []string{"SAVE10"}}},
				{Type: "flow", Text: "Go", FlowID: " 123 ", FlowAction: "navigate", Icon: "promotion"},
				{Type: "otp", OTPType: "one_tap", SupportedApps: []SupportedApp{}},
			}},
			{Type: "x_future"},
			{Type: "body", Text: "Hi {{b}} {{a}}", Example: &Example{BodyTextNamedParams: []NamedParam{
				{ParamName: "b", Example: "2"}, {ParamName: "a", Example: "1"},
			}}},
			{Type: "carousel", Cards: []Card{{Components: []Component{
				{Type: "buttons", Buttons: []Button{{Type: "quick_reply", Text: "More"}}},
				{Type: "header", Format: "image", Example: &Example{HeaderHandle: []string{}}},
			}}}},
			{Type: "limited_time_offer", LimitedTimeOffer: &LimitedTimeOffer{Text: "Soon"}},
			{Type: "header", Format: "text", Text: "Hello", Example: &Example{}},
			{Type: "call_permission_request"},
			{Type: "a_future"},
			{Type: "footer", Text: "Bye", Buttons: []Button{}, Cards: []Card{}},
		},
	}
	want := Template{
		Name: "promo", Language: "en_US", Category: "MARKETING", ParameterFormat: "POSITIONAL",
		Components: []Component{
			{Type: "HEADER", Format: "TEXT", Text: "Hello"},
			{Type: "LIMITED_TIME_OFFER", LimitedTimeOffer: &LimitedTimeOffer{Text: "Soon"}},
			{Type: "BODY", Text: "Hi {{b}} {{a}}", Example: &Example{BodyTextNamedParams: []NamedParam{
				{ParamName: "a", Example: "1"}, {ParamName: "b", Example: "2"},
			}}},
			{Type: "FOOTER", Text: "Bye"},
			{Type: "BUTTONS", Buttons: []Button{
				{Type: "PHONE_NUMBER", Text: "Call", PhoneNumber: "16467043595"},
				{Type: "COPY_CODE", Example: Strings{Values: []string{"SAVE10"}, Single: true}},
				{Type: "FLOW", Text: "Go", FlowID: "123", FlowAction: "NAVIGATE", Icon: "PROMOTION"},
				{Type: "OTP", OTPType: "ONE_TAP"},
			}},
			{Type: "CAROUSEL", Cards: []Card{{Components: []Component{
				{Type: "HEADER", Format: "IMAGE"},
				{Type: "BUTTONS", Buttons: []Button{{Type: "QUICK_REPLY", Text: "More"}}},
			}}}},
			{Type: "CALL_PERMISSION_REQUEST"},
			{Type: "A_FUTURE"},
			{Type: "X_FUTURE"},
		},
	}
	before := mustJSON(t, in)
	got := Canonical(in)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Canonical =\n%s\nwant\n%s", mustJSON(t, got), mustJSON(t, want))
	}
	if after := mustJSON(t, in); string(after) != string(before) {
		t.Errorf("Canonical modified its argument:\n%s\n%s", before, after)
	}
	if again := Canonical(got); !reflect.DeepEqual(again, got) {
		t.Errorf("Canonical is not idempotent:\n%s", mustJSON(t, again))
	}
}

func TestPhoneDigits(t *testing.T) {
	for in, want := range map[string]string{
		"+16467043595":      "16467043595",
		"+1 (646) 704-3595": "16467043595",
		"59898400766":       "59898400766",
		"CALL-NOW":          "CALL-NOW", // no digit: left for the validator
		"":                  "",
	} {
		if got := phoneDigits(in); got != want {
			t.Errorf("phoneDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestForCreate(t *testing.T) {
	in := Template{
		Name: "coupon", Language: "en", Category: "marketing", AllowCategoryChange: ptr(true),
		Components: []Component{
			{Type: "buttons", Buttons: []Button{
				{Type: "copy_code", Example: Strings{Values: []string{"SAVE10"}}},
				{Type: "url", Text: "Shop", URL: "https://x.test/{{1}}", Example: Strings{Values: []string{"a"}, Single: true}},
			}},
			{Type: "body", Text: "Use the code."},
		},
	}
	got := string(mustJSON(t, ForCreate(in)))
	want := `{"name":"coupon","language":"en","category":"MARKETING","parameter_format":"POSITIONAL","components":[` +
		`{"type":"BODY","text":"Use the code."},` +
		`{"type":"BUTTONS","buttons":[{"type":"COPY_CODE","example":"SAVE10"},` +
		`{"type":"URL","text":"Shop","url":"https://x.test/{{1}}","example":["a"]}]}]}`
	if got != want {
		t.Errorf("ForCreate =\n%s\nwant\n%s", got, want)
	}
}

func TestFromRemoteKeepsWhatMetaDidNotGenerate(t *testing.T) {
	// A template recategorised to AUTHENTICATION before Meta generated auth
	// text: no add_security_recommendation, custom text, no OTP button.
	legacy := Remote{Template: Template{
		Name: "number_confirmation", Language: "pt_BR", Category: "AUTHENTICATION",
		Components: []Component{
			{Type: "BODY", Text: "Este é o seu código: *{{1}}.*", Example: &Example{BodyText: Matrix{{"1458425"}}}},
			{Type: "FOOTER", Text: "Use este código."},
			{Type: "BUTTONS", Buttons: []Button{{Type: "URL", Text: "Site", URL: "https://www.whatsapp.com/otp/code/"}}},
		},
	}}
	if got, want := FromRemote(legacy), Canonical(legacy.Template); !reflect.DeepEqual(got, want) {
		t.Errorf("legacy authentication template rewritten:\n%s", mustJSON(t, got))
	}
	// A marketing URL button that happens to point at the OTP page is a URL.
	marketing := Remote{Template: Template{
		Name: "m", Language: "en", Category: "MARKETING",
		Components: []Component{{Type: "BUTTONS", Buttons: []Button{{Type: "URL", Text: "Copy",
			URL: "https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE"}}}},
	}}
	if got := FromRemote(marketing); got.Components[0].Buttons[0].Type != "URL" {
		t.Errorf("marketing URL button became %q", got.Components[0].Buttons[0].Type)
	}
}

// FuzzCanonical checks, on any JSON a server or a file could hold, that
// normalizing never panics, is idempotent, and that a template equals
// itself.
func FuzzCanonical(f *testing.F) {
	data, err := os.ReadFile("testdata/remote_shapes.json")
	if err != nil {
		f.Fatal(err)
	}
	var cases []shapeCase
	if err := json.Unmarshal(data, &cases); err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		f.Add([]byte(c.Local))
		f.Add([]byte(c.Remote))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Remote
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		c := Canonical(r.Template)
		if again := Canonical(c); !reflect.DeepEqual(again, c) {
			t.Fatalf("Canonical not idempotent:\n%+v\n%+v", c, again)
		}
		fr := FromRemote(r)
		if again := Canonical(fr); !reflect.DeepEqual(again, fr) {
			t.Fatalf("FromRemote not canonical:\n%+v\n%+v", fr, again)
		}
		if d := Diff(c, c); len(d) > 0 {
			t.Fatalf("template differs from itself: %v", d)
		}
		_ = Diff(c, fr)
		if Fingerprint([]Template{c}) != Fingerprint([]Template{r.Template}) {
			t.Fatalf("fingerprint depends on the form, not the canonical content")
		}
		// What the plan relies on to normalise each side once.
		if Digest(&c) != Fingerprint([]Template{r.Template}) {
			t.Fatalf("Digest of the canonical form is not its Fingerprint")
		}
		if !reflect.DeepEqual(FromCanonicalRemote(c), fr) {
			t.Fatalf("FromCanonicalRemote(Canonical) is not FromRemote")
		}
		if !reflect.DeepEqual(DiffCanonical(c, fr), Diff(r.Template, fr)) {
			t.Fatalf("DiffCanonical of canonical forms is not Diff")
		}
	})
}

func TestKeyOrder(t *testing.T) {
	ts := []Template{
		{Name: "b", Language: "en"}, {Name: "a", Language: "pt_BR"}, {Name: "a", Language: "en"},
	}
	SortByKey(ts)
	var got []string
	for _, tpl := range ts {
		got = append(got, tpl.Key().String())
	}
	if want := "a (en),a (pt_BR),b (en)"; strings.Join(got, ",") != want {
		t.Errorf("SortByKey = %v, want %s", got, want)
	}
}
