package template

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// repoRoot returns the folder of go.mod, skipping the test when there is
// none.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
}

// corpusDir returns ../shared/corpus/valid next to the repository, skipping
// the test when it is absent: the corpus is not part of the repository.
func corpusDir(t *testing.T) string {
	t.Helper()
	valid := filepath.Join(repoRoot(t), "..", "shared", "corpus", "valid")
	if _, err := os.Stat(valid); err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	return valid
}

func corpusFiles(t *testing.T, prefix string) map[string][]byte {
	t.Helper()
	dir := corpusDir(t)
	paths, err := filepath.Glob(filepath.Join(dir, prefix+"*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no %s*.json files in %s", prefix, dir)
	}
	files := make(map[string][]byte, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = b
	}
	return files
}

// remotes decodes a GET answer: a list page ({"data": [...]}) or one node.
func remotes(t *testing.T, data []byte) []Remote {
	t.Helper()
	var page struct {
		Data []Remote `json:"data"`
	}
	if err := json.Unmarshal(data, &page); err == nil && page.Data != nil {
		return page.Data
	}
	var one Remote
	if err := json.Unmarshal(data, &one); err != nil {
		t.Fatalf("decode remote: %v", err)
	}
	return []Remote{one}
}

func TestCorpusRemotesNormalize(t *testing.T) {
	n := 0
	for name, data := range corpusFiles(t, "get__") {
		for i, r := range remotes(t, data) {
			got := FromRemote(r)
			if again := Canonical(got); !reflect.DeepEqual(again, got) {
				t.Errorf("%s[%d]: FromRemote is not canonical:\n%+v\n%+v", name, i, got, again)
			}
			if !Equal(got, got) {
				t.Errorf("%s[%d]: not equal to itself: %v", name, i, Diff(got, got))
			}
			n++
		}
	}
	if n < 40 {
		t.Errorf("only %d remote templates read from the corpus", n)
	}
}

func TestCorpusCreatesAreIdempotent(t *testing.T) {
	for name, data := range corpusFiles(t, "create__") {
		var tpl Template
		if err := json.Unmarshal(data, &tpl); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		once := Canonical(tpl)
		if twice := Canonical(once); !reflect.DeepEqual(once, twice) {
			t.Errorf("%s: Canonical not idempotent:\n%+v\n%+v", name, once, twice)
		}
		if !Equal(tpl, once) {
			t.Errorf("%s: differs from its canonical form: %v", name, Diff(tpl, once))
		}
		// What waform sends must read back as the same template.
		var back Template
		if err := json.Unmarshal(mustJSON(t, ForCreate(tpl)), &back); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := Diff(once, FromRemote(Remote{Template: back})); len(d) > 0 {
			t.Errorf("%s: create body does not round-trip: %v", name, d)
		}
	}
}

// The Ruby VCR cassettes hold the create body and the GET answer of the same
// template: Meta added '+' to the phone number and parameter_format.
func TestCorpusCreateThenGetIsEqual(t *testing.T) {
	creates := corpusFiles(t, "create__marketing__positional_allow_category_change_nl__seasonal_promotion_ruby_vcr")
	gets := corpusFiles(t, "get__single_by_id__seasonal_promotion_phone_normalized_ruby_vcr")
	var local Template
	for _, data := range creates {
		if err := json.Unmarshal(data, &local); err != nil {
			t.Fatal(err)
		}
	}
	var remote Remote
	for _, data := range gets {
		remote = remotes(t, data)[0]
	}
	if local.Key() != remote.Key() {
		t.Fatalf("not the same template: %v vs %v", local.Key(), remote.Key())
	}
	if !strings.HasPrefix(remote.Components[1].Buttons[0].PhoneNumber, "+") || local.ParameterFormat != "" {
		t.Fatalf("corpus changed: the pair no longer shows Meta's rewrites")
	}
	if d := Diff(Canonical(local), FromRemote(remote)); len(d) > 0 {
		t.Errorf("create and GET of the same template differ: %v", d)
	}
}

// The real list holds an authentication template as Meta rewrites it; the
// file that would create it compares equal, and FromRemote restores the OTP
// button.
func TestCorpusAuthenticationReadBack(t *testing.T) {
	files := corpusFiles(t, "get__list__mixed_real_waba_flow_auth_named_cdn_handles")
	var auth *Remote
	for _, data := range files {
		for _, r := range remotes(t, data) {
			if r.Name == "explore_flow_otp" {
				auth = &r
			}
		}
	}
	if auth == nil {
		t.Fatal("explore_flow_otp not in the corpus list")
	}
	got := FromRemote(*auth)
	want := []Component{
		{Type: "BODY", AddSecurityRecommendation: ptr(true)},
		{Type: "FOOTER", CodeExpirationMinutes: ptr(10)},
		{Type: "BUTTONS", Buttons: []Button{{Type: "OTP", OTPType: "COPY_CODE", Text: "Copy code"}}},
	}
	if !reflect.DeepEqual(got.Components, want) {
		t.Errorf("FromRemote components =\n%+v\nwant\n%+v", got.Components, want)
	}
}

func ptr[T any](v T) *T { return &v }
