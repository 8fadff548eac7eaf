package message_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/template"
)

func decode(t *testing.T, js string) template.Template {
	t.Helper()
	var tpl template.Template
	if err := json.Unmarshal([]byte(js), &tpl); err != nil {
		t.Fatalf("decode template: %v", err)
	}
	return tpl
}

const namedTpl = `{"name":"order_confirmation","language":"en_US","category":"UTILITY","parameter_format":"NAMED",
 "components":[
  {"type":"HEADER","format":"TEXT","text":"Order {{order_number}}","example":{"header_text_named_params":[{"param_name":"order_number","example":"ORD-1"}]}},
  {"type":"BODY","text":"Thanks {{customer_name}}, order {{order_number}} is confirmed.","example":{"body_text_named_params":[{"param_name":"customer_name","example":"Pablo"},{"param_name":"order_number","example":"ORD-1"}]}},
  {"type":"FOOTER","text":"Reply STOP to opt out"},
  {"type":"BUTTONS","buttons":[
    {"type":"URL","text":"Track","url":"https://shop.example.com/track/{{1}}","example":["https://shop.example.com/track/ORD-1"]},
    {"type":"QUICK_REPLY","text":"Help"},
    {"type":"COPY_CODE","example":"SAVE10"},
    {"type":"PHONE_NUMBER","text":"Call us","phone_number":"15550001111"}]}]}`

const positionalTpl = `{"name":"shipping_update","language":"en_US","category":"UTILITY",
 "components":[
  {"type":"HEADER","format":"TEXT","text":"Order {{1}} shipped","example":{"header_text":["ORD-9"]}},
  {"type":"BODY","text":"Hi {{1}}, it arrives on {{2}}.","example":{"body_text":[["Maria","Friday"]]}}]}`

const noExampleTpl = `{"name":"bare","language":"en_US","category":"UTILITY",
 "components":[{"type":"BODY","text":"Hi {{1}}, see you {{2}}."}]}`

func build(t *testing.T, tpl template.Template, p message.Params) (message.Message, error) {
	t.Helper()
	return message.Build(tpl, p, message.Options{To: "15551234567", Now: testNow})
}

func mustBuild(t *testing.T, tpl template.Template, p message.Params) message.Message {
	t.Helper()
	m, err := build(t, tpl, p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func componentsJSON(t *testing.T, m message.Message) string {
	t.Helper()
	data, err := json.Marshal(m.Request.Template.Components)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestBuildNamedWithParams(t *testing.T) {
	m := mustBuild(t, decode(t, namedTpl), message.Params{
		"customer_name": "Jessica", "order_number": "ORD-77", "button.0": "ORD-77", "button.1": "help-payload", "button.2": "WELCOME5",
	})
	want := `[{"type":"header","parameters":[{"type":"text","parameter_name":"order_number","text":"ORD-77"}]},` +
		`{"type":"body","parameters":[{"type":"text","parameter_name":"customer_name","text":"Jessica"},{"type":"text","parameter_name":"order_number","text":"ORD-77"}]},` +
		`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"ORD-77"}]},` +
		`{"type":"button","sub_type":"quick_reply","index":"1","parameters":[{"type":"payload","payload":"help-payload"}]},` +
		`{"type":"button","sub_type":"copy_code","index":"2","parameters":[{"type":"coupon_code","coupon_code":"WELCOME5"}]}]`
	if got := componentsJSON(t, m); got != want {
		t.Errorf("components:\n got %s\nwant %s", got, want)
	}
	pv := m.Preview
	if pv.Header.Text != "Order ORD-77" || pv.Body != "Thanks Jessica, order ORD-77 is confirmed." || pv.Footer != "Reply STOP to opt out" {
		t.Errorf("preview = %+v", pv)
	}
	wantButtons := []message.PreviewButton{
		{Type: "URL", Text: "Track", Target: "https://shop.example.com/track/ORD-77"},
		{Type: "QUICK_REPLY", Text: "Help"},
		{Type: "COPY_CODE", Text: "Copy offer code", Target: "WELCOME5"},
		{Type: "PHONE_NUMBER", Text: "Call us", Target: "15550001111"},
	}
	for i, b := range wantButtons {
		if pv.Buttons[i] != b {
			t.Errorf("button %d = %+v, want %+v", i, pv.Buttons[i], b)
		}
	}
}

func TestBuildPositionalDefaultsAndAliases(t *testing.T) {
	tpl := decode(t, positionalTpl)
	m := mustBuild(t, tpl, nil)
	want := `[{"type":"header","parameters":[{"type":"text","text":"ORD-9"}]},{"type":"body","parameters":[{"type":"text","text":"Maria"},{"type":"text","text":"Friday"}]}]`
	if got := componentsJSON(t, m); got != want {
		t.Errorf("defaults:\n got %s\nwant %s", got, want)
	}
	m = mustBuild(t, tpl, message.Params{"header.1": "ORD-1", "body.1": "Ana", "2": "Monday"})
	if m.Preview.Header.Text != "Order ORD-1 shipped" || m.Preview.Body != "Hi Ana, it arrives on Monday." {
		t.Errorf("preview = %+v / %q", m.Preview.Header, m.Preview.Body)
	}
	if m.Request.To != "15551234567" || m.Request.Template.Language != (message.Language{Code: "en_US", Policy: "deterministic"}) {
		t.Errorf("request envelope = %+v", m.Request)
	}
}

// problems builds and returns the CheckError's problems, failing the test
// when the build succeeds.
func problems(t *testing.T, tpl template.Template, p message.Params) []message.Problem {
	t.Helper()
	_, err := build(t, tpl, p)
	var ce *message.CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("Build error = %v, want a *CheckError", err)
	}
	return ce.Problems
}

func TestPreSendChecks(t *testing.T) {
	long := strings.Repeat("x", 61)
	cases := []struct {
		name   string
		tpl    string
		params message.Params
		key    string
		reason string
	}{
		{"missing value", noExampleTpl, message.Params{"1": "Ana"}, "2", "has no value and the template has no example"},
		{"extra parameter", positionalTpl, message.Params{"3": "x"}, "3", "no such parameter; it takes header.1, 1, 2"},
		{"positional for named", namedTpl, message.Params{"1": "x"}, "1", "uses named parameters"},
		{"named for positional", positionalTpl, message.Params{"customer_name": "x"}, "customer_name", "uses positional parameters"},
		{"header for a text header", positionalTpl, message.Params{"header": "x.jpg"}, "header", "no such parameter; it takes header.1, 1, 2"},
		{"newline", positionalTpl, message.Params{"1": "a\nb"}, "1", "line break"},
		{"tab", positionalTpl, message.Params{"2": "a\tb"}, "2", "tab"},
		{"five spaces", positionalTpl, message.Params{"1": "a     b"}, "1", "more than four consecutive spaces"},
		{"empty", positionalTpl, message.Params{"1": " "}, "1", "is empty"},
		{"header too long", positionalTpl, message.Params{"header.1": long}, "header.1", "61 characters long; the limit is 60"},
		{"body too long", positionalTpl, message.Params{"1": strings.Repeat("é", 1025)}, "1", "1025 characters long; the limit is 1024"},
		{"coupon too long", namedTpl, message.Params{"button.2": "ABCDEFGHIJKLMNOP"}, "button.2", "16 characters long; the limit is 15"},
		{"url too long", namedTpl, message.Params{"button.0": strings.Repeat("a", 2000)}, "button.0", "the limit is 2000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := problems(t, decode(t, c.tpl), c.params)
			for _, p := range ps {
				if p.Key == c.key && strings.Contains(p.Reason, c.reason) {
					return
				}
			}
			t.Errorf("problems = %+v, want one for %s containing %q", ps, c.key, c.reason)
		})
	}
}

func TestCheckErrorListsEveryProblem(t *testing.T) {
	_, err := build(t, decode(t, noExampleTpl), message.Params{"zzz": "1"})
	if err == nil {
		t.Fatal("want an error")
	}
	msg := err.Error()
	for _, want := range []string{"check parameters of bare (en_US):", "parameter 1: has no value", "parameter 2: has no value", "parameter zzz: the template"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}

func TestBodyOnlyTemplateAllowsLongValues(t *testing.T) {
	tpl := decode(t, noExampleTpl)
	if _, err := build(t, tpl, message.Params{"1": strings.Repeat("a", 5000), "2": "soon"}); err != nil {
		t.Errorf("a body-only template takes values up to 32768 characters: %v", err)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var jpegHead = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0}
