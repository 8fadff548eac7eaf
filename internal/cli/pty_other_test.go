//go:build !linux

package cli_test

import (
	"errors"
	"os"
)

func openPTY() (controller, term *os.File, err error) {
	return nil, nil, errors.New("pseudo-terminals are only opened on Linux in these tests")
}
