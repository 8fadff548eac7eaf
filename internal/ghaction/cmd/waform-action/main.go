// Command waform-action runs the steps of waform's GitHub Action
// (action.yml): resolving and installing the waform binary, and keeping the
// plan comment and the drift issue up to date. The logic is in
// internal/ghaction.
package main

import (
	"context"
	"os"

	"github.com/waform/waform/internal/ghaction"
)

func main() {
	os.Exit(ghaction.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}
