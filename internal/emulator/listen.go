package emulator

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// shutdownGrace bounds how long Close waits for requests in flight.
const shutdownGrace = 5 * time.Second

// Listener is a Server serving HTTP on a TCP address: what `waform
// emulator` and --local run.
type Listener struct {
	// URL is the base URL to give clients, http://host:port.
	URL    string
	srv    *http.Server
	served chan error
}

// Listen serves s on addr (host:port; port 0 picks a free one) until Close.
func (s *Server) Listen(ctx context.Context, addr string) (*Listener, error) {
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	l := &Listener{
		URL:    "http://" + ln.Addr().String(),
		srv:    &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second},
		served: make(chan error, 1),
	}
	go func() { l.served <- l.srv.Serve(ln) }()
	return l, nil
}

// Failed receives the error that stopped serving before Close was called.
func (l *Listener) Failed() <-chan error { return l.served }

// Close stops accepting requests and lets the ones in flight finish for a
// few seconds, even when ctx is already cancelled (Ctrl-C is how a served
// emulator usually ends).
func (l *Listener) Close(ctx context.Context) error {
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := l.srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
