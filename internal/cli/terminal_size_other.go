//go:build !linux && !darwin

package cli

import "os"

// windowWidth is 0 (unknown) where waform does not ask the terminal: the
// width then comes from COLUMNS alone.
func windowWidth(*os.File) int { return 0 }
