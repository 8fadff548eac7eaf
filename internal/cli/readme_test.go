package cli

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/kong"

	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/validate"
	"github.com/waform/waform/schema"
)

// repoRoot is where README.md and examples/ live, relative to this package.
const repoRoot = "../.."

// exampleEnvironments are the environments each example config documents;
// the test fails if one goes missing.
var exampleEnvironments = map[string][]string{
	"repository": {"staging", "production"},
}

// Every waform.yaml under examples/ loads with the config package, and the
// templates folder beside it (when there is one) validates without errors
// and is formatted: an example that does not work teaches the wrong thing.
func TestExamplesValidate(t *testing.T) {
	var configs []string
	err := filepath.WalkDir(filepath.Join(repoRoot, "examples"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == config.DefaultFile {
			configs = append(configs, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(configs) < 2 {
		t.Fatalf("found %d example configs, want the multi-environment and the Meta-direct ones", len(configs))
	}
	for _, path := range configs {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			s, ds, err := config.Load(config.Options{Path: path})
			if err != nil || len(ds) > 0 {
				t.Fatalf("load %s: %v %v", path, err, ds)
			}
			for _, env := range exampleEnvironments[filepath.Base(filepath.Dir(path))] {
				if _, _, err := config.Load(config.Options{Path: path, Env: env}); err != nil {
					t.Errorf("--env %s: %v", env, err)
				}
			}
			dir := s.Templates // resolved against the config file's folder
			if _, err := os.Stat(dir); err != nil {
				return // a config-only example
			}
			if _, ds = validate.Files(dir); diag.HasErrors(ds) {
				t.Errorf("templates of %s do not validate:\n%v", path, ds)
			}
			assertFormatted(t, dir)
		})
	}
}

func assertFormatted(t *testing.T, dir string) {
	t.Helper()
	files, ds := spec.Files(dir)
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got, ds := spec.Format(file, data); !bytes.Equal(got, data) {
			t.Errorf("%s is not formatted (waform fmt %s): %v", file, file, ds)
		}
	}
}

// codeRE finds the code in Markdown: fenced blocks and inline code spans.
var codeRE = regexp.MustCompile("(?s)```[a-z]*\n(.*?)```|`([^`\n]+)`")

// commandRE finds a command line in code: "waform NAME" or "go run . NAME"
// at the start of a line or span (after an optional "$ " prompt), or after
// "&&". Flags before the command name are not used in the README.
var commandRE = regexp.MustCompile(`(?m)(?:^\s*(?:\$ )?|&& )(?:waform|go run \.) ([a-z][a-z-]*)`)

// Every waform command the README shows in code exists, and every command
// is shown in the README.
func TestReadmeCommandsExist(t *testing.T) {
	readme := readFile(t, filepath.Join(repoRoot, "README.md"))
	commands := commandNames(t)
	named := map[string]bool{}
	for _, m := range codeRE.FindAllStringSubmatch(readme, -1) {
		for _, c := range commandRE.FindAllStringSubmatch(m[1]+m[2], -1) {
			named[c[1]] = true
			if !slices.Contains(commands, c[1]) {
				t.Errorf("README shows `waform %s`, which is not a command (commands: %s)", c[1], strings.Join(commands, ", "))
			}
		}
	}
	for _, c := range commands {
		if !named[c] {
			t.Errorf("command %s is not shown in the README", c)
		}
	}
}

func commandNames(t *testing.T) []string {
	t.Helper()
	parser, err := kong.New(&rootCmd{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, node := range parser.Model.Children {
		names = append(names, node.Name)
	}
	if len(names) < 10 {
		t.Fatalf("found only %d commands: %v", len(names), names)
	}
	return names
}

// configRowRE matches a row of the README's configuration reference: the
// first cell is a key path in backticks.
var configRowRE = regexp.MustCompile("(?m)^\\| `([a-z_]+(?:\\.[a-z_]+)*(?:\\.NAME)?)` \\|")

// The README's configuration reference lists exactly the keys of the
// config schema, so neither can change without the other.
func TestReadmeConfigReferenceMatchesSchema(t *testing.T) {
	section := readmeSection(t, "\n## Configuration reference", "\n## ")
	var documented []string
	for _, m := range configRowRE.FindAllStringSubmatch(section, -1) {
		documented = append(documented, m[1])
	}
	var doc map[string]any
	if err := json.Unmarshal(schema.Config, &doc); err != nil {
		t.Fatal(err)
	}
	want := schemaKeys(doc, doc, "")
	slices.Sort(documented)
	slices.Sort(want)
	if !slices.Equal(documented, want) {
		t.Errorf("README configuration reference lists\n  %v\nthe config schema has\n  %v", documented, want)
	}
}

// schemaKeys lists the key paths of a schema object: nested objects are
// descended into, and environments (a map of names) is listed once as
// environments.NAME, its values being the top-level keys again.
func schemaKeys(root, node map[string]any, prefix string) []string {
	if ref, ok := node["$ref"].(string); ok {
		node = root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
	}
	props, _ := node["properties"].(map[string]any)
	var keys []string
	for name, p := range props {
		prop := p.(map[string]any)
		path := prefix + name
		switch {
		case name == "environments":
			keys = append(keys, path+".NAME")
		case prop["$ref"] != nil:
			keys = append(keys, schemaKeys(root, prop, path+".")...)
		default:
			keys = append(keys, path)
		}
	}
	return keys
}

// readmeSection is the README from the first occurrence of start up to the
// next occurrence of end after it, or to its end.
func readmeSection(t *testing.T, start, end string) string {
	t.Helper()
	readme := readFile(t, filepath.Join(repoRoot, "README.md"))
	i := strings.Index(readme, start)
	if i < 0 {
		t.Fatalf("README has no %q", start)
	}
	s := readme[i:]
	if j := strings.Index(s[len(start):], end); j >= 0 {
		s = s[:len(start)+j]
	}
	return s
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// formatsRowRE matches a row of the README's table of output formats: the
// commands, then their --format values ("text only" when there is no flag).
var formatsRowRE = regexp.MustCompile("(?m)^\\| ((?:`[a-z]+`(?:, )?)+) \\| ([^|]+) \\| [^|]+ \\|$")

// The README's output formats table names, for every command, exactly the
// --format values the command accepts.
func TestReadmeFormatsPerCommand(t *testing.T) {
	table := readmeSection(t, "| command | `--format` |", "\n\n")
	documented := map[string][]string{}
	for _, m := range formatsRowRE.FindAllStringSubmatch(table, -1) {
		var formats []string
		for _, f := range regexp.MustCompile("`([a-z]+)`").FindAllStringSubmatch(m[2], -1) {
			formats = append(formats, f[1])
		}
		for _, c := range strings.Split(m[1], ", ") {
			documented[strings.Trim(c, "`")] = formats
		}
	}
	parser, err := kong.New(&rootCmd{})
	if err != nil {
		t.Fatal(err)
	}
	for _, node := range parser.Model.Children {
		var accepted []string
		for _, f := range node.Flags {
			if f.Name != "format" {
				continue
			}
			accepted = strings.Split(f.Enum, ",")
			if node.Name == "validate" { // checked in Run, to default to github inside GitHub Actions
				accepted = validateFormats
			}
		}
		got, ok := documented[node.Name]
		switch {
		case !ok && accepted != nil:
			t.Errorf("%s has --format %s, but the README's table of output formats does not name it", node.Name, strings.Join(accepted, ","))
		case ok && !slices.Equal(got, accepted):
			t.Errorf("README says %s takes --format %v; it takes %v", node.Name, got, accepted)
		}
	}
	if len(documented) < 9 {
		t.Errorf("read only %d commands from the table: %v", len(documented), documented)
	}
}
