//go:build !unix

package atomicfile

// syncAll makes the content of the files written so far durable.
func syncAll(files []string) error { return syncEach(files) }
