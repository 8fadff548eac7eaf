//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) {}

// links reports one link where the count is not available without
// platform calls; such systems rarely hard-link files in a repository.
func links(fs.FileInfo) uint64 { return 1 }
