//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteKeepsOwner(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("giving a file to another owner needs root")
	}
	name := filepath.Join(t.TempDir(), "owned")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	const nobody = 65534
	if err := os.Chown(name, nobody, nobody); err != nil {
		t.Skipf("cannot give the file away: %v", err)
	}
	if err := Write(name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); !ok || st.Uid != nobody || st.Gid != nobody {
		t.Errorf("owner not kept: %+v", info.Sys())
	}
}
