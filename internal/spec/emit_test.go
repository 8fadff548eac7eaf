package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/waform/waform/internal/template"
)

// emitBoth writes t with emitBlock and with yaml.v3 (encodeDocuments),
// reporting whether emitBlock took it.
func emitBoth(t *testing.T, tpl template.Template) (fast, slow []byte, ok bool) {
	t.Helper()
	root, err := templateNode(tpl)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(must(json.Marshal(tpl))))
	dec.UseNumber()
	ref, err := referenceNode(dec, kindTemplate)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(root, ref) {
		t.Fatalf("%s: jsonReader and encoding/json's tokens read different nodes", tpl.Key())
	}
	fast, ok = emitBlock(root)
	if root, err = templateNode(tpl); err != nil {
		t.Fatal(err)
	}
	if slow, err = encodeDocuments([]*yaml.Node{root}); err != nil {
		t.Fatal(err)
	}
	return fast, slow, ok
}

func must(data []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return data
}

// repoTemplates are the templates of every YAML file of the repository's
// fixtures and examples, and of the shared corpus when it is there.
func repoTemplates(t *testing.T) []template.Template {
	var out []template.Template
	for _, root := range []string{"../..", "../../../shared/corpus"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == "fuzz") {
				return filepath.SkipDir
			}
			data, err := os.ReadFile(p)
			switch {
			case err != nil:
			case strings.HasSuffix(p, ".json"):
				var tpl template.Template
				if json.Unmarshal(data, &tpl) == nil && tpl.Name != "" {
					out = append(out, tpl)
				}
			case IsTemplateFile(p):
				docs, _ := Parse(p, data)
				for _, doc := range docs {
					if tpl, err := doc.Decode(); err == nil {
						out = append(out, tpl)
					}
				}
			}
			return nil
		})
	}
	return out
}

// emitBlock writes byte for byte what yaml.v3 writes, on every template
// of the repository and corpus, and on texts made of the characters that
// decide how text is written, in each place a template holds text.
func TestEmitBlockMatchesYAML(t *testing.T) {
	tpls := repoTemplates(t)
	if len(tpls) < 100 {
		t.Fatalf("only %d templates found", len(tpls))
	}
	alphabet := []string{"a", "Z", "y", "1", "-", " ", ":", "#", "\t", "\n", "\r", `"`, "'", "\\", "|", ">", "{{1}}",
		"é", "\u0085", "\u00a0", "\u2028", "\ufeff", "\ufffe", "\ue000", "\u007f", "\x00", "\x1b", "🙏", "中"}
	var texts []template.Template
	for _, a := range alphabet {
		for _, b := range alphabet {
			texts = append(texts, textTemplate(a+b, "plain"), textTemplate("plain", a+b), textTemplate("x"+a+"y"+b+"z", "plain"), textTemplate("x"+a+b, "Hello "+a+"\n"+b+" there"), textTemplate(a+"\n\n"+b+"x\n", b+"\n"+a),
				textTemplate(" "+a+"\n"+b, a+b+" \n"+a))
		}
	}
	for name, set := range map[string][]template.Template{"repository": tpls, "texts": texts} {
		took := 0
		for _, tpl := range set {
			fast, slow, ok := emitBoth(t, tpl)
			if !ok {
				continue
			}
			took++
			if !bytes.Equal(fast, slow) {
				t.Fatalf("%s: emitBlock wrote\n%s\nyaml.v3 wrote\n%s", tpl.Key(), fast, slow)
			}
		}
		t.Logf("%s: emitBlock took %d of %d templates", name, took, len(set))
		if took < len(set)/2 {
			t.Errorf("%s: emitBlock took only %d of %d templates", name, took, len(set))
		}
	}
}

// textTemplate holds text everywhere a template holds text: header, body,
// a button, examples at three depths.
func textTemplate(text, other string) template.Template {
	return template.Template{Name: "t", Language: "en_US", Category: "UTILITY", Components: []template.Component{
		{Type: "HEADER", Format: "TEXT", Text: text, Example: &template.Example{HeaderText: []string{other}}},
		{Type: "BODY", Text: other, Example: &template.Example{BodyText: [][]string{{text, other}}}},
		{Type: "BUTTONS", Buttons: []template.Button{{Type: "QUICK_REPLY", Text: text}, {Type: "URL", Text: other, URL: "https://x.example/{{1}}", Example: template.Strings{Values: []string{text}}}}},
	}}
}

func FuzzEmitBlock(f *testing.F) {
	for _, s := range []string{"Hi {{1}}", "a\nb", " lead\nx", "tab\there", "x🙏\ny", "\ufeffz", "end\n", "1st"} {
		f.Add(s, s+"\n"+s)
	}
	f.Fuzz(func(t *testing.T, text, other string) {
		if !strings.Contains(text, "\x00") { // json.Marshal keeps it; fine either way
			fast, slow, ok := emitBoth(t, textTemplate(text, other))
			if ok && !bytes.Equal(fast, slow) {
				t.Fatalf("emitBlock wrote\n%q\nyaml.v3 wrote\n%q", fast, slow)
			}
		}
	})
}

// referenceNode reads the next JSON value from dec as a YAML node, ordering
// object keys by keyOrder[kind], with encoding/json's tokens: what
// templateNode did before jsonReader, the reference jsonReader is held to.
func referenceNode(dec *json.Decoder, kind objectKind) (*yaml.Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return referenceSequence(dec, kind)
		}
		return referenceMapping(dec, kind)
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: scalarStyle(v)}, nil
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(v.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v.String()}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v)}, nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

func referenceSequence(dec *json.Decoder, kind objectKind) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for dec.More() {
		item, err := referenceNode(dec, kind)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, item)
	}
	_, err := dec.Token() // ']'
	return n, err
}

func referenceMapping(dec *json.Decoder, kind objectKind) (*yaml.Node, error) {
	var pairs [][2]*yaml.Node
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		value, err := referenceNode(dec, childKind(kind, key))
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, [2]*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, value})
	}
	if _, err := dec.Token(); err != nil && !errors.Is(err, io.EOF) { // '}'
		return nil, err
	}
	return orderedMapping(kind, pairs), nil
}
