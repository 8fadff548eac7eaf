package graph

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// DescribeSend shows what SendMessage really sends: the same method, path
// and header names, with no credential.
func TestDescribeSend(t *testing.T) {
	for _, provider := range []string{ProviderKapso, ProviderMeta} {
		rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			writeJSON(w, 200, map[string]any{"messages": []any{map[string]any{"id": "wamid.1"}}})
		})}
		env := newTestEnv(t, rec, func(o *Options) {
			if o.Provider = provider; provider == ProviderMeta {
				o.Token, o.APIKey = testKey, ""
			}
		})
		if _, err := env.client.SendMessage(context.Background(), "222", map[string]string{"to": "1"}); err != nil {
			t.Fatal(err)
		}
		sent := rec.all()[0]
		got := DescribeSend(provider, env.client.opts.BaseURL, "222")
		want := []string{"POST " + env.client.opts.BaseURL + "/222/messages"}
		for _, name := range []string{"X-API-Key", "Authorization"} {
			if v := sent.Header.Get(name); v != "" {
				scheme, _, _ := strings.Cut(v, " ")
				if name == "Authorization" {
					want = append(want, name+": "+scheme+" [REDACTED]")
				} else {
					want = append(want, name+": [REDACTED]")
				}
			}
		}
		want = append(want, "Content-Type: "+sent.Header.Get("Content-Type"))
		if sent.Method != http.MethodPost || !strings.HasSuffix(env.client.opts.BaseURL+"/222/messages", sent.Path) || !slices.Equal(got, want) {
			t.Errorf("%s: DescribeSend %q; sent %s %s, want %q", provider, got, sent.Method, sent.Path, want)
		}
		if strings.Contains(strings.Join(got, "\n"), testKey) {
			t.Errorf("%s: the credential shows", provider)
		}
	}
}
