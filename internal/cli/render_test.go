package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
)

// renderNow is the fake time of render and send tests.
var renderNow = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// runMain runs waform with a fake clock in the context and the given
// environment, returning the exit code and both streams.
func runMain(t *testing.T, clk clock.Clock, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	if clk == nil {
		clk = clock.NewFake(renderNow)
	}
	ctx := clock.With(context.Background(), clk)
	var out, errOut bytes.Buffer
	code := Main(ctx, args, strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

func templatesDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRenderText(t *testing.T) {
	code, out, stderr := runMain(t, nil, nil, "render", "order_confirmation", "--language", "en_US",
		"--dir", templatesDir(t), "--param", "customer_name=Ana, María")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := `+------------------------------------------------------+
| Thank you, Ana, María! Your order ORD-12345 is       |
| confirmed and will ship within two business days.    |
|                                                      |
| Reply STOP to opt out of order updates               |
+------------------------------------------------------+
| [ Track order ]                                      |
| https://shop.example.com/track/ORD-12345             |
+------------------------------------------------------+
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestRenderCarouselAndOffer(t *testing.T) {
	code, out, stderr := runMain(t, nil, nil, "render", "flash_deal", "--dir", templatesDir(t), "--param", "offer.expiration=2h")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"[image] no media given", "[offer] Flash deal! (ends 2030-01-02 05:04 UTC)", "[ Copy offer code ] FLASH40"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, stderr = runMain(t, nil, nil, "render", "weekend_getaways", "--dir", templatesDir(t))
	if code != 0 || !strings.Contains(out, "card 2 of 2:") || !strings.Contains(out, "Prague: two nights from $310.") {
		t.Errorf("exit %d: %s\n%s", code, stderr, out)
	}
}

func TestRenderJSONIsTheSendBody(t *testing.T) {
	code, out, stderr := runMain(t, nil, nil, "render", "order_confirmation", "-l", "en_US", "--dir", templatesDir(t),
		"--format", "json", "--to", "+1 555 123 4567")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := os.ReadFile(filepath.Join("..", "message", "testdata", "golden", "order_confirmation.en_US.json"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestRenderParamsFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "params.yaml")
	if err := os.WriteFile(file, []byte("1: Maria\nheader:\n  1: ORD-9\n2: Friday\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runMain(t, nil, nil, "render", "shipping_update", "--dir", templatesDir(t),
		"--params-file", file, "--param", "2=Monday")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Order ORD-9 is on its way", "Hi Maria, your package", "arrive on Monday."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	dir := templatesDir(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"order_confirmation"}, "order_confirmation exists in en_US, es_ES; choose one with --language"},
		{[]string{"order_confirmation", "-l", "fr_FR"}, "has no fr_FR version"},
		{[]string{"no_such_template"}, `no template named "no_such_template"`},
		{[]string{"shipping_update", "--param", "1=two\nlines"}, "parameter 1: contains a line break"},
		{[]string{"shipping_update", "--param", "customer_name=x"}, "parameter customer_name: the template uses positional parameters"},
		{[]string{"flash_deal", "--format", "json"}, "parameter header: the image header needs media"},
		{[]string{"shipping_update", "--param", "header=a.jpg", "--header-media", "b.jpg"}, "not both"},
	}
	for _, c := range cases {
		args := append([]string{"render", "--dir", dir}, c.args...)
		code, _, stderr := runMain(t, nil, nil, args...)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", c.args, code, stderr, c.want)
		}
	}
}
