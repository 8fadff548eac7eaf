package validate

import (
	"testing"

	"github.com/waform/waform/internal/spec"
)

// FuzzValidate feeds arbitrary bytes to the loader and the validator, as a
// YAML file and as a JSON create body: no input may panic, and every
// diagnostic names its file and a rule from the table. The seed corpus in
// testdata/fuzz/FuzzValidate runs with plain `go test`.
func FuzzValidate(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "fuzz.yaml"
		docs, ds := spec.Parse(file, data)
		ds = append(ds, Check(docs)...)
		for _, d := range ds {
			if d.File != file {
				t.Fatalf("diagnostic without the file: %v", d)
			}
			if _, ok := Lookup(d.Rule); !ok || d.Message == "" {
				t.Fatalf("diagnostic with an unknown rule or no message: %v", d)
			}
		}
		for _, d := range Payload(data) {
			if _, ok := Lookup(d.Rule); !ok {
				t.Fatalf("payload diagnostic with an unknown rule: %v", d)
			}
		}
	})
}
