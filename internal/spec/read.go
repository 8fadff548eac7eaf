package spec

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/waform/waform/internal/diag"
)

// RuleNotRegular is the rule of a path that is not a regular file (a named
// pipe, a device, a socket): reading one could block forever or never end,
// so every command skips it.
const RuleNotRegular = "file-not-regular"

// ReadFile reads one template file the way every command must: only a
// regular file (a symbolic link is followed to one), at most MaxFileBytes
// plus one byte so Parse can report a file over the limit, without ever
// blocking on a named pipe or reading a device without end. A path that
// cannot be read gives an error diagnostic; one that is not a regular file
// gives a warning, since it declares no template and is skipped.
func ReadFile(file string) ([]byte, *diag.Diagnostic) {
	return readFile(file, false)
}

// readFile is ReadFile for a file a folder listing may already have shown
// to be regular: then the Stat before opening it, which keeps devices and
// pipes from being opened, is already done (the Fstat after opening still
// refuses one put in its place).
func readFile(file string, regular bool) ([]byte, *diag.Diagnostic) {
	if !regular {
		info, err := os.Stat(file)
		if err != nil {
			d := readError(file, err)
			return nil, &d
		}
		if d := notRegular(file, info); d != nil {
			return nil, d
		}
	}
	// O_NONBLOCK makes opening a named pipe return at once, should the file
	// have been replaced by one since the Stat above; Fstat then refuses it.
	f, err := os.OpenFile(file, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		d := readError(file, err)
		return nil, &d
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		d := readError(file, err)
		return nil, &d
	}
	if d := notRegular(file, info); d != nil {
		return nil, d
	}
	data, err := readAll(f, info.Size())
	if err != nil {
		d := readError(file, err)
		return nil, &d
	}
	return data, nil
}

// readAll reads at most MaxFileBytes+1 bytes of f into a buffer sized from
// the size Fstat gave (a file may still grow or shrink meanwhile): most
// templates are read with one allocation of their size, where io.ReadAll
// would grow its buffer several times and keep up to twice the bytes for
// as long as the document lives.
func readAll(f *os.File, size int64) ([]byte, error) {
	limit := int64(MaxFileBytes + 1)
	data := make([]byte, 0, min(max(size, 0), limit)+1)
	r := io.LimitReader(f, limit)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // let append pick the growth
		}
	}
}

func notRegular(file string, info fs.FileInfo) *diag.Diagnostic {
	if info.Mode().IsRegular() {
		return nil
	}
	d := diag.Warnf(diag.Pos{File: file}, RuleNotRegular, "skipped: %s, not a regular file; template files must be regular files",
		fileKind(info.Mode()))
	return &d
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return fmt.Sprintf("a special file (%v)", m.Type())
}

func readError(path string, err error) diag.Diagnostic {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	return diag.Errorf(diag.Pos{File: path}, RuleFileRead, "cannot read: %v", err)
}
