// Command waform manages WhatsApp Business message templates as code.
package main

import (
	"context"
	"os"

	"github.com/waform/waform/internal/cli"
)

func main() {
	os.Exit(cli.Process(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
