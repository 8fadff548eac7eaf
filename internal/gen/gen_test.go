package gen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/waform/waform/internal/cli"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/gen"
	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the golden generated files in testdata/golden")

const (
	samplesDir = "../../templates"
	recipient  = "15551234567"
	// expiresMS is the offer end every sample is sent with: 2100-01-01.
	expiresMS = "4102444800000"
)

func loadSamples(t *testing.T) []template.Template {
	t.Helper()
	docs, ds := validate.Files(samplesDir)
	if len(ds) > 0 {
		t.Fatalf("samples do not validate cleanly: %v", ds)
	}
	var out []template.Template
	for _, d := range docs {
		tpl, err := d.Decode()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tpl)
	}
	return out
}

func generate(t *testing.T, templates []template.Template, lang string) []gen.File {
	t.Helper()
	out, err := gen.Generate(templates, gen.Options{Lang: lang, Package: "wa"})
	if err != nil || len(out.Skipped) > 0 {
		t.Fatal(err, out.Skipped)
	}
	return out.Files
}

// TestGolden keeps the generated code of the samples, per language, in
// testdata/golden, so a change to it shows in review.
func TestGolden(t *testing.T) {
	samples := loadSamples(t)
	for _, lang := range gen.Langs {
		for _, f := range generate(t, samples, lang) {
			path := filepath.Join("testdata", "golden", lang, f.Path)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden file (run go test ./internal/gen -update): %v", err)
			}
			if !bytes.Equal(f.Data, want) {
				t.Errorf("%s differs from what gen writes; run go test ./internal/gen -update and review the diff", path)
			}
		}
	}
}

// sendCase is one sample sent with values for every parameter.
type sendCase struct {
	tpl    template.Template
	fields []gen.TestField
	params message.Params
}

// value is the test's value of field i, as --param takes it: never the
// template's example (send would fall back to it) and never another
// field's value, so a field sent in the wrong place shows.
func value(tpl template.Template, i int, f gen.TestField) string {
	switch f.Kind {
	case message.KindMedia:
		return "https://media.example.com/" + tpl.Name + "/" + f.Key + ".bin"
	case message.KindExpiration:
		return expiresMS
	case message.KindFlowData:
		return `{"customer_id":"c_123","plan":"gold"}`
	case message.KindLocation:
		if strings.HasSuffix(f.Key, "itude") { // a number in range
			return fmt.Sprintf("%d.5", 10+i)
		}
	case message.KindCode:
		return fmt.Sprintf("%06d", 654320+i)
	}
	key := strings.NewReplacer(".", "", "_", "").Replace(f.Key)
	return fmt.Sprintf("v%d-%.10s", i, key) // at most 15 characters, as a coupon code
}

func sendCases(t *testing.T, samples []template.Template) []sendCase {
	t.Helper()
	fields, err := gen.ContractFields(samples)
	if err != nil {
		t.Fatal(err)
	}
	var out []sendCase
	for _, tpl := range samples {
		c := sendCase{tpl: tpl, fields: fields[tpl.Name], params: message.Params{}}
		for i, f := range c.fields {
			c.params[f.Key] = value(tpl, i, f)
		}
		out = append(out, c)
	}
	return out
}

// dryRun returns the request body `waform send --dry-run` prints.
func dryRun(t *testing.T, c sendCase) []byte {
	t.Helper()
	args := []string{"send", c.tpl.Name, "--language", c.tpl.Language, "--to", recipient, "--dry-run", "--local", "--dir", samplesDir}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range c.params {
			if !yield(k) {
				return
			}
		}
	}) {
		args = append(args, "--param", k+"="+c.params[k])
	}
	var out, errOut bytes.Buffer
	if code := cli.Main(context.Background(), args, strings.NewReader(""), &out, &errOut, func(string) string { return "" }); code != 0 {
		t.Fatalf("waform %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	_, body, ok := strings.Cut(out.String(), "\n\n")
	if !ok {
		t.Fatalf("send --dry-run printed no body:\n%s", out.String())
	}
	return []byte(body)
}

// normalize re-encodes a JSON document, so key order and spacing do not
// count while every value and array order does.
func normalize(t *testing.T, data []byte) string {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// goLiteral writes a field's test value as a Go expression.
func goLiteral(c sendCase, f gen.TestField) string {
	v := c.params[f.Key]
	switch f.Kind {
	case message.KindMedia:
		return "wa.Media{Link: " + strconv.Quote(v) + "}"
	case message.KindExpiration:
		return v
	case message.KindFlowData:
		return `map[string]any{"customer_id": "c_123", "plan": "gold"}`
	}
	return strconv.Quote(v)
}

// TestGoMatchesSendDryRun compiles the generated Go package with a program
// that builds every sample with the same values as `waform send --dry-run`
// is given, runs it, and compares the request bodies after JSON
// normalisation. go vet must accept the generated package.
func TestGoMatchesSendDryRun(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	samples := loadSamples(t)
	cases := sendCases(t, samples)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/gentest\n\ngo 1.22\n")
	for _, f := range generate(t, samples, gen.LangGo) {
		write(t, filepath.Join(dir, "wa", f.Path), string(f.Data))
	}
	var main strings.Builder
	main.WriteString("package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\n\t\"example.com/gentest/wa\"\n)\n\nfunc main() {\n")
	for _, c := range cases {
		fmt.Fprintf(&main, "\temit(wa.%s{\n", gen.TypeName(c.tpl.Name))
		for _, f := range c.fields {
			fmt.Fprintf(&main, "\t\t%s: %s,\n", f.GoName, goLiteral(c, f))
		}
		fmt.Fprintf(&main, "\t}.Template(%q))\n", c.tpl.Language)
	}
	fmt.Fprintf(&main, `	// A required field left empty is refused, naming it.
	_, err := wa.%s{}.Template(%q)
	fmt.Println(err)
}

func emit(t wa.TemplateMessage, err error) {
	if err != nil {
		panic(err)
	}
	out, err := json.Marshal(wa.NewRequest(%q, t))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
}
`, gen.TypeName(cases[0].tpl.Name), cases[0].tpl.Language, recipient)
	write(t, filepath.Join(dir, "main.go"), main.String())

	run := func(args ...string) string {
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("vet", "./...")
	lines := strings.Split(strings.TrimSpace(run("run", ".")), "\n")
	if len(lines) != len(cases)+1 {
		t.Fatalf("the program printed %d lines for %d samples:\n%s", len(lines), len(cases), strings.Join(lines, "\n"))
	}
	for i, c := range cases {
		want := normalize(t, dryRun(t, c))
		if got := normalize(t, []byte(lines[i])); got != want {
			t.Errorf("%s: generated Go builds\n  %s\nwaform send --dry-run prints\n  %s", c.tpl.Key(), got, want)
		}
	}
	if last := lines[len(cases)]; !strings.Contains(last, "missing template parameters") {
		t.Errorf("an empty %s was not refused: %s", cases[0].tpl.Name, last)
	}
}

// TestTypeScriptMatchesSendDryRun does the same with the TypeScript output,
// compiled with tsc --strict and run with node, when both are on PATH.
func TestTypeScriptMatchesSendDryRun(t *testing.T) {
	tsc, err := exec.LookPath("tsc")
	if err != nil {
		t.Skip("tsc is not on PATH: the TypeScript output is not compiled (npm install -g typescript to run this test)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH")
	}
	samples := loadSamples(t)
	cases := sendCases(t, samples)
	dir := t.TempDir()
	for _, f := range generate(t, samples, gen.LangTS) {
		write(t, filepath.Join(dir, f.Path), string(f.Data))
	}
	var main strings.Builder
	main.WriteString("import * as wa from \"./templates\";\n\n")
	for _, c := range cases {
		fmt.Fprintf(&main, "console.log(JSON.stringify(wa.newRequest(%q, wa.%s({\n", recipient, gen.FuncName(c.tpl.Name))
		for _, f := range c.fields {
			fmt.Fprintf(&main, "  %s: %s,\n", f.TSName, tsLiteral(c, f))
		}
		fmt.Fprintf(&main, "}, %q))));\n", c.tpl.Language)
	}
	write(t, filepath.Join(dir, "main.ts"), main.String())
	cmd := exec.Command(tsc, "--strict", "--noUnusedLocals", "--target", "es2020", "--module", "commonjs", "--outDir", "out", "main.ts", "templates.ts")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tsc --strict: %v\n%s", err, out)
	}
	cmd = exec.Command(node, filepath.Join("out", "main.js"))
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("the program printed %d lines for %d samples:\n%s", len(lines), len(cases), out)
	}
	for i, c := range cases {
		want := normalize(t, dryRun(t, c))
		if got := normalize(t, []byte(lines[i])); got != want {
			t.Errorf("%s: generated TypeScript builds\n  %s\nwaform send --dry-run prints\n  %s", c.tpl.Key(), got, want)
		}
	}
}

func tsLiteral(c sendCase, f gen.TestField) string {
	v := c.params[f.Key]
	switch f.Kind {
	case message.KindMedia:
		return "{ link: " + strconv.Quote(v) + " }"
	case message.KindExpiration, message.KindFlowData:
		return v
	}
	return strconv.Quote(v)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTranslationsShareOneContract generates one type for a name with two
// languages whose named variables come in a different order: each language
// sends its own order.
func TestTranslationsShareOneContract(t *testing.T) {
	src := `name: greet
language: en_US
category: UTILITY
parameter_format: NAMED
components:
  - type: BODY
    text: "Hello {{first_name}}, your code for today is {{code_word}}, enjoy it."
    example:
      body_text_named_params: [{param_name: first_name, example: Ann}, {param_name: code_word, example: blue}]
---
name: greet
language: de
category: UTILITY
parameter_format: NAMED
components:
  - type: BODY
    text: "Dein heutiges Codewort ist {{code_word}}, viel Spaß damit, {{first_name}}, bis bald."
    example:
      body_text_named_params: [{param_name: first_name, example: Anna}, {param_name: code_word, example: blau}]
`
	docs, ds := spec.Parse("greet.yaml", []byte(src))
	ds = append(ds, validate.Check(docs)...)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var tpls []template.Template
	for _, d := range docs {
		tpl, err := d.Decode()
		if err != nil {
			t.Fatal(err)
		}
		tpls = append(tpls, tpl)
	}
	code := string(generate(t, tpls, gen.LangGo)[0].Data)
	if n := strings.Count(code, "type Greet struct"); n != 1 {
		t.Fatalf("%d Greet types", n)
	}
	de := `{Type: "text", ParameterName: "code_word", Text: p.CodeWord}, {Type: "text", ParameterName: "first_name", Text: p.FirstName}`
	en := `{Type: "text", ParameterName: "first_name", Text: p.FirstName}, {Type: "text", ParameterName: "code_word", Text: p.CodeWord}`
	if !strings.Contains(code, de) || !strings.Contains(code, en) {
		t.Errorf("each language should send its own order of named parameters:\n%s", code)
	}
}

// TestSchemaAcceptsTheSampleParameters checks each generated JSON Schema
// against the values the send test uses, and that it refuses a missing or
// unknown parameter.
func TestSchemaAcceptsTheSampleParameters(t *testing.T) {
	samples := loadSamples(t)
	files := generate(t, samples, gen.LangJSONSchema)
	byName := map[string][]byte{}
	for _, f := range files {
		byName[strings.TrimSuffix(f.Path, ".schema.json")] = f.Data
	}
	names := map[string]bool{}
	for _, s := range samples {
		names[s.Name] = true
	}
	if len(byName) != len(names) {
		t.Errorf("%d schemas; want one per sample name (%d)", len(byName), len(names))
	}
	for _, c := range sendCases(t, samples) {
		data := byName[c.tpl.Name]
		valid := map[string]any{}
		for k, v := range c.params {
			valid[k] = v
		}
		if err := validateSchema(data, valid); err != nil {
			t.Errorf("%s: the send test's parameters do not fit the schema: %v", c.tpl.Key(), err)
		}
		unknown := map[string]any{"no_such_parameter": "x"}
		for k, v := range valid {
			unknown[k] = v
		}
		if validateSchema(data, unknown) == nil {
			t.Errorf("%s: an unknown parameter was accepted", c.tpl.Key())
		}
		for _, f := range c.fields {
			if f.Kind == message.KindFlowData || f.Kind == message.KindPayload && !strings.HasPrefix(f.Key, "card.") {
				continue // optional
			}
			missing := map[string]any{}
			for k, v := range valid {
				if k != f.Key {
					missing[k] = v
				}
			}
			if validateSchema(data, missing) == nil {
				t.Errorf("%s: a missing %s was accepted", c.tpl.Key(), f.Key)
			}
		}
	}
}

func validateSchema(schemaJSON []byte, v map[string]any) error {
	c := jsonschema.NewCompiler()
	if err := c.AddResource("params.json", bytes.NewReader(schemaJSON)); err != nil {
		return fmt.Errorf("bad schema: %w", err)
	}
	s, err := c.Compile("params.json")
	if err != nil {
		return fmt.Errorf("bad schema: %w", err)
	}
	return s.Validate(v)
}

// TestUnsupportedTemplatesAreSkipped: a template whose request waform
// cannot build (multi-product buttons need product sections) gets no
// contract, with the reason; the others are generated.
func TestUnsupportedTemplatesAreSkipped(t *testing.T) {
	body := []template.Component{{Type: "BODY", Text: "Your order has shipped today, thank you."}}
	ok := template.Template{Name: "shipped", Language: "en_US", Category: "UTILITY", Components: body}
	mpm := template.Template{Name: "catalog", Language: "en_US", Category: "MARKETING", Components: append(body,
		template.Component{Type: "BUTTONS", Buttons: []template.Button{{Type: "MPM", Text: "View items"}}})}
	out, err := gen.Generate([]template.Template{mpm, ok}, gen.Options{Lang: gen.LangGo})
	if err != nil {
		t.Fatal(err)
	}
	want := gen.Skipped{Key: mpm.Key(), Reason: "MPM buttons need product sections"}
	if len(out.Skipped) != 1 || out.Skipped[0].Key != want.Key || !strings.Contains(out.Skipped[0].Reason, want.Reason) {
		t.Errorf("skipped %+v, want %+v", out.Skipped, want)
	}
	code := string(out.Files[0].Data)
	if !strings.Contains(code, "type Shipped struct") || strings.Contains(code, "Catalog") {
		t.Errorf("want Shipped only:\n%s", code)
	}
}

// TestCorpusTemplatesGenerate generates every valid create body of
// ../shared/corpus on its own, in every language: none may fail (other
// than being skipped as unsupported) or panic.
func TestCorpusTemplatesGenerate(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "valid", "create__*.json"))
	if len(files) == 0 {
		t.Skip("../shared/corpus is absent")
	}
	generated := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if ds := validate.Payload(data); len(ds) > 0 && slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
			continue // the validator refuses it; gen never sees it
		}
		var tpl template.Template
		if err := json.Unmarshal(data, &tpl); err != nil {
			t.Fatal(err)
		}
		for _, lang := range gen.Langs {
			out, err := gen.Generate([]template.Template{tpl}, gen.Options{Lang: lang})
			if err != nil {
				t.Errorf("%s (%s): %v", filepath.Base(f), lang, err)
			}
			if len(out.Skipped) == 0 {
				generated++
			}
		}
	}
	t.Logf("generated %d contracts from %d corpus templates", generated/len(gen.Langs), len(files))
}

// TestExamplesCannotEndComments: a template's example is quoted in the
// generated documentation, so one holding "*/" must not close the
// TypeScript comment (the file would not compile).
func TestExamplesCannotEndComments(t *testing.T) {
	tpl := template.Template{Name: "path_ready", Language: "en_US", Category: "UTILITY", ParameterFormat: "NAMED",
		Components: []template.Component{{Type: "BODY", Text: "Your export {{path}} is ready for download now.",
			Example: &template.Example{BodyTextNamedParams: []template.NamedParam{{ParamName: "path", Example: "a/*b*/c\nd"}}}}}}
	for _, f := range generate(t, []template.Template{tpl}, gen.LangTS) {
		for _, line := range strings.Split(string(f.Data), "\n") {
			if i := strings.Index(line, "/**"); i >= 0 && strings.Index(line, "*/") != len(line)-2 {
				t.Errorf("a comment ends early or spans lines: %s", line)
			}
		}
	}
}

// TestNamesAlwaysCompile: template names and parameter names Meta accepts
// become identifiers that compile: a name starting with a digit, names the
// generated code uses itself (location, new_request, template_message), two
// names that camel-case alike (order_1, order1), a JavaScript keyword
// (delete), and a parameter named like the Template method or starting
// with "_".
func TestNamesAlwaysCompile(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	var templates []template.Template
	for _, name := range []string{"2fa_notice", "location", "new_request", "template_message", "order_1", "order1", "delete"} {
		templates = append(templates, template.Template{Name: name, Language: "en_US", Category: "UTILITY", ParameterFormat: "NAMED",
			Components: []template.Component{{Type: "BODY", Text: "Hello {{template}}, your request {{_1}} is done today.",
				Example: &template.Example{BodyTextNamedParams: []template.NamedParam{{ParamName: "template", Example: "A"}, {ParamName: "_1", Example: "B"}}}}}})
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/gentest\n\ngo 1.22\n")
	for _, f := range generate(t, templates, gen.LangGo) {
		write(t, filepath.Join(dir, f.Path), string(f.Data))
	}
	cmd := exec.Command(goBin, "vet", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet: %v\n%s", err, out)
	}
	tsc, err := exec.LookPath("tsc")
	if err != nil {
		t.Skip("tsc is not on PATH: the TypeScript output is not compiled")
	}
	for _, f := range generate(t, templates, gen.LangTS) {
		write(t, filepath.Join(dir, f.Path), string(f.Data))
	}
	cmd = exec.Command(tsc, "--strict", "--noEmit", "templates.ts")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("tsc --strict: %v\n%s", err, out)
	}
}
