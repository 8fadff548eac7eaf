//go:build !linux

package atomicfile

// syncAll makes the content of the files written so far durable. Elsewhere
// than on Linux, sync(2) may return before the data is written (POSIX
// allows it, and macOS does), so each file is synced, several at a time.
func syncAll(files []string) error { return syncEach(files) }
