package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// syncAll makes the content of the files written so far durable. Past a
// handful of files one syncfs(2) of each file system they are on costs less
// than a sync per file: at 6,000 files, 30–120 ms against 0.2–0.9 s for
// fsyncs 32 at a time (measured on ext4). syncfs returns once the data is
// written, which renaming the files over their targets needs first, and
// reports a write-back error, which sync(2) would not; unlike sync(2) it
// does not also wait for what other programs left dirty on other disks.
func syncAll(files []string) error {
	if len(files) <= manyFiles {
		return syncEach(files)
	}
	synced := map[uint64]bool{}
	seenDir := map[string]bool{}
	for _, name := range files {
		dir := filepath.Dir(name)
		if seenDir[dir] {
			continue
		}
		seenDir[dir] = true
		var st syscall.Stat_t
		if err := syscall.Stat(dir, &st); err != nil {
			return &os.PathError{Op: "stat", Path: dir, Err: err}
		}
		if synced[st.Dev] {
			continue
		}
		synced[st.Dev] = true
		if err := syncFileSystem(name); err != nil {
			return err
		}
	}
	return nil
}

// syncFileSystem writes out everything dirty on the file system holding name.
func syncFileSystem(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return &os.PathError{Op: "syncfs", Path: name, Err: err}
	}
	return nil
}
