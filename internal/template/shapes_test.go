package template

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// shapeCase is one row of testdata/remote_shapes.json: a file's template,
// what the API answers for it, and the changes Diff must report.
type shapeCase struct {
	Name    string          `json:"name"`
	Row     int             `json:"row"`
	Local   json.RawMessage `json:"local"`
	Remote  json.RawMessage `json:"remote"`
	Changes json.RawMessage `json:"changes"`
}

func TestRemoteShapes(t *testing.T) {
	data, err := os.ReadFile("testdata/remote_shapes.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []shapeCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("decode cases: %v", err)
	}
	rows := map[int]bool{}
	for _, c := range cases {
		rows[c.Row] = true
		t.Run(c.Name, func(t *testing.T) {
			local := decodeLocal(t, c.Local)
			var remote Remote
			if err := json.Unmarshal(c.Remote, &remote); err != nil {
				t.Fatalf("decode remote: %v", err)
			}
			got := Diff(Canonical(local), FromRemote(remote))
			if !sameJSON(t, got, c.Changes) {
				t.Errorf("row %d: Diff =\n%s\nwant\n%s", c.Row, mustJSON(t, got), c.Changes)
			}
			if Equal(Canonical(local), FromRemote(remote)) != (len(got) == 0) {
				t.Errorf("Equal disagrees with Diff")
			}
		})
	}
	for row := 1; row <= 14; row++ {
		if !rows[row] {
			t.Errorf("no case covers TEMPLATE-RULES §1.3 row %d", row)
		}
	}
}

// decodeLocal reads a file-shaped template strictly, as the loader does, so
// a typo in the table cannot pass unnoticed.
func decodeLocal(t *testing.T, raw []byte) Template {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var tpl Template
	if err := dec.Decode(&tpl); err != nil {
		t.Fatalf("decode local: %v", err)
	}
	return tpl
}

func sameJSON(t *testing.T, got any, want []byte) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(mustJSON(t, got), &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if g == nil {
		g = []any{}
	}
	return reflect.DeepEqual(g, w)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
