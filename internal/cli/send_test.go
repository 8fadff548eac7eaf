package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// sendFixture is an emulator over httptest holding every template of
// templates/ as APPROVED, a waform.yaml allowing one recipient, and the
// environment pointing waform at the emulator.
type sendFixture struct {
	emu   *emulator.Server
	clock *clock.Fake
	env   map[string]string
	dir   string

	mu       sync.Mutex
	requests []string // "METHOD /path" of every request
}

const allowedRecipient = "15551234567"

// undeliverableRecipient is allowed by the fixture's config, but the
// emulator fails every message sent to it.
const undeliverableRecipient = "15550000000"

func newSendFixture(t *testing.T, deliverAfter time.Duration) *sendFixture {
	t.Helper()
	f := &sendFixture{clock: clock.NewFake(renderNow), dir: t.TempDir()}
	emu, err := emulator.New(emulator.Options{Clock: f.clock, DeliverAfter: deliverAfter, ReadAfter: -1,
		Undeliverable: []string{undeliverableRecipient}})
	if err != nil {
		t.Fatal(err)
	}
	f.emu = emu
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	for _, tpl := range repoTemplates(t) {
		if _, err := emu.Seed(emu.BusinessAccountID(), tpl, ""); err != nil {
			t.Fatal(err)
		}
	}
	config := "templates: " + templatesDir(t) + "\nsend:\n  allowed_recipients: [\"+1 555 123 4567\", \"" + undeliverableRecipient + "\"]\n"
	if err := os.WriteFile(filepath.Join(f.dir, "waform.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	f.env = map[string]string{
		"KAPSO_API_KEY":                emu.APIKey(),
		"KAPSO_API_BASE_URL":           srv.URL,
		"WHATSAPP_BUSINESS_ACCOUNT_ID": emu.BusinessAccountID(),
		"WHATSAPP_PHONE_NUMBER_ID":     emu.PhoneNumberID(),
	}
	return f
}

func repoTemplates(t *testing.T) []template.Template {
	t.Helper()
	docs, diags := spec.Load(templatesDir(t))
	if diag.HasErrors(diags) {
		t.Fatal(diags)
	}
	var out []template.Template
	for _, d := range docs {
		tpl, err := d.Decode()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tpl)
	}
	return out
}

func (f *sendFixture) send(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	args = append([]string{"send", "--config", filepath.Join(f.dir, "waform.yaml")}, args...)
	return runMain(t, f.clock, f.env, args...)
}

// count returns how many requests ended with suffix and had method.
func (f *sendFixture) count(method, suffix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if strings.HasPrefix(r, method+" ") && strings.HasSuffix(r, suffix) {
			n++
		}
	}
	return n
}

func TestSendWithDefaults(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	code, out, stderr := f.send(t, "order_confirmation", "-l", "en_US", "--to", "+1 (555) 123-4567")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "wamid.") || f.count("POST", "/messages") != 1 {
		t.Errorf("stdout %q, sends %d", out, f.count("POST", "/messages"))
	}
}

func TestSendWithParamsAndWait(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	code, out, stderr := f.send(t, "shipping_update", "--to", allowedRecipient, "--param", "1=Maria", "--param", "header.1=ORD-9", "--wait")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || lines[1] != lines[0]+" delivered" {
		t.Errorf("stdout = %q, want the wamid then \"<wamid> delivered\"", out)
	}
	if waited := f.clock.Now().Sub(renderNow); waited < 5*time.Second || waited > 10*time.Second {
		t.Errorf("waited %s on the fake clock, want delivery after 5s", waited)
	}
}

func TestSendWaitReportsWhyDeliveryFailed(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	code, out, stderr := f.send(t, "shipping_update", "--to", undeliverableRecipient, "--wait")
	if code != 1 || !strings.HasPrefix(out, "wamid.") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if !strings.Contains(stderr, "message failed: (#131026) Message undeliverable: The recipient cannot receive this message") {
		t.Errorf("stderr = %q, want the failure and WhatsApp's reason", stderr)
	}
}

func TestSendWaitTimesOut(t *testing.T) {
	f := newSendFixture(t, -1) // never delivered
	code, _, stderr := f.send(t, "shipping_update", "--to", allowedRecipient, "--wait", "--timeout", "30s")
	if code != 1 || !strings.Contains(stderr, "timed out waiting for delivery after 30s (last status: sent)") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestSendUploadsLocalMedia(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	photo := filepath.Join(f.dir, "launch.jpg")
	if err := os.WriteFile(photo, []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 2, 3}, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := f.send(t, "product_launch", "--to", allowedRecipient, "--header-media", photo)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if f.count("POST", "/media") != 1 || f.count("POST", "/messages") != 1 || !strings.HasPrefix(out, "wamid.") {
		t.Errorf("uploads %d, sends %d, stdout %q", f.count("POST", "/media"), f.count("POST", "/messages"), out)
	}
}

func TestSendRefusals(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	big := filepath.Join(f.dir, "big.jpg")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 6<<20); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"recipient outside the allow-list", []string{"order_confirmation", "-l", "en_US", "--to", "+15559876543"},
			"15559876543 is not in send.allowed_recipients (+1 555 123 4567, 15550000000); add it to waform.yaml or pass --allow-any-recipient"},
		{"6 MB JPEG", []string{"product_launch", "--to", allowedRecipient, "--header-media", big},
			"the file is 6.0 MB; IMAGE headers are limited to 5 MB"},
		{"pre-send check", []string{"shipping_update", "--to", allowedRecipient, "--param", "2=a\tb"},
			"parameter 2: contains a tab"},
		{"bad number", []string{"shipping_update", "--to", "call me"}, "give the number in international format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := f.send(t, c.args...)
			if code != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, c.want)
			}
		})
	}
	if n := f.count("POST", ""); n != 0 {
		t.Errorf("%d POST requests were made; refusals must send and upload nothing", n)
	}
}

func TestSendAllowAnyRecipient(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	code, _, stderr := f.send(t, "shipping_update", "--to", "15559876543", "--allow-any-recipient")
	if code != 0 || f.count("POST", "/messages") != 1 {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestSendOnlyApprovedTemplates(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	for _, s := range f.emu.Templates() {
		if s.Template.Name == "shipping_update" {
			if _, err := f.emu.SetStatus(s.ID, "PAUSED"); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, _, stderr := f.send(t, "shipping_update", "--to", allowedRecipient)
	if code != 1 || !strings.Contains(stderr, "its status is PAUSED, and only APPROVED templates can be sent") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if f.count("POST", "/messages") != 0 {
		t.Error("a paused template was sent")
	}
}

func TestSendExplainsAPIErrors(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	// The account's version of the template takes one more variable than
	// the local file: the send fails with 132000.
	remote := repoTemplates(t)[0]
	for _, tpl := range repoTemplates(t) {
		if tpl.Name == "spring_sale_coupon" {
			remote = tpl
		}
	}
	remote.Language = "en_GB"
	remote.Components[1].Text += " Ends {{3}}."
	remote.Components[1].Example.BodyText[0] = append(remote.Components[1].Example.BodyText[0], "Sunday")
	if _, err := f.emu.Seed(f.emu.BusinessAccountID(), remote, ""); err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(f.dir, "tpl")
	if err := os.MkdirAll(local, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(templatesDir(t), "spring_sale_coupon.en_US.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	gb := strings.Replace(string(src), "language: en_US", "language: en_GB", 1)
	if err := os.WriteFile(filepath.Join(local, "s.yaml"), []byte(gb), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := f.send(t, "spring_sale_coupon", "--dir", local, "--to", allowedRecipient)
	if code != 1 || !strings.Contains(stderr, "the number of parameters does not match the template on the account") ||
		!strings.Contains(stderr, "132000") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestSendDryRun(t *testing.T) {
	f := newSendFixture(t, 5*time.Second)
	code, out, stderr := f.send(t, "order_confirmation", "-l", "es_ES", "--to", allowedRecipient, "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wantHead := "POST " + f.env["KAPSO_API_BASE_URL"] + "/meta/whatsapp/v24.0/" + f.emu.PhoneNumberID() + "/messages\nX-API-Key: [REDACTED]\n"
	if !strings.HasPrefix(out, wantHead) || !strings.Contains(out, `"customer_name"`) || strings.Contains(out+stderr, f.env["KAPSO_API_KEY"]) {
		t.Errorf("stdout:\n%s", out)
	}
	if n := len(f.requests); n != 0 {
		t.Errorf("a dry run made %d requests", n)
	}
}
