package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/waform/waform/internal/atomicfile"
)

// Stale lists the files in dir that gen wrote for lang earlier but would
// not write now, files being what it writes now (a template was deleted).
// Files gen did not write, or wrote for another language, are never
// listed.
func Stale(dir, lang string, files []File) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	var stale []string
	for _, e := range entries {
		if e.IsDir() || !Owns(lang, e.Name()) || slices.ContainsFunc(files, func(f File) bool { return f.Path == e.Name() }) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err == nil && IsGenerated(data) {
			stale = append(stale, path)
		}
	}
	return stale, nil
}

// Outdated lists what writing files to dir and removing stale would
// change: each file missing or different, then each stale file, with
// the reason in brackets for the first and the last.
func Outdated(dir string, files []File, stale []string) ([]string, error) {
	var outdated []string
	for _, f := range files {
		path := filepath.Join(dir, f.Path)
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			outdated = append(outdated, path+" (missing)")
		case err != nil:
			return nil, fmt.Errorf("gen: %w", err)
		case !bytes.Equal(old, f.Data):
			outdated = append(outdated, path)
		}
	}
	for _, path := range stale {
		outdated = append(outdated, path+" (no longer generated)")
	}
	return outdated, nil
}

// Write writes files to dir, each only when its content changes, then
// removes the stale ones; it returns the paths it wrote and removed, up to
// the error that stopped it.
func Write(dir string, files []File, stale []string) (written, removed []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("gen: %w", err)
	}
	for _, f := range files {
		path := filepath.Join(dir, f.Path)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		if err := atomicfile.Write(path, f.Data); err != nil {
			return written, nil, fmt.Errorf("gen: %w", err)
		}
		written = append(written, path)
	}
	for _, path := range stale {
		if err := os.Remove(path); err != nil {
			return written, removed, fmt.Errorf("gen: remove %s: %w", path, err)
		}
		removed = append(removed, path)
	}
	return written, removed, nil
}
