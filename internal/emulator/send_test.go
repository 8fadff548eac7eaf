package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

func sendBodyFor(name, lang string, comps ...any) map[string]any {
	return map[string]any{
		"messaging_product": "whatsapp", "to": "15551234567", "type": "template",
		"template": map[string]any{"name": name, "language": map[string]any{"code": lang}, "components": comps},
	}
}

func textParams(vals ...string) []any {
	out := []any{}
	for _, v := range vals {
		out = append(out, map[string]any{"type": "text", "text": v})
	}
	return out
}

func TestSendSuccess(t *testing.T) {
	h := newHarness(t, Options{})
	h.create(utility("ship", "en_US"))
	r := h.do("POST", "/"+phone+"/messages", sendBodyFor("ship", "en_US", map[string]any{"type": "body", "parameters": textParams("A-1")}))
	if r.status != http.StatusOK {
		t.Fatalf("send: %d %s", r.status, r.raw)
	}
	var got sendResponse
	if err := json.Unmarshal(r.raw, &got); err != nil {
		t.Fatal(err)
	}
	if len(r.body) != 3 || got.MessagingProduct != "whatsapp" || len(got.Contacts) != 1 || got.Contacts[0].Input != "15551234567" ||
		got.Contacts[0].WaID != "15551234567" || len(got.Messages) != 1 || !strings.HasPrefix(got.Messages[0].ID, "wamid.") {
		t.Fatalf("response not in the seed's shape: %s", r.raw)
	}
	again := h.do("POST", "/"+phone+"/messages", sendBodyFor("ship", "en_US", map[string]any{"type": "body", "parameters": textParams("A-2")}))
	if id := jsonPath(again.body, "messages", 0, "id"); id == got.Messages[0].ID {
		t.Fatalf("two sends share the id %v", id)
	}
}

func TestSendErrors(t *testing.T) {
	body := func(ps ...string) map[string]any {
		return map[string]any{"type": "body", "parameters": textParams(ps...)}
	}
	tests := []struct {
		name       string
		setStatus  string
		send       map[string]any
		wantStatus int
		wantCode   int
		wantDetail string
	}{
		{"unknown template", "", sendBodyFor("nope", "en_US", body("x")), 404, 132001, "does not exist"},
		{"wrong language", "", sendBodyFor("ship", "es", body("x")), 404, 132001, "does not exist in es"},
		{"pending", template.StatusPending, sendBodyFor("ship", "en_US", body("x")), 404, 132001, "PENDING"},
		{"paused", template.StatusPaused, sendBodyFor("ship", "en_US", body("x")), 400, 132015, ""},
		{"disabled", template.StatusDisabled, sendBodyFor("ship", "en_US", body("x")), 400, 132016, ""},
		{"too few parameters", "", sendBodyFor("ship", "en_US"), 400, 132000, "body: number of localizable_params (0)"},
		{"too many parameters", "", sendBodyFor("ship", "en_US", body("a", "b")), 400, 132000, "(2) does not match the expected number of params (1)"},
		{"newline in a parameter", "", sendBodyFor("ship", "en_US", body("a\nb")), 400, 132018, "new-line"},
		{"tab in a parameter", "", sendBodyFor("ship", "en_US", body("a\tb")), 400, 132018, ""},
		{"five spaces in a parameter", "", sendBodyFor("ship", "en_US", body("a     b")), 400, 132018, ""},
		{"four spaces are fine", "", sendBodyFor("ship", "en_US", body("a    b")), 200, 0, ""},
		{"recipient not digits", "", withTo(sendBodyFor("ship", "en_US", body("x")), "555-CALL-ME"), 400, 100, ""},
		{"recipient with + is fine", "", withTo(sendBodyFor("ship", "en_US", body("x")), "+15551234567"), 200, 0, ""},
		{"wrong product", "", withField(sendBodyFor("ship", "en_US", body("x")), "messaging_product", "sms"), 400, 100, ""},
		{"not a template", "", withField(sendBodyFor("ship", "en_US", body("x")), "type", "text"), 400, 100, ""},
		{"button that does not exist", "", sendBodyFor("ship", "en_US", body("x"),
			map[string]any{"type": "button", "sub_type": "url", "index": "0", "parameters": textParams("x")}), 400, 132000, "no button"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			id := h.create(utility("ship", "en_US"))
			if tt.setStatus != "" {
				if _, err := h.srv.SetStatus(id, tt.setStatus); err != nil {
					t.Fatal(err)
				}
			}
			r := h.do("POST", "/"+phone+"/messages", tt.send)
			code, _ := r.errCode()
			if r.status != tt.wantStatus || code != tt.wantCode {
				t.Fatalf("want %d code %d, got %d %s", tt.wantStatus, tt.wantCode, r.status, r.raw)
			}
			if !strings.Contains(string(r.raw), tt.wantDetail) {
				t.Fatalf("error does not say %q: %s", tt.wantDetail, r.raw)
			}
			if sent := len(h.srv.st.Messages); (tt.wantCode == 0) != (sent == 1) {
				t.Fatalf("%d messages in history after this send", sent)
			}
		})
	}
}

func withTo(b map[string]any, to string) map[string]any { return withField(b, "to", to) }

func withField(b map[string]any, k, v string) map[string]any {
	b[k] = v
	return b
}

func TestSendRichTemplates(t *testing.T) {
	named := func(name, v string) map[string]any {
		return map[string]any{"type": "text", "parameter_name": name, "text": v}
	}
	image := func(ref map[string]any) map[string]any {
		return map[string]any{"type": "header", "parameters": []any{map[string]any{"type": "image", "image": ref}}}
	}
	namedBody := map[string]any{"type": "body", "parameters": []any{named("order_id", "A-1"), named("first_name", "Ana")}}
	tests := []struct {
		name       string
		tpl        string
		send       map[string]any
		wantCode   int
		wantDetail string
	}{
		{"named in any order", richTemplate, sendBodyFor("rich", "en_US", image(map[string]any{"link": "https://x/a.jpg"}), namedBody), 0, ""},
		{"named with a wrong name", richTemplate, sendBodyFor("rich", "en_US", image(map[string]any{"link": "https://x/a.jpg"}),
			map[string]any{"type": "body", "parameters": []any{named("order_id", "A-1"), named("last_name", "B")}}), 132000, "last_name"},
		{"media header missing", richTemplate, sendBodyFor("rich", "en_US", namedBody), 132012,
			"header: Format mismatch, expected IMAGE, received UNKNOWN"},
		{"media header of another type", richTemplate, sendBodyFor("rich", "en_US",
			map[string]any{"type": "header", "parameters": []any{map[string]any{"type": "video", "video": map[string]any{"link": "https://x/v.mp4"}}}}, namedBody),
			132012, "expected IMAGE, received VIDEO"},
		{"media id never uploaded", richTemplate, sendBodyFor("rich", "en_US", image(map[string]any{"id": "42"}), namedBody), 131009, "42"},
		{"auth needs the code twice", authTemplate, sendBodyFor("login_code", "en_US",
			map[string]any{"type": "body", "parameters": textParams("123456")},
			map[string]any{"type": "button", "sub_type": "url", "index": "0", "parameters": textParams("123456")}), 0, ""},
		{"auth without the button code", authTemplate, sendBodyFor("login_code", "en_US",
			map[string]any{"type": "body", "parameters": textParams("123456")}), 131008, "index 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			h.create(json.RawMessage(tt.tpl))
			r := h.do("POST", "/"+phone+"/messages", tt.send)
			if code, _ := r.errCode(); code != tt.wantCode || !strings.Contains(string(r.raw), tt.wantDetail) {
				t.Fatalf("want code %d with %q, got %d %s", tt.wantCode, tt.wantDetail, r.status, r.raw)
			}
		})
	}
}

func TestHistoryStatuses(t *testing.T) {
	h := newHarness(t, Options{DeliverAfter: 2 * time.Second, ReadAfter: 10 * time.Second, PageSize: 1})
	h.create(utility("ship", "en_US"))
	send := func() {
		if r := h.do("POST", "/"+phone+"/messages", sendBodyFor("ship", "en_US", map[string]any{"type": "body", "parameters": textParams("A-1")})); r.status != 200 {
			t.Fatalf("send: %s", r.raw)
		}
	}
	send()
	statusAt := func(query string) []string {
		var out []string
		for _, e := range h.do("GET", "/"+phone+"/messages?limit=10&"+query, nil).data() {
			out = append(out, jsonPath(e, "kapso", "status").(string))
		}
		return out
	}
	steps := []struct {
		advance time.Duration
		want    string
	}{{0, "sent"}, {time.Second, "sent"}, {time.Second, "delivered"}, {7 * time.Second, "delivered"}, {time.Second, "read"}}
	for i, s := range steps {
		h.clock.Advance(s.advance)
		if got := statusAt(""); len(got) != 1 || got[0] != s.want {
			t.Fatalf("step %d: %v, want [%s]", i, got, s.want)
		}
	}
	send() // a second, newer message: sent
	if got := statusAt(""); len(got) != 2 || got[0] != "sent" || got[1] != "read" {
		t.Fatalf("newest first: %v", got)
	}
	if got := statusAt("status=read"); len(got) != 1 {
		t.Fatalf("status filter: %v", got)
	}
	if got := statusAt("since=" + h.clock.Now().Add(-time.Second).Format(time.RFC3339)); len(got) != 1 {
		t.Fatalf("since filter: %v", got)
	}
	if got := statusAt("direction=inbound"); len(got) != 0 {
		t.Fatalf("direction filter: %v", got)
	}
	page := h.do("GET", "/"+phone+"/messages", nil)
	if len(page.data()) != 1 || jsonPath(page.body, "paging", "next") == nil {
		t.Fatalf("history paging: %s", page.raw)
	}
}
