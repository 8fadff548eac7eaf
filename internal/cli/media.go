package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// mediaFiles describes the files t's header samples name, relative to
// file. Validation has checked them; an error here means a file changed
// in between.
func mediaFiles(file string, t template.Template) ([]plan.MediaFile, error) {
	var out []plan.MediaFile
	for _, ref := range media.Refs(t) {
		f, err := media.Inspect(file, ref)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", file, ref, err)
		}
		out = append(out, plan.MediaFile{Ref: ref, Path: f.Path, Type: f.Type, Size: f.Size, SHA256: f.SHA256})
	}
	return out, nil
}

// parseTargets reads --replace values.
func parseTargets(values []string) ([]plan.Target, error) {
	out := make([]plan.Target, 0, len(values))
	for _, v := range values {
		t, err := plan.ParseTarget(v)
		if err != nil {
			return nil, &exitError{code: exitUsage, msg: "--replace " + err.Error()}
		}
		out = append(out, t)
	}
	return out, nil
}

// requireAppID refuses, before any request that changes something, a plan
// that uploads header files when no Meta app is configured.
func requireAppID(p *plan.Plan, appID string) error {
	if appID != "" {
		return nil
	}
	var needs []string
	for _, a := range p.Actions {
		if (a.Kind == plan.Create || a.Kind == plan.Update) && len(a.Media) > 0 {
			needs = append(needs, fmt.Sprintf("%s (%s)", a.Key, a.Media[0].Ref))
		}
	}
	if len(needs) == 0 {
		return nil
	}
	return &exitError{code: exitFailure, msg: fmt.Sprintf("nothing was sent: %s: uploading a header file needs your Meta app's ID: %v",
		strings.Join(needs, ", "), graph.ErrNoAppID)}
}

// uploader uploads the header files of a plan's actions: each file once
// per run, and only while it still has the digest the plan was made with.
type uploader struct {
	client *graph.Client
	appID  string
	files  map[template.Key]map[string]plan.MediaFile

	mu      sync.Mutex
	handles map[string]string // sha256 → handle
}

func newUploader(client *graph.Client, appID string, p *plan.Plan) *uploader {
	u := &uploader{client: client, appID: appID, files: map[template.Key]map[string]plan.MediaFile{}, handles: map[string]string{}}
	for _, a := range p.Actions {
		for _, m := range a.Media {
			if u.files[a.Key] == nil {
				u.files[a.Key] = map[string]plan.MediaFile{}
			}
			u.files[a.Key][m.Ref] = m
		}
	}
	return u
}

// UploadHandle implements apply.Uploader. Uploads run one at a time: they
// are few, and a file several templates share is sent once.
func (u *uploader) UploadHandle(ctx context.Context, k template.Key, ref string) (string, error) {
	m, ok := u.files[k][ref]
	if !ok {
		return "", fmt.Errorf("%s: the plan does not describe this file", ref)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if h, ok := u.handles[m.SHA256]; ok {
		return h, nil
	}
	data, err := os.ReadFile(m.Path)
	if err != nil {
		return "", err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != m.SHA256 {
		return "", fmt.Errorf("%s changed since the plan was made; plan again", m.Path)
	}
	h, err := u.client.UploadHandle(ctx, u.appID, m.Path[strings.LastIndexAny(m.Path, `/\`)+1:], m.Type, data)
	if err != nil {
		return "", err
	}
	u.handles[m.SHA256] = h
	return h, nil
}
