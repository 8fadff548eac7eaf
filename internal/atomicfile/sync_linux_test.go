package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Past manyFiles the batch syncs whole file systems: every folder's file
// system once, and a folder that has gone is an error, not a silent pass.
func TestSyncAllManyFiles(t *testing.T) {
	root := t.TempDir()
	var files []string
	for i := range manyFiles + 4 {
		dir := filepath.Join(root, fmt.Sprint(i%3))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, fmt.Sprintf("f%d", i))
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	if err := syncAll(files); err != nil {
		t.Fatalf("syncAll: %v", err)
	}
	gone := filepath.Join(root, "gone", "f")
	err := syncAll(append([]string{gone}, files...))
	if err == nil || !strings.Contains(err.Error(), filepath.Join(root, "gone")) {
		t.Fatalf("syncAll with a missing folder: %v, want an error naming it", err)
	}
}
