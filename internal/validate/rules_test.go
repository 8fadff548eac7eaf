package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/spec"
)

// wantLine is a fixture's expectation: "# want: LINE:COL SEVERITY RULE".
var wantLine = regexp.MustCompile(`(?m)^# want: (\d+:\d+ (?:error|warning) [a-z0-9-]+)$`)

// languagesLine gives a fixture manage.languages: "# manage.languages: en_US, es_MX".
var languagesLine = regexp.MustCompile(`(?m)^# manage\.languages: (.+)$`)

func checkBytes(file string, data []byte) []diag.Diagnostic {
	docs, ds := spec.Parse(file, data)
	ds = append(ds, Check(docs)...)
	if m := languagesLine.FindSubmatch(data); m != nil {
		ds = append(ds, Languages(docs, strings.Split(string(m[1]), ", "))...)
	}
	diag.Sort(ds)
	return ds
}

func brief(ds []diag.Diagnostic) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d %s %s", d.Line, d.Column, d.Severity, d.Rule))
	}
	return out
}

// TestRuleFixtures checks every testdata/rules file reports exactly the
// diagnostics its "# want:" lines name, at the exact line and column, and
// nothing else.
func TestRuleFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/rules/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Errorf("only %d rule fixtures; want at least 40", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, m := range wantLine.FindAllSubmatch(data, -1) {
				want = append(want, string(m[1]))
			}
			rule, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(file), ".yaml"), ".")
			if !slices.ContainsFunc(want, func(s string) bool { return strings.HasSuffix(s, " "+rule) }) {
				t.Fatalf("fixture has no '# want:' line for its rule %s", rule)
			}
			ds := checkBytes(file, data)
			if got := brief(ds); !slices.Equal(got, want) {
				t.Errorf("got:\n  %s\nwant:\n  %s\nmessages:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "), messages(ds))
			}
			for _, d := range ds {
				if d.File != file || d.Message == "" {
					t.Errorf("diagnostic without file or message: %+v", d)
				}
			}
		})
	}
}

func messages(ds []diag.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n  ")
}

// TestEveryRuleHasFixture keeps the fixture set complete as rules are added.
func TestEveryRuleHasFixture(t *testing.T) {
	files, _ := filepath.Glob("testdata/rules/*.yaml")
	covered := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range wantLine.FindAllSubmatch(data, -1) {
			fields := strings.Fields(string(m[1]))
			covered[fields[2]] = true
		}
	}
	for _, r := range Rules() {
		if _, fromLoader := loaderRules[r.ID]; fromLoader || r.ID == "decode" || generatedRules[r.ID] {
			continue
		}
		if !covered[r.ID] {
			t.Errorf("rule %s has no fixture in testdata/rules", r.ID)
		}
	}
}

// generatedRules need inputs a fixture cannot hold (a file over Meta's size
// limit, a body with no file behind it); media_test.go covers them.
var generatedRules = map[string]bool{"media-file-size": true, "media-file-ref": true}

// loaderRules are spec's: its own tests cover them.
var loaderRules = map[string]bool{
	spec.RuleFileRead: true, spec.RuleFileEmpty: true, spec.RuleNoTemplates: true, spec.RuleYAMLSyntax: true,
	spec.RuleYAMLEncoding: true, spec.RuleYAMLLimit: true, spec.RuleYAMLAlias: true, spec.RuleYAMLTag: true,
	spec.RuleDuplicateKey: true, spec.RuleDuplicateName: true, spec.RuleYAMLComment: true,
}

// TestValidFixtures checks the edge cases that must pass without a warning.
func TestValidFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.yaml")
	if len(files) == 0 {
		t.Fatal("no valid fixtures")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if ds := checkBytes(file, data); len(ds) > 0 {
			t.Errorf("%s: want no diagnostics, got:\n  %s", file, messages(ds))
		}
	}
}

// TestRuleTable checks every reported rule id is in the table with a
// summary, and ids are unique kebab-case.
func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, r := range rules {
		if seen[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		seen[r.ID] = true
		if why[r.ID] == "" {
			t.Errorf("rule %s has no entry in why.go", r.ID)
		}
		if !kebab.MatchString(r.ID) || r.Summary == "" || (r.Severity != diag.Error && r.Severity != diag.Warning) {
			t.Errorf("bad rule entry %+v", r)
		}
	}
	if r, ok := Lookup("body-text-length"); !ok || r.Subcode != 2388040 {
		t.Errorf("Lookup(body-text-length) = %+v, %v; want subcode 2388040", r, ok)
	}
	for id := range why {
		if !seen[id] {
			t.Errorf("why.go explains %s, which is not a rule", id)
		}
	}
	if _, ok := Lookup("no-such-rule"); ok {
		t.Error("Lookup found an unknown rule")
	}
}
