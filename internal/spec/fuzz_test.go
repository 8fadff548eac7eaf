package spec

import (
	"encoding/json"
	"testing"
)

// FuzzParse checks that no input makes the loader panic, hang or produce a
// value the schema validator cannot take. Seeds live in
// testdata/fuzz/FuzzParse so plain `go test` replays them.
func FuzzParse(f *testing.F) {
	f.Add([]byte("name: a\nlanguage: en\ncomponents: [{type: BODY, text: hi}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, diags := Parse("f.yaml", data)
		for _, d := range diags {
			if d.File != "f.yaml" || d.Rule == "" || d.Message == "" {
				t.Fatalf("incomplete diagnostic %+v", d)
			}
		}
		for _, doc := range docs {
			if _, err := json.Marshal(doc.Value); err != nil {
				t.Fatalf("value is not JSON: %v", err)
			}
			_ = doc.Pos("/components/0/text")
		}
	})
}
