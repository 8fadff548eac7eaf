//go:build unix

package atomicfile

import "syscall"

// syncAll makes the content of the files written so far durable. One sync
// of every file system costs less than a sync per file past a handful of
// files (6,000 file syncs took seconds where one sync took a fraction).
func syncAll(files []string) error {
	if len(files) <= manyFiles {
		return syncEach(files)
	}
	syscall.Sync()
	return nil
}
