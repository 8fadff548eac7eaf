package cli_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/waform/waform/internal/cli"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

// TestMain lets the test binary act as the waform command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"waform": func() {
			os.Exit(cli.Process(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
		},
	})
}

// TestScripts runs testdata/script/*.txtar. Each script starts in its own
// $WORK holding a copy of the repository's sample templates in templates/,
// a HOME of its own and no API credentials; --local keeps the emulator's
// state in $WORK/.waform, so scripts never share a remote. $SAMPLES names
// the repository's templates folder. Scripts may also run:
//
//	seed-local FILE   store the templates of FILE (a JSON list response,
//	                  {"data": [...]}, with statuses) in the --local emulator,
//	                  bypassing validation, as Meta's own samples are; one
//	                  waform's model cannot read is listed verbatim.
//	tamper-plan IN OUT HOW
//	                  write OUT, the plan file IN edited as an adversary
//	                  would: add-delete (delete a template that has a file,
//	                  summary left alone), edit-content (add a footer to the
//	                  first update), remove-action (drop the first pending
//	                  action), policy (prune on, max_deletes 100), truncate.
//
// and the interrupt commands of signalCmds.
func TestScripts(t *testing.T) {
	samples, err := filepath.Abs(filepath.Join("..", "..", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, ".home")
			if err := os.MkdirAll(home, 0o755); err != nil {
				return err
			}
			env.Setenv("HOME", home)
			env.Setenv("SAMPLES", samples)
			env.Setenv("NO_COLOR", "1")
			env.Values[servedKey] = &servedEmulator{}
			return os.CopyFS(filepath.Join(env.WorkDir, "templates"), os.DirFS(samples))
		},
		Cmds: scriptCmds(),
	})
}

func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"seed-local":  seedLocal,
		"tamper-plan": tamperPlan,
		"media-file":  mediaFile,
	}
	for name, cmd := range signalCmds {
		cmds[name] = cmd
	}
	return cmds
}

func seedLocal(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: seed-local FILE")
	}
	var list struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &list); err != nil {
		ts.Fatalf("seed-local: %v", err)
	}
	state := ts.MkAbs(cli.LocalStateFile)
	ts.Check(os.MkdirAll(filepath.Dir(state), 0o755))
	emu, err := emulator.New(emulator.Options{StatePath: state})
	ts.Check(err)
	for _, item := range list.Data {
		id, key, err := emu.SeedJSON(emu.BusinessAccountID(), item)
		ts.Check(err)
		fmt.Fprintf(ts.Stdout(), "seeded %s as %s\n", key, id)
	}
}

func tamperPlan(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: tamper-plan IN OUT HOW")
	}
	data := []byte(ts.ReadFile(args[0]))
	var p plan.Plan
	ts.Check(json.Unmarshal(data, &p))
	firstPending := func(kind plan.Kind) int {
		for i, a := range p.Actions {
			if a.Kind == kind || kind == "" && a.Kind != plan.Noop {
				return i
			}
		}
		ts.Fatalf("tamper-plan: no %s action to tamper with", kind)
		return -1
	}
	switch args[2] {
	case "add-delete":
		i := firstPending(plan.Noop)
		p.Actions = append(p.Actions, plan.Action{Kind: plan.Delete, Key: p.Actions[i].Key, ID: p.Actions[i].ID})
	case "edit-content":
		a := &p.Actions[firstPending(plan.Update)]
		a.After.Components = append(a.After.Components, template.Component{Type: "FOOTER", Text: "Footer in no file"})
	case "remove-action":
		i := firstPending("")
		p.Actions = append(p.Actions[:i], p.Actions[i+1:]...)
	case "policy":
		p.Settings.Prune, p.Settings.MaxDeletes = true, 100
	case "truncate":
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), data[:len(data)/2], 0o644))
		return
	default:
		ts.Fatalf("tamper-plan: unknown way %q", args[2])
	}
	out, err := json.Marshal(p)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o644))
}
