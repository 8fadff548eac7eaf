package media

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestIsFileRef(t *testing.T) {
	for s, want := range map[string]bool{
		"./a.png": true, "../media/a.png": true, "4::aW1hZ2U=": false,
		"https://example.com/a.png": false, "a.png": false, "/etc/a.png": false, ".png": false,
	} {
		if got := IsFileRef(s); got != want {
			t.Errorf("IsFileRef(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	for name, c := range map[string]struct {
		head string
		want string
	}{
		"jpeg":  {"\xFF\xD8\xFF\xE0\x00\x10JFIF", JPEG},
		"png":   {"\x89PNG\r\n\x1a\n\x00", PNG},
		"pdf":   {"%PDF-1.7\n", PDF},
		"mp4":   {"\x00\x00\x00\x18ftypmp42\x00\x00", MP4},
		"isom":  {"\x00\x00\x00\x20ftypisom\x00\x00", MP4},
		"3gp":   {"\x00\x00\x00\x14ftyp3gp4\x00\x00", GPP},
		"gif":   {"GIF89a\x01\x00", ""},
		"webp":  {"RIFF\x00\x00\x00\x00WEBPVP8 ", ""},
		"text":  {"hello, world", ""},
		"empty": {"", ""},
		"short": {"\xFF\xD8", ""},
	} {
		if got := Sniff([]byte(c.head)); got != c.want {
			t.Errorf("%s: Sniff = %q, want %q", name, got, c.want)
		}
	}
}

func TestResolveAndInspect(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	tdir := filepath.Join(root, "templates")
	write := func(p string, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "media", "a.png"), "\x89PNG\r\n\x1a\nrest")
	write(filepath.Join(outside, "secret.png"), "\x89PNG\r\n\x1a\n")
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(root, "media", "link.png")); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(tdir, "t.yaml")

	f, err := Inspect(tmpl, "../media/a.png")
	if err != nil {
		t.Fatal(err)
	}
	if f.Type != PNG || f.Size != 12 || f.Name != "a.png" || len(f.SHA256) != 64 {
		t.Errorf("Inspect = %+v", f)
	}
	if p, err := Peek(tmpl, "../media/a.png"); err != nil || p.Type != PNG || p.Size != 12 || p.SHA256 != "" {
		t.Errorf("Peek = %+v, %v", p, err)
	}
	for ref, want := range map[string]error{
		"./missing.png":     ErrMissing,
		"../media/link.png": ErrOutside,
		"../../" + filepath.Base(outside) + "/secret.png": ErrOutside,
	} {
		if _, err := Resolve(tmpl, ref); !errors.Is(err, want) {
			t.Errorf("Resolve(%q) = %v, want %v", ref, err, want)
		}
	}
	if _, err := Resolve(tmpl, "../media"); err == nil {
		t.Error("a folder resolved as a file")
	}
}

// Outside git the repository is the folder of waform.yaml, wherever the
// command runs from; without one it is the working directory.
func TestResolveOutsideGitUsesConfigFolder(t *testing.T) {
	root := t.TempDir()
	for p, data := range map[string]string{
		"media/a.png": "\x89PNG\r\n\x1a\n", "templates/t.yaml": "", "elsewhere/.keep": "",
	} {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(root, "elsewhere"))
	tmpl := filepath.Join("..", "templates", "t.yaml")
	if _, err := Resolve(tmpl, "../media/a.png"); !errors.Is(err, ErrOutside) {
		t.Fatalf("no waform.yaml, run from elsewhere/: Resolve = %v, want %v", err, ErrOutside)
	}
	if err := os.WriteFile(filepath.Join(root, configFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(tmpl, "../media/a.png"); err != nil {
		t.Errorf("waform.yaml beside media/: Resolve = %v, want the file", err)
	}
	if _, err := Resolve(tmpl, "../../outside.png"); !errors.Is(err, ErrOutside) {
		t.Errorf("a file above waform.yaml's folder: Resolve = %v, want %v", err, ErrOutside)
	}
}

func TestCheck(t *testing.T) {
	png := File{Ref: "./a.png", Type: PNG, Size: 1000}
	if p, _ := Check(png, "IMAGE"); p != "" {
		t.Errorf("a small PNG for an IMAGE header: %s", p)
	}
	if _, kind := Check(png, "VIDEO"); kind != "type" {
		t.Errorf("a PNG for a VIDEO header: kind %q", kind)
	}
	big := File{Ref: "./a.pdf", Type: PDF, Size: 100<<20 + 1}
	if _, kind := Check(big, "document"); kind != "size" {
		t.Errorf("a PDF over 100 MB: kind %q", kind)
	}
	if _, kind := Check(png, "TEXT"); kind != "type" {
		t.Errorf("a file for a TEXT header: kind %q", kind)
	}
}

// A repository reached through a symbolic link (macOS's /tmp and
// /var/folders, a home folder on another disk) holds its files all the
// same: the lexical check must not compare the link's path with the
// resolved root.
func TestResolveThroughLinkedRepository(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "templates", "media"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "templates", "media", "a.png"), []byte("\x89PNG\r\n\x1a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "repo")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join(link, "templates", "t.yaml")
	if _, err := Resolve(tmpl, "./media/a.png"); err != nil {
		t.Errorf("a file of a repository reached through a link: %v", err)
	}
	for _, ref := range []string{"../../x.png", "./media/../../../x.png"} {
		if _, err := Resolve(tmpl, ref); !errors.Is(err, ErrOutside) {
			t.Errorf("Resolve(%q) = %v, want %v", ref, err, ErrOutside)
		}
	}
}
