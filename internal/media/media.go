// Package media reads the files that template headers name as their sample
// ("./banner.png" in example.header_handle): where a reference points, what
// the file is by its content, and whether Meta takes it for a header of a
// given format. It is a leaf package: validate checks references with it,
// and the commands that upload, preview or send a file describe it with it.
package media

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waform/waform/internal/template"
)

// IsFileRef reports whether a header_handle entry names a file: it starts
// with "./" or "../", which neither an upload handle ("4::...") nor a URL
// does.
func IsFileRef(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../")
}

// MIME types of the files a template header takes.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	MP4  = "video/mp4"
	GPP  = "video/3gpp"
	PDF  = "application/pdf"
)

// Limit is what Meta takes as the sample of one header format.
type Limit struct {
	Types   []string
	MaxSize int64
}

// Limits per header format, from Meta's supported media table (image 5 MB,
// video 16 MB, document 100 MB; TEMPLATE-RULES §5.3 and the emulator's
// table) and the GIF header, an MP4 of at most 3.5 MB.
var Limits = map[string]Limit{
	template.HeaderImage:    {Types: []string{JPEG, PNG}, MaxSize: 5 << 20},
	template.HeaderVideo:    {Types: []string{MP4, GPP}, MaxSize: 16 << 20},
	template.HeaderDocument: {Types: []string{PDF}, MaxSize: 100 << 20},
	template.HeaderGIF:      {Types: []string{MP4}, MaxSize: 7 << 19},
}

// Sniff names the type of a file from its first bytes: one of the constants
// above, or "" for anything else. The extension is never consulted, so a
// renamed file is reported for what it is.
func Sniff(head []byte) string {
	switch {
	case len(head) >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF:
		return JPEG
	case len(head) >= 8 && string(head[:8]) == "\x89PNG\r\n\x1a\n":
		return PNG
	case len(head) >= 5 && string(head[:5]) == "%PDF-":
		return PDF
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		// ISO base media: the major brand tells 3GPP ("3gp4", "3g2a"...)
		// from MP4 ("isom", "mp42"...).
		if strings.HasPrefix(string(head[8:12]), "3g") {
			return GPP
		}
		return MP4
	}
	return ""
}

// File describes a referenced file.
type File struct {
	Ref    string // as written in the template: "./banner.png"
	Path   string // the path to open, from the working directory
	Name   string // base name
	Type   string // sniffed MIME type, "" when unknown
	Size   int64
	SHA256 string // hex
}

// SizeText is the size for people: "12.3 KB", "4.0 MB".
func (f File) SizeText() string { return SizeText(f.Size) }

// SizeText prints n bytes in binary units, as Meta's limits are: "5 MB",
// "3.5 MB", "2.4 KB".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Errors of Resolve, for callers that report them under their own rule ids.
var (
	ErrMissing = errors.New("file not found")
	ErrOutside = errors.New("is outside the repository")
)

// Resolve turns ref, relative to the template file that holds it, into a
// path from the working directory, and checks that the file exists and
// lies inside the repository (see repositoryRoot). Symbolic links are
// followed before the check, so a link cannot lead out of the repository.
func Resolve(templateFile, ref string) (string, error) {
	p := filepath.Join(filepath.Dir(templateFile), filepath.FromSlash(ref))
	root, err := repositoryRoot(templateFile)
	if err != nil {
		return p, err
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return p, err
	}
	// Lexically first, so a path out of the repository is named as such
	// even when nothing is there; then both with links resolved, so a
	// repository reached through a link (macOS's /tmp) holds its files.
	if !within(root, abs) {
		return p, fmt.Errorf("%s %w %s", p, ErrOutside, root)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return p, err
	}
	real, err := filepath.EvalSymlinks(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return p, fmt.Errorf("%s: %w", p, ErrMissing)
	case err != nil:
		return p, err
	case !within(realRoot, real):
		return p, fmt.Errorf("%s (a link to %s) %w %s", p, real, ErrOutside, realRoot)
	}
	info, err := os.Stat(real)
	if err != nil {
		return p, err
	}
	if !info.Mode().IsRegular() {
		return p, fmt.Errorf("%s: not a regular file", p)
	}
	return p, nil
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && filepath.IsLocal(rel)
}

// configFile is config.DefaultFile; media is a leaf package and cannot
// import config.
const configFile = "waform.yaml"

// repositoryRoot is the nearest folder above templateFile holding .git;
// outside git, the nearest holding waform.yaml (the project's folder, so
// that "--config ../waform.yaml" from a subfolder still sees the files
// beside it); else the working directory. As reached, links not resolved,
// to compare with the path of the file as reached.
func repositoryRoot(templateFile string) (string, error) {
	abs, err := filepath.Abs(filepath.Dir(templateFile))
	if err != nil {
		return "", err
	}
	for _, marker := range []string{".git", configFile} {
		if dir, ok := above(abs, marker); ok {
			return dir, nil
		}
	}
	return os.Getwd()
}

// above is the nearest folder from dir up that holds name.
func above(dir, name string) (string, bool) {
	for {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Inspect resolves ref and describes the file: type from its content, size
// and digest.
func Inspect(templateFile, ref string) (File, error) {
	return inspect(templateFile, ref, true)
}

// Peek is Inspect without the digest: it reads only the first bytes, so
// validating a large file costs no more than a small one.
func Peek(templateFile, ref string) (File, error) {
	return inspect(templateFile, ref, false)
}

func inspect(templateFile, ref string, digest bool) (File, error) {
	f := File{Ref: ref, Name: filepath.Base(filepath.FromSlash(ref))}
	p, err := Resolve(templateFile, ref)
	f.Path = p
	if err != nil {
		return f, err
	}
	fh, err := os.Open(p)
	if err != nil {
		return f, err
	}
	defer fh.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(fh, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return f, fmt.Errorf("read %s: %w", p, err)
	}
	f.Type = Sniff(head[:n])
	if !digest {
		info, err := fh.Stat()
		if err != nil {
			return f, err
		}
		f.Size = info.Size()
		return f, nil
	}
	h := sha256.New()
	h.Write(head[:n])
	rest, err := io.Copy(h, fh)
	if err != nil {
		return f, fmt.Errorf("read %s: %w", p, err)
	}
	f.Size, f.SHA256 = int64(n)+rest, hex.EncodeToString(h.Sum(nil))
	return f, nil
}

// Check says what keeps f from being the sample of a header of format:
// a type Meta does not take there, or a size above its limit. "" when it
// fits. The second result names the kind of problem: "type" or "size".
func Check(f File, format string) (problem, kind string) {
	limit, ok := Limits[strings.ToUpper(format)]
	if !ok {
		return fmt.Sprintf("a %s header has no media sample; only IMAGE, VIDEO, DOCUMENT and GIF headers take a file", format), "type"
	}
	if !slices.Contains(limit.Types, f.Type) {
		got := f.Type
		if got == "" {
			got = "not a recognised media file"
		}
		return fmt.Sprintf("%s is %s by its content; %s headers take %s", f.Ref, got, format, typeList(limit.Types)), "type"
	}
	if f.Size > limit.MaxSize {
		return fmt.Sprintf("%s is %s (%d bytes); Meta takes at most %s (%d bytes) for %s headers",
			f.Ref, f.SizeText(), f.Size, SizeText(limit.MaxSize), limit.MaxSize, format), "size"
	}
	return "", ""
}

func typeList(types []string) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = typeName[t]
	}
	return strings.Join(names, " or ")
}

var typeName = map[string]string{JPEG: "JPEG", PNG: "PNG", MP4: "MP4", GPP: "3GPP", PDF: "PDF"}
