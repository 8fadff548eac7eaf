package spec

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/parallel"
	"github.com/waform/waform/internal/template"
)

// Load reads the files and folders in paths (folders recursively, keeping
// *.yaml and *.yml files and skipping hidden folders). Every problem in
// every file is returned; a bad file never stops the others from loading.
func Load(paths ...string) ([]*Document, []diag.Diagnostic) {
	return LoadEach(nil, paths...)
}

// LoadEach is Load that hands each file's documents to each as soon as the
// file is parsed, from the parsing goroutines (so each must be safe for
// concurrent use): a caller can check a file while its parse is fresh and
// release what it no longer needs before the next files pile up.
func LoadEach(each func([]*Document), paths ...string) ([]*Document, []diag.Diagnostic) {
	var files []listed
	var diags []diag.Diagnostic
	for _, path := range paths {
		found, ds := listFiles(path)
		files = append(files, found...)
		diags = append(diags, ds...)
	}
	// Files parse independently, so they are parsed in parallel; results
	// are gathered in file order so output never depends on scheduling.
	type result struct {
		docs  []*Document
		diags []diag.Diagnostic
	}
	results := make([]result, len(files))
	parallel.For(len(files), func(i int) {
		results[i].docs, results[i].diags = loadFile(files[i])
		if each != nil {
			each(results[i].docs)
		}
	})
	var docs []*Document
	for _, r := range results {
		docs = append(docs, r.docs...)
		diags = append(diags, r.diags...)
	}
	diags = append(diags, duplicates(docs)...)
	diag.Sort(diags)
	return docs, diags
}

// IsTemplateFile reports whether a folder walk picks up the file.
func IsTemplateFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// listed is a file a walk found; regular records that the folder's listing
// said it is a regular file, so reading it needs no Stat first.
type listed struct {
	path    string
	regular bool
}

func listFiles(path string) ([]listed, []diag.Diagnostic) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, []diag.Diagnostic{readError(path, err)}
	}
	if !info.IsDir() {
		return []listed{{path: path}}, nil
	}
	var files []listed
	var diags []diag.Diagnostic
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags = append(diags, readError(p, err))
			return nil
		}
		if d.IsDir() && p != path && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && IsTemplateFile(d.Name()) {
			files = append(files, listed{path: p, regular: d.Type().IsRegular()})
		}
		return nil
	})
	if err != nil {
		diags = append(diags, readError(path, err))
	}
	if len(files) == 0 && len(diags) == 0 {
		// No templates is a desired state like any other (the account
		// should have none in scope), but more often a wrong folder: say so
		// without stopping anything.
		diags = append(diags, diag.Warnf(diag.Pos{File: path}, RuleNoTemplates,
			"folder holds no *.yaml or *.yml template files: the desired state is no templates, so plan shows every remote template in scope as not managed, or as a delete with prune"))
	}
	slices.SortFunc(files, func(a, b listed) int { return strings.Compare(a.path, b.path) })
	return files, diags
}

func loadFile(file listed) ([]*Document, []diag.Diagnostic) {
	data, d := readFile(file.path, file.regular)
	if d != nil {
		return nil, []diag.Diagnostic{*d}
	}
	return Parse(file.path, data)
}

// duplicates reports a (name, language) declared more than once, naming the
// first place it was declared.
func duplicates(docs []*Document) []diag.Diagnostic {
	var diags []diag.Diagnostic
	first := make(map[template.Key]*Document, len(docs))
	for _, d := range docs {
		key, ok := d.Key()
		if !ok {
			continue
		}
		if prev, dup := first[key]; dup {
			diags = append(diags, diag.Errorf(d.Pos("/name"), RuleDuplicateName,
				"template %s is already declared at %s; each name and language may appear once",
				key, prev.Pos("/name")))
			continue
		}
		first[key] = d
	}
	return diags
}
