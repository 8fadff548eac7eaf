// Command waform manages WhatsApp Business message templates as code.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/waform/waform/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
