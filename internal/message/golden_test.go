package message_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testNow is the fixed clock of every test: offer expirations count from it.
var testNow = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// loadTemplates reads every template of the repository's templates folder.
func loadTemplates(t *testing.T) []template.Template {
	t.Helper()
	docs, diags := spec.Load(filepath.Join("..", "..", "templates"))
	if diag.HasErrors(diags) {
		t.Fatalf("load templates: %v", diags)
	}
	var out []template.Template
	for _, d := range docs {
		tpl, err := d.Decode()
		if err != nil {
			t.Fatalf("decode %s: %v", d.File, err)
		}
		out = append(out, tpl)
	}
	if len(out) == 0 {
		t.Fatal("templates/ holds no templates")
	}
	return out
}

// mediaParams gives every media header of t a link, since a template's own
// example is an upload handle that cannot be sent.
func mediaParams(t template.Template) message.Params {
	p := message.Params{}
	add := func(key string, cs []template.Component) {
		for _, c := range cs {
			if strings.EqualFold(c.Type, "HEADER") && slices.Contains([]string{"IMAGE", "VIDEO", "GIF", "DOCUMENT"}, strings.ToUpper(c.Format)) {
				p[key] = "https://media.example.com/" + t.Name + "/" + key + "." + strings.ToLower(c.Format)
			}
		}
	}
	add("header", t.Components)
	for _, c := range t.Components {
		for i, card := range c.Cards {
			add("card."+strconv.Itoa(i)+".header", card.Components)
		}
	}
	return p
}

// TestGoldenRequests builds every template in templates/ with its examples
// as values and compares the request body with its golden file.
func TestGoldenRequests(t *testing.T) {
	for _, tpl := range loadTemplates(t) {
		name := tpl.Name + "." + tpl.Language
		t.Run(name, func(t *testing.T) {
			m, err := message.Build(tpl, mediaParams(tpl), message.Options{To: "15551234567", Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(m.Request, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			checkGolden(t, filepath.Join("testdata", "golden", name+".json"), got)
		})
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestCorpusTemplatesBuild builds every valid create payload of the shared
// corpus from its examples: each must build, unless it uses a kind waform
// send says it does not build (product headers, MPM and SPM buttons).
func TestCorpusTemplatesBuild(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "valid", "create__*.json"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var tpl template.Template
		if err := json.Unmarshal(data, &tpl); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		_, err = message.Build(tpl, mediaParams(tpl), message.Options{To: "15551234567", Now: testNow})
		var ce *message.CheckError
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("%s: %v", filepath.Base(file), err)
		}
		for _, p := range problemsOf(ce) {
			if !strings.Contains(p.Reason, "not supported") && !strings.Contains(p.Reason, "does not build") {
				t.Errorf("%s: parameter %s: %s", filepath.Base(file), p.Key, p.Reason)
			}
		}
	}
}

func problemsOf(ce *message.CheckError) []message.Problem {
	if ce == nil {
		return nil
	}
	return ce.Problems
}
