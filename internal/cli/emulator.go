package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/emulator"
)

// emulatorVersion is the Graph version printed in the base URLs; the
// emulator answers any vNN.N.
const emulatorVersion = "v24.0"

type emulatorCmd struct {
	Addr         string        `help:"Address to listen on." default:"127.0.0.1:8089" placeholder:"HOST:PORT"`
	State        string        `help:"Keep state in this JSON file across restarts (default: in memory)." placeholder:"FILE" type:"path"`
	APIKey       string        `help:"API key (X-API-Key) and bearer token the emulator accepts (default: waform-local-key)." name:"api-key" placeholder:"KEY"`
	Approve      string        `help:"Template review: instant, delay (PENDING for --approve-after), never, or reject." default:"instant" enum:"instant,delay,never,reject"`
	ApproveAfter time.Duration `help:"With --approve delay, how long a template stays PENDING." name:"approve-after" default:"30s"`
	RejectMarker string        `help:"Reject any template whose text contains this marker." name:"reject-marker" placeholder:"TEXT"`
	PageSize     int           `help:"Templates per list page when the client gives no limit." name:"page-size" default:"25"`
	Latency      time.Duration `help:"Delay every request by this much, to try interrupts, timeouts and parallel applies as against a slow API." placeholder:"DURATION"`
}

func (emulatorCmd) Help() string {
	return `Serves a local stand-in for Kapso's Meta proxy and Meta's Graph API:
template list, create, edit and delete, message sends and history, media
uploads. It answers the way the real service does (Meta-shaped errors,
templates returned as Meta rewrites them), so plan, apply, status and send can
be tried with no account. It prints the environment variables that point
waform at it and runs until Ctrl-C.

Example:
  waform emulator
  waform emulator --state .waform/emulator.json --approve delay --approve-after 1m
  waform emulator --latency 500ms

  # in another shell, paste the export lines it printed, then
  waform plan
  waform apply --auto-approve`
}

func (c emulatorCmd) Run(ctx context.Context, s Streams) error {
	emu, err := emulator.New(emulator.Options{
		APIKey:    c.APIKey,
		PageSize:  c.PageSize,
		StatePath: c.State,
		Approval:  emulator.Approval{Mode: c.Approve, After: c.ApproveAfter, RejectMarker: c.RejectMarker},
		Faults:    emulator.Faults{Latency: c.Latency},
	})
	if err != nil {
		return fmt.Errorf("start emulator: %w", err)
	}
	l, err := emu.Listen(ctx, c.Addr)
	if err != nil {
		return fmt.Errorf("start emulator: %w", err)
	}
	c.printBanner(s.Out, l.URL, emu)

	select {
	case err := <-l.Failed():
		return fmt.Errorf("serve emulator: %w", err)
	case <-ctx.Done():
	}
	if err := l.Close(ctx); err != nil {
		return fmt.Errorf("stop emulator: %w", err)
	}
	fmt.Fprintln(s.Err, "waform emulator stopped")
	return nil
}

func (c emulatorCmd) printBanner(w io.Writer, base string, emu *emulator.Server) {
	state := "in memory"
	if c.State != "" {
		state = c.State
	}
	fmt.Fprintf(w, "waform emulator listening on %s (state: %s, approval: %s)\n", base, state, c.Approve)
	fmt.Fprintf(w, "  kapso: %s/meta/whatsapp/%s  (header X-API-Key)\n", base, emulatorVersion)
	fmt.Fprintf(w, "  meta:  %s/%s  (header Authorization: Bearer)\n\n", base, emulatorVersion)
	fmt.Fprintln(w, "Point waform at it:")
	fmt.Fprintf(w, "export %s=%s\n", config.EnvKapsoBase, base)
	fmt.Fprintf(w, "export %s=%s\n", config.EnvAPIKey, emu.APIKey())
	fmt.Fprintf(w, "export %s=%s\n", config.EnvBusiness, emu.BusinessAccountID())
	fmt.Fprintf(w, "export %s=%s\n", config.EnvPhone, emu.PhoneNumberID())
	fmt.Fprintf(w, "export %s=%s\n", config.EnvAppID, emu.AppID())
	fmt.Fprintf(w, "# with api.provider: meta and api.base_url: %s, also: export %s=%s\n\n", base, config.EnvToken, emu.APIKey())
	fmt.Fprintln(w, "Press Ctrl-C to stop.")
}
