package apply

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// FileUploader is what uploading a plan's header files needs of the
// remote: Meta's Resumable Upload API, which returns a handle.
type FileUploader interface {
	UploadFile(ctx context.Context, name, mimeType string, data []byte) (handle string, err error)
}

// FirstUpload returns the first action of p that uploads a header file
// (a create or update whose sample names one), so a run that cannot
// upload is refused before it changes anything.
func FirstUpload(p *plan.Plan) (plan.Action, bool) {
	for _, a := range p.Actions {
		if (a.Kind == plan.Create || a.Kind == plan.Update) && len(a.Media) > 0 {
			return a, true
		}
	}
	return plan.Action{}, false
}

// NewUploader returns the Uploader of p's header files: each file is
// uploaded once per run, and only while it still has the digest the plan
// was made with.
func NewUploader(remote FileUploader, p *plan.Plan) Uploader {
	u := &fileUploader{remote: remote, files: map[template.Key]map[string]plan.MediaFile{}, handles: map[string]string{}}
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

type fileUploader struct {
	remote FileUploader
	files  map[template.Key]map[string]plan.MediaFile

	mu      sync.Mutex
	handles map[string]string // sha256 → handle
}

// UploadHandle uploads one file at a time: they are few, and a file
// several templates share is sent once.
func (u *fileUploader) UploadHandle(ctx context.Context, k template.Key, ref string) (string, error) {
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
	h, err := u.remote.UploadFile(ctx, m.Path[strings.LastIndexAny(m.Path, `/\`)+1:], m.Type, data)
	if err != nil {
		return "", err
	}
	u.handles[m.SHA256] = h
	return h, nil
}
