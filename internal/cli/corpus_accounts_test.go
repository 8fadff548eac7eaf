package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/emulator"
)

// Every real account listing of ../shared/corpus, held by the emulator as
// it was listed, imports, validates (warnings allowed: real accounts hold
// languages of one name in different categories) and plans clean; the
// empty account included, which leaves an empty folder that is valid.
func TestCorpusAccountsImportValidatePlan(t *testing.T) {
	corpus, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "valid"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "get__list__*.json"))
	if len(files) == 0 {
		t.Skip("corpus not present at " + corpus)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var list struct {
				Data []json.RawMessage `json:"data"`
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(data, &list); err != nil {
				t.Fatal(err)
			}
			t.Chdir(t.TempDir())
			if err := os.MkdirAll(filepath.Dir(LocalStateFile), 0o755); err != nil {
				t.Fatal(err)
			}
			emu, err := emulator.New(emulator.Options{StatePath: LocalStateFile})
			if err != nil {
				t.Fatal(err)
			}
			whole := 0
			for _, item := range list.Data {
				var fields map[string]any
				if json.Unmarshal(item, &fields) != nil || fields["components"] == nil || fields["category"] == nil {
					continue // a fields= answer, not a whole template
				}
				if _, _, err := emu.SeedJSON(emu.BusinessAccountID(), item); err != nil {
					t.Fatal(err)
				}
				whole++
			}
			code, out, errOut := runMain(t, nil, nil, "import", "--local")
			if code != 0 || strings.Contains(errOut, "not imported") {
				t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
			}
			if code, out, errOut := runMain(t, nil, nil, "validate"); code != 0 {
				t.Fatalf("validate: exit %d\n%s%s", code, out, errOut)
			}
			code, out, errOut = runMain(t, nil, nil, "plan", "--local", "--detailed-exitcode")
			if code != 0 || !strings.Contains(out, "No changes") {
				t.Fatalf("plan: exit %d\n%s%s", code, out, errOut)
			}
			t.Logf("%d templates imported, validated and planned clean", whole)
		})
	}
}
