package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/media"
)

// TestMediaFileSize writes files just within and just over each format's
// limit (sparse, so nothing large is written) and checks only the latter
// is reported, at the entry's position.
func TestMediaFileSize(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // outside git, the working directory is the repository
	heads := map[string][]byte{
		"IMAGE":    []byte("\x89PNG\r\n\x1a\n"),
		"VIDEO":    []byte("\x00\x00\x00\x18ftypmp42"),
		"DOCUMENT": []byte("%PDF-1.7\n"),
		"GIF":      []byte("\x00\x00\x00\x18ftypisom"),
	}
	for format, head := range heads {
		limit := media.Limits[format].MaxSize
		for _, size := range []int64{limit, limit + 1} {
			f, err := os.Create(filepath.Join(dir, "sample"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.Write(head); err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(size); err != nil {
				t.Fatal(err)
			}
			f.Close()
			doc := "name: sized\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n" +
				"  - type: HEADER\n    format: " + format + "\n    example:\n      header_handle: [./sample]\n" +
				"  - type: BODY\n    text: Our spring collection is here, come and see it.\n"
			got := brief(checkBytes("t.yaml", []byte(doc)))
			want := []string{}
			if size > limit {
				want = []string{"8:23 error media-file-size"}
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s of %d bytes (limit %d): got %v, want %v", format, size, limit, got, want)
			}
		}
	}
}

// TestMediaFileRefInPayload: a request body naming a file is refused, as
// Meta refuses anything but an upload handle.
func TestMediaFileRefInPayload(t *testing.T) {
	body := `{"name":"x","language":"en_US","category":"MARKETING","components":[` +
		`{"type":"HEADER","format":"IMAGE","example":{"header_handle":["./banner.png"]}},` +
		`{"type":"BODY","text":"Our spring collection is here, come and see it."}]}`
	ds := Payload([]byte(body))
	if len(ds) != 1 || ds[0].Rule != "media-file-ref" {
		t.Fatalf("got %v, want one media-file-ref", ds)
	}
}
