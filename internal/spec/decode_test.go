package spec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/waform/waform/internal/bench"
	"github.com/waform/waform/internal/template"
)

// roundTrip is how values were decoded before DecodeValue walked them
// directly: written out as JSON text and read back.
func roundTrip(v any) (template.Template, error) {
	var t template.Template
	data, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(data, &t)
	}
	return t, err
}

// TestDecodeValueMatchesEncodingJSON decodes every template document of
// the repository and the shared corpus (when present) both ways.
func TestDecodeValueMatchesEncodingJSON(t *testing.T) {
	var values []any
	root := filepath.Join("..", "..")
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || (d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !IsTemplateFile(p) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil {
			docs, _ := Parse(p, data)
			for _, doc := range docs {
				values = append(values, doc.Value)
			}
		}
		return nil
	})
	_ = filepath.WalkDir(filepath.Join(root, "..", "shared", "corpus"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".json" {
			if data, err := os.ReadFile(p); err == nil {
				var v any
				dec := json.NewDecoder(strings.NewReader(string(data)))
				dec.UseNumber()
				if dec.Decode(&v) == nil {
					values = append(values, v)
				}
			}
		}
		return nil
	})
	// Values that fail: types the model cannot hold.
	values = append(values,
		map[string]any{"name": json.Number("1")},
		map[string]any{"components": "x"},
		map[string]any{"message_send_ttl_seconds": json.Number("1.5")},
		map[string]any{"components": []any{map[string]any{"example": map[string]any{"body_text": json.Number("3")}}}},
		map[string]any{"NAME": "upper", "Language": "mixed", "components": nil},
	)
	// The forms of the model's own JSON types (examples, flow ids), which
	// DecodeValue sets without JSON text when they are all strings.
	for _, body := range []any{"one", []any{}, []any{"a", "b"}, []any{[]any{}}, []any{[]any{"a", "b"}, []any{"c"}},
		[]any{[]any{"a", nil}}, []any{[]any{"a"}, "b"}, []any{nil}, nil, json.Number("1"), true} {
		values = append(values, map[string]any{"components": []any{map[string]any{"example": map[string]any{"body_text": body}}}})
	}
	for _, example := range []any{"one", []any{}, []any{"a", "b"}, []any{"a", nil}, []any{[]any{"a"}}, json.Number("2"), false} {
		values = append(values, map[string]any{"components": []any{map[string]any{"buttons": []any{map[string]any{"example": example}}}}})
	}
	for _, flow := range []any{"123", "", json.Number("123"), json.Number("1.5e3"), true, []any{"1"}} {
		values = append(values, map[string]any{"components": []any{map[string]any{"buttons": []any{map[string]any{"flow_id": flow}}}}})
	}
	if len(values) < 50 {
		t.Fatalf("only %d documents found", len(values))
	}
	for _, v := range values {
		want, werr := roundTrip(v)
		got, gerr := DecodeValue(v)
		if (werr != nil) != (gerr != nil) || (werr == nil && !reflect.DeepEqual(got, want)) {
			data, _ := json.Marshal(v)
			t.Errorf("%s:\n got %+v, %v\nwant %+v, %v", data, got, gerr, want, werr)
		}
	}
}

// BenchmarkDecodeValue decodes the benchmark's template shapes, as
// validation does once per valid document.
func BenchmarkDecodeValue(b *testing.B) {
	var values []any
	for i := range bench.ValidShapes {
		docs, _ := Parse("shape.yaml", []byte(bench.Document(bench.ValidShapes, i)))
		values = append(values, docs[0].Value)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range values {
			if _, err := DecodeValue(v); err != nil {
				b.Fatal(err)
			}
		}
	}
}
