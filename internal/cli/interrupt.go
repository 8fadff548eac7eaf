package cli

import (
	"context"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interrupts turns SIGINT and SIGTERM (what CI runners send on cancel) into
// two stages. The first closes stop and cancels the command's context:
// commands other than apply end at once, and apply stops starting actions
// and lets the ones in flight finish. The second cancels hard, the context
// apply's requests run under, which aborts them.
type interrupts struct {
	stop chan struct{}
	hard context.Context

	mu  sync.Mutex
	sig os.Signal
}

type interruptsKey struct{}

// Process runs waform as the process: Main with SIGINT and SIGTERM handled
// in two stages. It returns the exit code, 128 plus the signal number when
// a signal ended the command.
func Process(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	hard, abort := context.WithCancel(ctx)
	defer abort()
	soft, cancel := context.WithCancel(hard)
	defer cancel()
	in := &interrupts{stop: make(chan struct{}), hard: hard}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case sig := <-sigs:
				if in.first(sig) {
					close(in.stop)
					cancel()
				} else {
					abort()
				}
			case <-done:
				return
			}
		}
	}()
	return Main(context.WithValue(soft, interruptsKey{}, in), args, stdin, stdout, stderr, getenv)
}

// first records sig and reports whether it is the first signal.
func (in *interrupts) first(sig os.Signal) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.sig != nil {
		return false
	}
	in.sig = sig
	return true
}

// signal is the first signal received, or nil.
func (in *interrupts) signal() os.Signal {
	if in == nil {
		return nil
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.sig
}

// interruptsFrom returns the interrupts Process installed, or nil when the
// command runs in-process (tests), where nothing is ever signalled.
func interruptsFrom(ctx context.Context) *interrupts {
	in, _ := ctx.Value(interruptsKey{}).(*interrupts)
	return in
}

// stopChan is closed at the first signal; nil (never closed) without
// interrupts.
func (in *interrupts) stopChan() <-chan struct{} {
	if in == nil {
		return nil
	}
	return in.stop
}

// hardContext is the context that only a second signal cancels; ctx itself
// without interrupts.
func (in *interrupts) hardContext(ctx context.Context) context.Context {
	if in == nil {
		return ctx
	}
	return in.hard
}

// signalName is "SIGINT" or "SIGTERM".
func signalName(sig os.Signal) string {
	if sig == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

// signalExitCode is the shell's convention for a process a signal ended:
// 130 for SIGINT, 143 for SIGTERM.
func signalExitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + int(syscall.SIGINT)
}
