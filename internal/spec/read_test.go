//go:build unix

package spec

import (
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestLoadSkipsSpecialFiles: a named pipe, a link to a device and a socket
// named like template files are skipped with a warning. Before, the pipe
// blocked every command forever and the device was read until memory ran
// out.
func TestLoadSkipsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("name: a\nlanguage: en\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644); err != nil {
		t.Logf("no named pipe: %v", err)
	} else {
		want = append(want, "fifo.yaml warning file-not-regular skipped: a named pipe (FIFO), not a regular file")
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Logf("no /dev/zero: %v", err)
	} else if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	} else {
		want = append(want, "zero.yaml warning file-not-regular skipped: a character device, not a regular file")
	}
	// A socket path must fit in about 100 bytes, so it is listened on
	// through a short relative path.
	if wd, err := os.Getwd(); err == nil && os.Chdir(dir) == nil {
		l, err := net.Listen("unix", "sock.yaml")
		if err := os.Chdir(wd); err != nil {
			t.Fatal(err)
		}
		if err != nil {
			t.Logf("no Unix socket: %v", err)
		} else {
			defer l.Close()
			want = append(want, "sock.yaml warning file-not-regular skipped: a socket, not a regular file")
		}
	}
	if len(want) == 0 {
		t.Skip("this system makes none of a named pipe, /dev/zero or a Unix socket")
	}
	docs, diags := Load(dir)
	if len(docs) != 1 {
		t.Errorf("loaded %d documents, want the one regular file's", len(docs))
	}
	var got []string
	for _, d := range diags {
		got = append(got, strings.TrimPrefix(d.File, dir+"/")+" "+string(d.Severity)+" "+d.Rule+" "+
			strings.TrimSuffix(d.Message, "; template files must be regular files"))
	}
	if strings.Join(got, "\n") != strings.Join(slices.Sorted(slices.Values(want)), "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(slices.Sorted(slices.Values(want)), "\n"))
	}
}

// TestReadFileStopsAfterTheLimit: a file over the limit is read only one
// byte past it, so Parse reports it without the whole file in memory.
func TestReadFileStopsAfterTheLimit(t *testing.T) {
	name := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(name, make([]byte, MaxFileBytes+1000), 0o644); err != nil {
		t.Fatal(err)
	}
	data, d := ReadFile(name)
	if d != nil || len(data) != MaxFileBytes+1 {
		t.Fatalf("read %d bytes, %v; want %d", len(data), d, MaxFileBytes+1)
	}
}
