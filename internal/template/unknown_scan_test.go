package template

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// checkScanMatchesDecoding holds unknownKeys to what decoding finds, on
// valid JSON: the same keys, or a fallback to decoding.
func checkScanMatchesDecoding(t *testing.T, name string, raw []byte) {
	t.Helper()
	if !json.Valid(raw) {
		return
	}
	var got []string
	if !unknownKeys(raw, &got) {
		return // Unknown decodes these
	}
	want := decodedUnknownKeys(raw)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: scanning finds %q, decoding %q", name, got, want)
	}
}

// unknownCases are JSON texts of templates with unknown keys in the places
// walkUnknown looks, and the forms the scanner leaves to decoding.
var unknownCases = []string{
	`{"name":"a","components":[{"type":"BODY","text":"x","foo":1,"example":{"body_text":[["a"]],"bar":{"x":[1,{"y":2}]}}}]}`,
	`{"components":[{"type":"BUTTONS","buttons":[{"type":"URL","url":"u","extra":[],"example":["a"]},{"type":"X","z":null}]}]}`,
	`{"components":[{"type":"CAROUSEL","cards":[{"components":[{"type":"HEADER","format":"IMAGE","q":true}],"k":"v"}]}]}`,
	`{"components":"not a list","x":{"components":[{"a":1}]}}`,
	`{"components":[1,"s",null,[{"a":1}],{"type":"BODY","Text":"case","text ":"space"}]}`,
	`{"components":[{"type":"BODY"}],"components":[{"type":"BODY","later":1}]}`,
	`{"components":[{"type":"BODY","a":1,"a":2}]}`,
	`{"components":[{"type":"BODY","\u0061":1,"caf\u00e9":2}]}`,
	`{"components":[{"type":"BODY","café":1}]}`,
	` [ {"components":[{"a":1}]} ] `,
	`{"components":[{"type":"BODY","limited_time_offer":{"text":"t","has_expiration":true,"w":-1.5e3}}]}`,
	`{ "components" : [ { "type" : "BODY" , "x" : "a\"b\\" , "y" : { } } ] , "id" : "1" }`,
}

func TestUnknownKeysMatchesDecoding(t *testing.T) {
	for i, c := range unknownCases {
		checkScanMatchesDecoding(t, "case "+string(rune('a'+i)), []byte(c))
	}
	for i, c := range unknownCases {
		var out []string
		// Cases 5 to 8 repeat a key, escape one or are not ASCII.
		if fast, want := unknownKeys([]byte(c), &out), i < 5 || i > 8; fast != want {
			t.Errorf("case %d: scanned %v, want %v", i, fast, want)
		}
	}
	if got := Unknown(Remote{}, []byte(unknownCases[0])); !slices.Equal(got, []string{"components[0].example.bar", "components[0].foo"}) {
		t.Errorf("Unknown = %q", got)
	}
	n := 0
	for _, dir := range []string{"testdata", filepath.Join(repoRoot(t), "..", "shared", "corpus")} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var items []json.RawMessage
			var page struct{ Data []json.RawMessage }
			switch {
			case json.Unmarshal(data, &page) == nil && page.Data != nil:
				items = page.Data
			case json.Unmarshal(data, &items) == nil:
			default:
				items = []json.RawMessage{data}
			}
			for _, item := range items {
				checkScanMatchesDecoding(t, p, item)
				n++
			}
			return nil
		})
	}
	t.Logf("%d JSON texts", n)
}

func FuzzUnknownKeys(f *testing.F) {
	for _, c := range unknownCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkScanMatchesDecoding(t, "fuzz", raw)
		_ = Unknown(Remote{}, raw) // never panics, valid or not
	})
}

// A listed template as Meta answers it, which every list request decodes a
// hundred of.
var listedTemplate = []byte(`{"name":"order_update_42","language":"en_US","status":"APPROVED","category":"UTILITY",` +
	`"parameter_format":"POSITIONAL","components":[{"type":"HEADER","format":"TEXT","text":"Order {{1}} update",` +
	`"example":{"header_text":["A-42"]}},{"type":"BODY","text":"Hi {{1}}, your order {{2}} ships on {{3}}.",` +
	`"example":{"body_text":[["Pablo","A-42","Monday"]]}},{"type":"FOOTER","text":"Reply STOP to opt out"},` +
	`{"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://example.com/t/{{1}}",` +
	`"example":["https://example.com/t/A-42"]},{"type":"PHONE_NUMBER","text":"Call us","phone_number":"+15550051310"},` +
	`{"type":"QUICK_REPLY","text":"Thanks"}]}],"id":"1000042"}`)

func BenchmarkUnknown(b *testing.B) {
	var r Remote
	if err := json.Unmarshal(listedTemplate, &r); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if u := Unknown(r, listedTemplate); len(u) > 0 {
			b.Fatal(u)
		}
	}
}
