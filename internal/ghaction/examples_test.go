package ghaction

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// A job uploading SARIF needs security-events: write, and on a private
// repository (where most template repositories live) also actions: read:
// upload-sarif reads the workflow run, which a job listing its permissions
// without actions cannot.
func TestExampleSARIFJobsGrantTheUploadPermissions(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "github", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example workflows: %v", err)
	}
	uploads := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var wf struct {
			Jobs map[string]struct {
				Permissions map[string]string `yaml:"permissions"`
				Steps       []struct {
					Uses string            `yaml:"uses"`
					With map[string]string `yaml:"with"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal(data, &wf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for name, job := range wf.Jobs {
			for _, st := range job.Steps {
				if _, ok := st.With["sarif"]; !ok || st.With["sarif"] == "false" {
					continue
				}
				uploads++
				if job.Permissions["security-events"] != "write" || job.Permissions["actions"] != "read" {
					t.Errorf("%s job %s uploads SARIF with permissions %v; want security-events: write and actions: read", f, name, job.Permissions)
				}
			}
		}
	}
	if uploads == 0 {
		t.Fatal("no example uploads SARIF: the check checked nothing")
	}
}
