package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Stamped at release time by GoReleaser (.goreleaser.yaml):
//
//	-X github.com/waform/waform/internal/cli.version=v1.2.3
//	-X github.com/waform/waform/internal/cli.commit=<full hash>
//	-X github.com/waform/waform/internal/cli.date=<RFC 3339 build time>
var (
	version = ""
	commit  = ""
	date    = ""
)

// BuildInfo says which waform this is.
type BuildInfo struct {
	Version string // v1.2.3, a Go pseudo-version, or "dev"
	Commit  string // "" when unknown
	Date    string // the commit's date, "" when unknown
}

// Build returns the stamped build information; what the linker did not set
// comes from the build info the Go toolchain records: the module version for
// `go install github.com/waform/waform@v1.2.3`, the VCS revision and time
// for a `go build` in a git checkout.
func Build() BuildInfo {
	b := BuildInfo{Version: version, Commit: commit, Date: date}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = &debug.BuildInfo{}
	}
	if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && b.Commit == "":
			b.Commit = s.Value
		case s.Key == "vcs.time" && b.Date == "":
			b.Date = s.Value
		}
	}
	return b
}

// Version returns waform's version, as Build does.
func Version() string { return Build().Version }

type versionCmd struct{}

func (versionCmd) Help() string {
	return `Prints waform's version, the commit it was built from and that commit's
date, and the Go toolchain and platform. Release binaries carry all of them;
a binary from go install knows its module version (and a go build in a git
checkout its commit).

Example:
  waform version`
}

func (versionCmd) Run(s Streams) error { return writeVersion(s.Out) }

// writeVersion is what 'waform version' and 'waform --version' print.
func writeVersion(w io.Writer) error {
	b := Build()
	_, err := fmt.Fprintf(w, "waform %s\ncommit: %s\ndate:   %s\ngo:     %s %s/%s\n",
		b.Version, orUnknown(b.Commit), orUnknown(b.Date), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
