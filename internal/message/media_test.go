package message_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waform/waform/internal/message"
)

const imageTpl = `{"name":"product_launch","language":"en_US","category":"MARKETING",
 "components":[{"type":"HEADER","format":"IMAGE","example":{"header_handle":["4::aW1hZ2U="]}},
  {"type":"BODY","text":"New in store."}]}`

const documentTpl = `{"name":"invoice","language":"en_US","category":"UTILITY",
 "components":[{"type":"HEADER","format":"DOCUMENT"},{"type":"BODY","text":"Your invoice."}]}`

func TestMediaHeaderSources(t *testing.T) {
	tpl := decode(t, imageTpl)
	photo := writeFile(t, "photo.jpg", append(jpegHead, make([]byte, 100)...))
	cases := []struct {
		value, want, shown string
	}{
		{"https://cdn.example.com/a.jpg", `{"link":"https://cdn.example.com/a.jpg"}`, "https://cdn.example.com/a.jpg"},
		{"1234567890", `{"id":"1234567890"}`, "media id 1234567890"},
		{"id:media-abc", `{"id":"media-abc"}`, "media id media-abc"},
		{photo, `{"id":"\u003cmedia id of photo.jpg after upload\u003e"}`, "photo.jpg (image/jpeg, 111 bytes)"},
	}
	for _, c := range cases {
		m := mustBuild(t, tpl, message.Params{"header": c.value})
		got := componentsJSON(t, m)
		if !strings.Contains(got, `"image":`+c.want) {
			t.Errorf("%s: components = %s, want image %s", c.value, got, c.want)
		}
		if m.Preview.Header.Media != c.shown {
			t.Errorf("%s: preview media = %q, want %q", c.value, m.Preview.Header.Media, c.shown)
		}
	}
}

func TestLocalMediaFileIsListedAndUsesUploadedID(t *testing.T) {
	pdf := writeFile(t, "invoice.pdf", []byte("%PDF-1.7\n..."))
	opts := message.Options{Uploaded: map[string]string{pdf: "998877"}}
	m, err := message.Build(decode(t, documentTpl), message.Params{"header": pdf}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Uploads) != 1 || m.Uploads[0].Path != pdf || m.Uploads[0].MIMEType != "application/pdf" || m.Uploads[0].Name != "invoice.pdf" {
		t.Errorf("uploads = %+v", m.Uploads)
	}
	want := `"document":{"id":"998877","filename":"invoice.pdf"}`
	if got := componentsJSON(t, m); !strings.Contains(got, want) {
		t.Errorf("components = %s, want %s", got, want)
	}
}

func TestMediaChecks(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.jpg")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 6 MB file: its size alone must refuse it, before any read.
	if err := f.Truncate(6 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	png := writeFile(t, "fake.jpg", []byte("\x89PNG\r\n\x1a\n0000000000"))
	gif := writeFile(t, "anim.gif", []byte("GIF89a"))
	empty := writeFile(t, "empty.png", nil)
	cases := []struct {
		name, value, reason string
	}{
		{"too big", big, "big.jpg: the file is 6.0 MB; IMAGE headers are limited to 5 MB"},
		{"content mismatch", png, "the name says JPEG but the file holds PNG content"},
		{"wrong extension", gif, `IMAGE headers take JPEG or PNG files, not ".gif"`},
		{"empty file", empty, "the file is empty"},
		{"no such file", filepath.Join(dir, "missing.jpg"), "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := problems(t, decode(t, imageTpl), message.Params{"header": c.value})
			if len(ps) != 1 || ps[0].Key != "header" || !strings.Contains(ps[0].Reason, c.reason) {
				t.Errorf("problems = %+v, want header: …%s…", ps, c.reason)
			}
		})
	}
}

func TestMissingMedia(t *testing.T) {
	ps := problems(t, decode(t, imageTpl), nil)
	if len(ps) != 1 || !strings.Contains(ps[0].Reason, "the image header needs media") {
		t.Errorf("problems = %+v", ps)
	}
	pv, err := message.PreviewOf(decode(t, imageTpl), nil, message.Options{})
	if err != nil {
		t.Fatalf("a preview needs no media: %v", err)
	}
	if pv.Header.Format != "IMAGE" || pv.Header.Media != "" {
		t.Errorf("preview header = %+v", pv.Header)
	}
}

func TestRemoteExampleURLIsDefaultMedia(t *testing.T) {
	tpl := decode(t, imageTpl)
	tpl.Components[0].Example.HeaderHandle = []string{"https://scontent.whatsapp.net/v/x.jpg"}
	m := mustBuild(t, tpl, nil)
	if got := componentsJSON(t, m); !strings.Contains(got, `"link":"https://scontent.whatsapp.net/v/x.jpg"`) {
		t.Errorf("components = %s", got)
	}
}

func TestCheckMediaFileSniffsVideo(t *testing.T) {
	mp4 := writeFile(t, "clip.mp4", []byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"))
	threeGP := writeFile(t, "clip.3gp", []byte("\x00\x00\x00\x14ftyp3gp4\x00\x00\x00\x00"))
	for _, path := range []string{mp4, threeGP} {
		if _, err := message.CheckMediaFile(path, "VIDEO"); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	if _, err := message.CheckMediaFile(threeGP, "GIF"); err == nil {
		t.Error("a GIF header takes MP4 only")
	}
	if _, err := message.CheckMediaFile(mp4, "TEXT"); err == nil {
		t.Error("a TEXT header takes no media")
	}
	// A document header is a PDF even though WhatsApp documents take more.
	doc := writeFile(t, "notes.txt", bytes.Repeat([]byte("a"), 10))
	if _, err := message.CheckMediaFile(doc, "DOCUMENT"); err == nil || !strings.Contains(err.Error(), "DOCUMENT headers take PDF files") {
		t.Errorf("err = %v", err)
	}
}
