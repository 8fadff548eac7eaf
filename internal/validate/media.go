package validate

import (
	"errors"
	"strconv"

	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/spec"
	"github.com/waform/waform/internal/template"
)

// checkMediaFiles checks header samples that name a repository file
// ("./banner.png", relative to the template file): the file exists inside
// the repository, and its content and size are what Meta takes for the
// header's format. A body with no file behind it (an API request, as the
// emulator checks) cannot name one: only apply turns a file into a handle.
func checkMediaFiles(c *checker) {
	doc, inFile := c.loc.(*spec.Document)
	c.eachComponent(func(comp *template.Component, ptr string, _ bool) {
		if comp.Type != template.ComponentHeader || comp.Example == nil {
			return
		}
		for i, ref := range comp.Example.HeaderHandle {
			if !media.IsFileRef(ref) {
				continue
			}
			at := ptr + "/example/header_handle/" + strconv.Itoa(i)
			if !inFile {
				c.report(at, "media-file-ref", "header_handle %q is a file path, not an upload handle (4::...); upload the file first", ref)
				continue
			}
			c.checkMediaFile(doc.File, at, ref, comp.Format)
		}
	})
}

func (c *checker) checkMediaFile(templateFile, at, ref, format string) {
	if !mediaFormats[format] {
		c.report(at, "media-file-type", "%s names a file, but a %s header has no media sample; set format: IMAGE, VIDEO or DOCUMENT", ref, format)
		return
	}
	f, err := media.Peek(templateFile, ref)
	switch {
	case errors.Is(err, media.ErrMissing):
		c.report(at, "media-file-missing", "%s: no such file (%s, relative to the template file); add it or fix the path", ref, f.Path)
		return
	case errors.Is(err, media.ErrOutside):
		c.report(at, "media-file-outside", "%s: %v; a header sample must be a file of the repository", ref, err)
		return
	case err != nil:
		c.report(at, "media-file-missing", "%s cannot be read: %v", ref, err)
		return
	}
	if problem, kind := media.Check(f, format); problem != "" {
		c.report(at, "media-file-"+kind, "%s", problem)
		return
	}
	if f.Type == media.GPP {
		c.report(at, "media-file-upload-type", "%s is 3GPP; Meta takes 3GPP video headers, but its Resumable Upload API documents "+
			"only MP4 among video types, so the upload may be refused: convert it to MP4", ref)
	}
}
