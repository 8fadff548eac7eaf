package apply

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

type countingFiles struct{ names []string }

func (c *countingFiles) UploadFile(_ context.Context, name, mimeType string, data []byte) (string, error) {
	c.names = append(c.names, name+" "+mimeType+" "+string(data))
	return "4::h" + string(data), nil
}

func mediaFile(t *testing.T, path, content string) plan.MediaFile {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(content))
	return plan.MediaFile{Ref: "./" + filepath.Base(path), Path: path, Type: "image/png", Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:])}
}

// A file two templates name is uploaded once; a file changed since the
// plan, or one the plan does not describe, is refused without an upload.
func TestNewUploader(t *testing.T) {
	dir := t.TempDir()
	shared := mediaFile(t, filepath.Join(dir, "shared.png"), "png-1")
	changed := mediaFile(t, filepath.Join(dir, "changed.png"), "png-2")
	a, b := template.Key{Name: "a", Language: "en_US"}, template.Key{Name: "b", Language: "en_US"}
	p := &plan.Plan{Actions: []plan.Action{
		{Kind: plan.Create, Key: a, Media: []plan.MediaFile{shared, changed}},
		{Kind: plan.Update, Key: b, Media: []plan.MediaFile{shared}},
	}}
	files := &countingFiles{}
	u := NewUploader(files, p)
	ctx := context.Background()
	for _, k := range []template.Key{a, b} {
		h, err := u.UploadHandle(ctx, k, "./shared.png")
		if err != nil || h != "4::hpng-1" {
			t.Fatalf("%s: handle %q, %v", k, h, err)
		}
	}
	if len(files.names) != 1 || files.names[0] != "shared.png image/png png-1" {
		t.Errorf("uploads %q, want one of shared.png", files.names)
	}
	if err := os.WriteFile(changed.Path, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := u.UploadHandle(ctx, a, "./changed.png"); err == nil || !strings.Contains(err.Error(), "changed since the plan was made") {
		t.Errorf("changed file: %v", err)
	}
	if _, err := u.UploadHandle(ctx, b, "./changed.png"); err == nil || !strings.Contains(err.Error(), "the plan does not describe this file") {
		t.Errorf("file of another template: %v", err)
	}
	if len(files.names) != 1 {
		t.Errorf("uploads %q after refusals, want still one", files.names)
	}
}

// FirstUpload finds the create or update that uploads a file; a delete of
// a template with a media header, or a noop, uploads nothing.
func TestFirstUpload(t *testing.T) {
	media := []plan.MediaFile{{Ref: "./banner.png"}}
	k := func(name string) template.Key { return template.Key{Name: name, Language: "en_US"} }
	p := &plan.Plan{Actions: []plan.Action{
		{Kind: plan.Noop, Key: k("same"), Media: media},
		{Kind: plan.Delete, Key: k("gone"), Media: media},
		{Kind: plan.Update, Key: k("plain")},
	}}
	if a, ok := FirstUpload(p); ok {
		t.Fatalf("FirstUpload = %s, want none", a.Key)
	}
	p.Actions = append(p.Actions, plan.Action{Kind: plan.Create, Key: k("banner"), Media: media},
		plan.Action{Kind: plan.Update, Key: k("later"), Media: media})
	if a, ok := FirstUpload(p); !ok || a.Key != k("banner") {
		t.Errorf("FirstUpload = %s, %t; want banner (en_US)", a.Key, ok)
	}
}
