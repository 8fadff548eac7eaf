package message

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	filemedia "github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/template"
)

// MediaFile is a local file to upload for a media header, checked against
// WhatsApp's format and size limits.
type MediaFile struct {
	Path     string // as given
	Name     string // base name, sent as the upload's file name
	MIMEType string
	Size     int64
}

var typeByExt = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
	".mp4": "video/mp4", ".3gp": "video/3gpp", ".pdf": "application/pdf",
}

var typeNames = map[string]string{
	"image/jpeg": "JPEG", "image/png": "PNG", "video/mp4": "MP4",
	"video/3gpp": "3GP", "application/pdf": "PDF",
}

// CheckMediaFile checks a local file for a header of format (IMAGE, VIDEO,
// GIF, DOCUMENT) by extension, size (from os.Stat, before reading) and
// sniffed content, so a file WhatsApp would refuse is never uploaded.
func CheckMediaFile(path, format string) (MediaFile, error) {
	limit, ok := filemedia.Limits[format]
	if !ok {
		return MediaFile{}, fmt.Errorf("check media %s: %s headers take no media", path, format)
	}
	wanted := describeTypes(limit.Types)
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return MediaFile{}, fmt.Errorf("check media %s: no such file (give a local file, an https:// URL, or a media id as id:ID)", path)
	case err != nil:
		return MediaFile{}, fmt.Errorf("check media: %w", err)
	case !info.Mode().IsRegular():
		return MediaFile{}, fmt.Errorf("check media %s: not a regular file", path)
	}
	ext := strings.ToLower(filepath.Ext(path))
	mime := typeByExt[ext]
	if !slices.Contains(limit.Types, mime) {
		return MediaFile{}, fmt.Errorf("check media %s: %s headers take %s files, not %q", path, format, wanted, ext)
	}
	if info.Size() > limit.MaxSize {
		return MediaFile{}, fmt.Errorf("check media %s: the file is %s; %s headers are limited to %s",
			path, megabytes(info.Size()), format, filemedia.SizeText(limit.MaxSize))
	}
	if info.Size() == 0 {
		return MediaFile{}, fmt.Errorf("check media %s: the file is empty", path)
	}
	sniffed, err := sniffFile(path)
	if err != nil {
		return MediaFile{}, fmt.Errorf("check media: %w", err)
	}
	if sniffed != mime {
		got := "unrecognised content"
		if name, ok := typeNames[sniffed]; ok {
			got = name + " content"
		}
		return MediaFile{}, fmt.Errorf("check media %s: the name says %s but the file holds %s; %s headers take %s",
			path, typeNames[mime], got, format, wanted)
	}
	return MediaFile{Path: path, Name: filepath.Base(path), MIMEType: mime, Size: info.Size()}, nil
}

func describeTypes(types []string) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = typeNames[t]
	}
	return strings.Join(names, " or ")
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func sniffFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 16)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return "", err
	}
	return filemedia.Sniff(head[:n]), nil
}

// media resolves a media header's value: an http(s) URL becomes a link, a
// media id ("id:ID" or digits) an id, anything else a local file that is
// checked now and uploaded before sending. It returns the parameter and how
// the preview shows the media.
func (b *builder) media(key, format string, e *template.Example) (*Parameter, string) {
	s := slot{key: key, kind: KindMedia, optional: true}
	// A template read back from the API carries a CDN URL as its example,
	// which can be sent as a link; a local file carries an upload handle,
	// which cannot.
	if e != nil && len(e.HeaderHandle) > 0 && isURL(e.HeaderHandle[0]) {
		s.def, s.hasDef = e.HeaderHandle[0], true
	}
	v, ok := b.value(s)
	if !ok {
		if !b.opts.previewOnly {
			b.fail(key, "the %s header needs media: give --header-media PATH|URL or --param %s=PATH|URL|id:ID",
				strings.ToLower(format), key)
		}
		return nil, ""
	}
	m := &Media{}
	shown := v
	switch id, isID := mediaID(v); {
	case isURL(v):
		m.Link = v
	case isID:
		m.ID, shown = id, "media id "+id
	default:
		file, err := CheckMediaFile(v, format)
		if err != nil {
			b.fail(key, "%s", strings.TrimPrefix(err.Error(), "check media "))
			return nil, v
		}
		b.uploads = append(b.uploads, file)
		shown = fmt.Sprintf("%s (%s, %s)", file.Name, file.MIMEType, filemedia.SizeText(file.Size))
		m.ID = b.opts.Uploaded[v]
		if m.ID == "" {
			m.ID = "<media id of " + file.Name + " after upload>"
		}
		if format == template.HeaderDocument {
			m.Filename = file.Name
		}
	}
	// A GIF header is an MP4 and goes out as a video: §7 lists image, video
	// and document as the media parameter types, and the emulator agrees.
	switch format {
	case template.HeaderImage:
		return &Parameter{Type: "image", Image: m}, shown
	case template.HeaderDocument:
		return &Parameter{Type: "document", Document: m}, shown
	}
	return &Parameter{Type: "video", Video: m}, shown
}

func isURL(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// mediaID recognises an uploaded media's id: Meta's are all digits; "id:"
// marks any other.
func mediaID(v string) (string, bool) {
	if id, ok := strings.CutPrefix(v, "id:"); ok && id != "" {
		return id, true
	}
	if v != "" && strings.Trim(v, "0123456789") == "" {
		return v, true
	}
	return "", false
}
