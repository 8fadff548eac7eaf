package template_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// repoTemplates reads every YAML document of the repository (templates,
// examples, test fixtures, the files of the CLI's scripts), valid or not:
// what fits of each is decoded.
func repoTemplates(t *testing.T) map[string]template.Template {
	t.Helper()
	out := map[string]template.Template{}
	add := func(file string, data []byte) {
		docs, _ := spec.Parse(file, data)
		for i, d := range docs {
			tpl := spec.DecodePartial(d.Value)
			if tpl.Name != "" || len(tpl.Components) > 0 {
				out[file+"#"+string(rune('0'+i))] = tpl
			}
		}
	}
	root := template.RepoRoot(t)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			return err
		}
		switch {
		case spec.IsTemplateFile(p):
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			add(p, data)
		case strings.HasSuffix(p, ".txtar"):
			a, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			for _, f := range a.Files {
				if spec.IsTemplateFile(f.Name) {
					add(p+":"+f.Name, f.Data)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// corpusTemplates reads every JSON payload of ../shared/corpus (create
// bodies, GET answers, list pages; valid and invalid), nil when the corpus
// is absent.
func corpusTemplates(t *testing.T) map[string]template.Remote {
	t.Helper()
	dir := filepath.Join(template.RepoRoot(t), "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	out := map[string]template.Remote{}
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Data []json.RawMessage `json:"data"`
		}
		items := []json.RawMessage{data}
		if json.Unmarshal(data, &page) == nil && page.Data != nil {
			items = page.Data
		}
		for i, item := range items {
			var r template.Remote
			if json.Unmarshal(item, &r) == nil {
				out[p+"#"+string(rune('0'+i))] = r
			}
		}
	}
	return out
}

// referenceFingerprint is Fingerprint of one template as waform computed it
// before its hand-written encoder: json.Marshal of the canonical form with
// URL media handles left out. Saved plans carry these digests.
func referenceFingerprint(t *testing.T, tpl template.Template) string {
	t.Helper()
	c := template.Canonical(tpl)
	var clone template.Template // deep, so dropping handles leaves c alone
	if err := json.Unmarshal(template.MustJSON(t, c), &clone); err != nil {
		t.Fatal(err)
	}
	var drop func(cs []template.Component)
	drop = func(cs []template.Component) {
		for i := range cs {
			if e := cs[i].Example; e != nil && len(e.HeaderHandle) > 0 {
				var kept []string
				for _, h := range e.HeaderHandle {
					if !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") {
						kept = append(kept, h)
					}
				}
				e.HeaderHandle = kept
				if len(kept) == 0 && len(e.HeaderText) == 0 && len(e.HeaderTextNamedParams) == 0 && len(e.BodyText) == 0 && len(e.BodyTextNamedParams) == 0 {
					cs[i].Example = nil
				}
			}
			for j := range cs[i].Cards {
				drop(cs[i].Cards[j].Components)
			}
		}
	}
	drop(clone.Components)
	sum := sha256.Sum256([]byte("waform-fingerprint-v1\n" + string(template.MustJSON(t, clone)) + "\n"))
	return hex.EncodeToString(sum[:])
}

// TestCanonicalStable proves, on every template the repository and the
// shared corpus hold, what the plan relies on to normalise each side once:
// Canonical and FromRemote give forms Canonical leaves as they are, so
// DiffCanonical of them is Diff, FromCanonicalRemote of the canonical form
// is FromRemote, and Digest of the canonical form is Fingerprint, byte for
// byte as json.Marshal gave it.
func TestCanonicalStable(t *testing.T) {
	type remote struct {
		name string
		r    template.Remote
	}
	var all []remote
	for name, tpl := range repoTemplates(t) {
		all = append(all, remote{name, template.Remote{Template: tpl}}, remote{name + " (as created)", template.Remote{Template: template.ForCreate(tpl)}})
	}
	if len(all) < 200 {
		t.Fatalf("only %d templates found in the repository", len(all))
	}
	corpus := corpusTemplates(t)
	if corpus == nil {
		t.Log("../shared/corpus absent: checking the repository's templates only")
	}
	for name, r := range corpus {
		all = append(all, remote{name, r})
	}
	for i, x := range all {
		c := template.Canonical(x.r.Template)
		if again := template.Canonical(c); !reflect.DeepEqual(again, c) {
			t.Errorf("%s: Canonical is not stable:\n%+v\n%+v", x.name, c, again)
		}
		fr := template.FromRemote(x.r)
		if again := template.Canonical(fr); !reflect.DeepEqual(again, fr) {
			t.Errorf("%s: FromRemote is not canonical:\n%+v\n%+v", x.name, fr, again)
		}
		if got := template.FromCanonicalRemote(c); !reflect.DeepEqual(got, fr) {
			t.Errorf("%s: FromCanonicalRemote(Canonical) differs from FromRemote", x.name)
		}
		if !reflect.DeepEqual(c, template.Canonical(x.r.Template)) {
			t.Errorf("%s: FromCanonicalRemote modified the template it was given", x.name)
		}
		want := referenceFingerprint(t, x.r.Template)
		if got := template.Digest(&c); got != want {
			t.Errorf("%s: Digest %s, json.Marshal's digest %s", x.name, got, want)
		}
		if got := template.Fingerprint([]template.Template{x.r.Template}); got != want {
			t.Errorf("%s: Fingerprint %s, json.Marshal's digest %s", x.name, got, want)
		}
		next := all[(i+1)%len(all)].r
		for _, actual := range []template.Remote{x.r, next} {
			if got, want := template.DiffCanonical(c, template.FromRemote(actual)), template.Diff(x.r.Template, template.FromRemote(actual)); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: DiffCanonical %v, Diff %v", x.name, got, want)
			}
		}
	}
	t.Logf("%d templates (%d from the corpus)", len(all), len(corpus))
}

// TestDigestDropsURLHandles holds the encoder's own dropping of URL media
// handles (a case TestDigestIsFingerprint cannot tell, as Digest and
// Fingerprint share the encoder) to json.Marshal's digest, corpus or not.
func TestDigestDropsURLHandles(t *testing.T) {
	tpl := template.Template{Name: "m", Language: "en", Components: []template.Component{
		{Type: "HEADER", Format: "IMAGE", Example: &template.Example{HeaderHandle: []string{"https://cdn.example/x.jpg?oe=1"}}},
		{Type: "HEADER", Format: "IMAGE", Example: &template.Example{HeaderHandle: []string{"https://cdn.example/y", "4::a"}, HeaderText: []string{"t"}}},
		{Type: "HEADER", Format: "IMAGE", Example: &template.Example{HeaderHandle: []string{"http://cdn.example/z"}, BodyText: template.Matrix{{"b"}}}},
		{Type: "CAROUSEL", Cards: []template.Card{{Components: []template.Component{
			{Type: "HEADER", Format: "VIDEO", Example: &template.Example{HeaderHandle: []string{"https://cdn.example/v"}}},
		}}}},
	}}
	c := template.Canonical(tpl)
	want := referenceFingerprint(t, tpl)
	if got := template.Digest(&c); got != want {
		t.Errorf("Digest %s, json.Marshal's digest %s", got, want)
	}
	if got := template.Fingerprint([]template.Template{tpl}); got != want {
		t.Errorf("Fingerprint %s, json.Marshal's digest %s", got, want)
	}
}
