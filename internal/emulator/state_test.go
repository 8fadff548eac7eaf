package emulator

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/template"
)

func TestStatePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{StatePath: path})
	id := h.create(utility("kept", "en_US"))
	h.create(utility("gone", "en_US"))
	h.do("DELETE", "/"+waba+"/message_templates?name=gone", nil)
	h.do("POST", "/"+phone+"/messages", sendBodyFor("kept", "en_US", map[string]any{"type": "body", "parameters": textParams("A-1")}))

	// A second server on the same file starts where the first stopped.
	h2 := newHarness(t, Options{StatePath: path, Clock: h.clock})
	got := h2.srv.Templates()
	if len(got) != 1 || got[0].ID != id || got[0].Template.Name != "kept" || got[0].Status != template.StatusApproved {
		t.Fatalf("reloaded templates %+v", got)
	}
	if r := h2.do("POST", "/"+waba+"/message_templates", utility("gone", "en_US")); r.status != http.StatusBadRequest {
		t.Fatalf("deletion cooldown lost on reload: %s", r.raw)
	}
	if next := h2.create(utility("new", "en_US")); next <= id {
		t.Fatalf("id %s reused after reload (had %s)", next, id)
	}
	if hist := h2.do("GET", "/"+phone+"/messages", nil).data(); len(hist) != 1 {
		t.Fatalf("history lost on reload: %v", hist)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("temporary files left next to the state: %v", entries)
	}
}

func TestStateLoadErrors(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"corrupt", `{"version": 1, "templates": [`, "corrupt"},
		{"other version", `{"version": 99}`, "version 99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := New(Options{StatePath: path, Clock: clock.NewFake(time.Now())})
			if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want an error naming %s and %q, got %v", path, tt.want, err)
			}
			if data, _ := os.ReadFile(path); string(data) != tt.content {
				t.Fatal("the bad state file was overwritten")
			}
		})
	}
}

func TestSeed(t *testing.T) {
	h := newHarness(t, Options{})
	tpl := mustTemplate(t, `{"name":"legacy","language":"en","category":"UTILITY","components":[{"type":"BODY","text":"{{1}} seeded"}]}`)
	id, err := h.srv.Seed("300000000000001", tpl, template.StatusPaused)
	if err != nil {
		t.Fatal(err)
	}
	r := h.do("GET", "/300000000000001/message_templates", nil)
	if got := r.data(); len(got) != 1 || got[0]["id"] != id || got[0]["status"] != "PAUSED" {
		t.Fatalf("seeded WABA lists %s", r.raw)
	}
	if got := h.do("GET", "/"+waba+"/message_templates", nil).data(); len(got) != 0 {
		t.Fatalf("seed leaked into the default WABA: %v", got)
	}
}
