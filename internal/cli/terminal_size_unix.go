//go:build linux || darwin

package cli

import (
	"os"
	"syscall"
	"unsafe"
)

// windowWidth asks the terminal f how many columns it has; 0 when it
// cannot say.
func windowWidth(f *os.File) int {
	var size struct{ rows, cols, x, y uint16 }
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TIOCGWINSZ, uintptr(unsafe.Pointer(&size))); errno != 0 {
		return 0
	}
	return int(size.cols)
}
