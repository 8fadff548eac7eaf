// Package atomicfile writes files so that a reader, or a crash, never sees
// them half written: DESIGN.md's "nothing is written unless it is complete".
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes data to a temporary file in name's folder, syncs it, gives it
// mode 0644 and renames it over name. On failure name is untouched and the
// temporary file is removed.
func Write(name string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
