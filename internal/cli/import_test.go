package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/waform/waform/internal/emulator"
)

// Import writes the files of the templates it has converted while the
// listing goes on; a listing that fails part-way, or that Ctrl-C ends
// (what cancelling the context stands for), leaves the folder as it was,
// without those files or the folder import made for them.
func TestImportListingEndsPartWay(t *testing.T) {
	for _, how := range []string{"fails", "is interrupted"} {
		t.Run(how, func(t *testing.T) {
			t.Chdir(t.TempDir())
			emu, err := emulator.New(emulator.Options{APIKey: planTestKey, PageSize: 100})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 250 {
				if _, err := emu.Seed(emu.BusinessAccountID(), utility(fmt.Sprintf("order_%d", i), "Your order is ready."), ""); err != nil {
					t.Fatal(err)
				}
			}
			ctx, interrupt := context.WithCancel(context.Background())
			defer interrupt()
			lists := 0
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/message_templates") {
					if lists++; lists == 3 && how == "fails" {
						w.Header().Set("Content-Type", "application/json")
						w.WriteHeader(http.StatusBadRequest)
						fmt.Fprint(w, `{"error":{"message":"Invalid parameter","type":"OAuthException","code":100}}`)
						return
					}
					if lists == 3 {
						interrupt()
						<-r.Context().Done()
						return
					}
				}
				emu.ServeHTTP(w, r)
			}))
			t.Cleanup(srv.Close)
			env := map[string]string{"KAPSO_API_KEY": planTestKey, "KAPSO_API_BASE_URL": srv.URL,
				"WHATSAPP_BUSINESS_ACCOUNT_ID": emu.BusinessAccountID()}
			var out, errOut bytes.Buffer
			code := Main(ctx, []string{"import"}, strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
			if code == 0 || lists != 3 {
				t.Fatalf("exit %d after %d list requests, want a failure on the third:\n%s%s", code, lists, out.String(), errOut.String())
			}
			if entries, _ := os.ReadDir("."); len(entries) != 0 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("the folder holds %v after the listing ended part-way, want nothing", names)
			}
		})
	}
}
