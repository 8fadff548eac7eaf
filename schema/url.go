package schema

import (
	"regexp"
)

// published is where GitHub serves a file of the repository at a ref.
const published = "https://raw.githubusercontent.com/waform/waform/"

// File names of the schemas in the repository's schema/ folder.
const (
	templateFile = "schema/template.schema.json"
	configFile   = "schema/config.schema.json"
)

var (
	// releaseVersion is a tag waform is released under: vMAJOR.MINOR.PATCH,
	// maybe with a pre-release, never with build metadata (a snapshot or
	// a dirty build).
	releaseVersion = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)
	// pseudoVersion ends like the version `go install ...@commit` records:
	// a timestamp and a commit, which name no tag.
	pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}$`)
)

// URL is where editors find the schema of kind k as the given waform version
// reads it: the file at the release tag, so that a file written by v1.2.0
// is checked against v1.2.0's schema even after main moves on. A version
// that names no tag (dev, snapshot, pseudo-version) gets main's copy.
func URL(k Kind, version string) string {
	ref := "main"
	if Released(version) {
		ref = version
	}
	if k == ConfigKind {
		return published + ref + "/" + configFile
	}
	return published + ref + "/" + templateFile
}

// Released reports whether version names a release tag.
func Released(version string) bool {
	return releaseVersion.MatchString(version) && !pseudoVersion.MatchString(version)
}

// modeline matches a yaml-language-server comment naming one of waform's
// published schemas at any ref.
var modeline = regexp.MustCompile(`(?m)^(#\s*yaml-language-server:\s*\$schema=)` +
	regexp.QuoteMeta(published) + `[^/\s]+/` + regexp.QuoteMeta(templateFile) + `[ \t]*$`)

// PinModeline points every yaml-language-server comment in data that names
// waform's published template schema at url, so a file names the schema of
// the waform that last formatted it. Comments naming another schema (a local
// copy, someone else's) are left alone.
func PinModeline(data []byte, url string) []byte {
	return modeline.ReplaceAll(data, []byte("${1}"+url))
}
