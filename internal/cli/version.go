package cli

import (
	"fmt"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X github.com/waform/waform/internal/cli.version=v1.2.3".
var version = ""

// Version returns waform's version: the linker-set one, else the module
// version recorded by `go install`, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

type versionCmd struct{}

func (versionCmd) Help() string {
	return "Example:\n  waform version"
}

func (versionCmd) Run(s Streams) error {
	_, err := fmt.Fprintf(s.Out, "waform %s\n", Version())
	return err
}
