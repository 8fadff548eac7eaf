package cli

import (
	"context"
	"strings"
	"testing"
)

// API errors that come from a setting name the setting and where its value
// came from, over real HTTP against the emulator.
func TestAPIErrorsNameTheSetting(t *testing.T) {
	a := newPlanAccount(t, "business_account_id: \"999\"\n",
		map[string]string{"templates/welcome.yaml": templateFile("welcome", "Welcome to the shop, we are glad you are here.")})
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"wrong key", map[string]string{"KAPSO_API_KEY": "wrong", "WHATSAPP_BUSINESS_ACCOUNT_ID": ""},
			[]string{"status"},
			"waform: the API key in KAPSO_API_KEY was refused (invalid or revoked): set KAPSO_API_KEY to a valid key from Kapso's dashboard: list templates: (#190)"},
		{"unknown account from waform.yaml", map[string]string{"WHATSAPP_BUSINESS_ACCOUNT_ID": ""},
			[]string{"status"},
			"waform: business_account_id 999 (from waform.yaml) is not a WhatsApp Business Account this key can reach"},
		{"unknown account from the environment", map[string]string{"WHATSAPP_BUSINESS_ACCOUNT_ID": "777"},
			[]string{"plan"},
			"waform: business_account_id 777 (from $WHATSAPP_BUSINESS_ACCOUNT_ID) is not a WhatsApp Business Account this key can reach"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			saved := map[string]string{}
			for k, v := range tc.env {
				saved[k] = a.env[k]
				a.env[k] = v
			}
			defer func() {
				for k, v := range saved {
					a.env[k] = v
				}
			}()
			code, _, errOut := runArgs(a, tc.args...)
			if code != exitFailure || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant it to contain %q", code, errOut, tc.want)
			}
			// The emulator names the unknown ID, not the path's last segment.
			if strings.Contains(errOut, "'message_templates'") {
				t.Errorf("error names the path segment:\n%s", errOut)
			}
		})
	}
}

func runArgs(a *planAccount, args ...string) (int, string, string) {
	var out, errOut strings.Builder
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errOut, func(k string) string { return a.env[k] })
	return code, out.String(), errOut.String()
}
