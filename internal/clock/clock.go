// Package clock holds the one real-time wait the program needs; everything
// that waits takes it as an injectable function so tests never sleep.
package clock

import (
	"context"
	"time"
)

// Sleep waits for d, or returns ctx's error as soon as ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
