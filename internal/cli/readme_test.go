package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/validate"
)

// repoRoot is where README.md and examples/ live, relative to this package.
const repoRoot = "../.."

// Every waform.yaml under examples/ loads with the config package, and the
// templates folder beside it (when there is one) validates without errors:
// an example that does not work teaches the wrong thing.
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
		t.Run(filepath.Dir(path), func(t *testing.T) {
			s, ds, err := config.Load(config.Options{Path: path})
			if err != nil || len(ds) > 0 {
				t.Fatalf("load %s: %v %v", path, err, ds)
			}
			for _, env := range exampleEnvironments(t, path) {
				if _, _, err := config.Load(config.Options{Path: path, Env: env}); err != nil {
					t.Errorf("--env %s: %v", env, err)
				}
			}
			dir := filepath.Join(filepath.Dir(path), s.Templates)
			if _, err := os.Stat(dir); err != nil {
				return // a config-only example
			}
			_, ds = validate.Files(dir)
			if diag.HasErrors(ds) {
				t.Errorf("templates of %s do not validate:\n%v", path, ds)
			}
		})
	}
}

// exampleEnvironments names the environments the multi-environment example
// is documented to have, so the test fails if they go missing.
func exampleEnvironments(t *testing.T, path string) []string {
	t.Helper()
	if filepath.Base(filepath.Dir(path)) == "repository" {
		return []string{"staging", "production"}
	}
	return nil
}
