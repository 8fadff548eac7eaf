package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

const jsonType = "application/json"

// errRecovered tells settle's caller that the operation's effect was found
// in place after its own answer was lost.
var errRecovered = errors.New("recovered after an unknown outcome")

// settle runs op, a request marked unsafe, until it succeeds or fails for
// certain. After an unknown outcome it asks check whether op's effect is
// already there: if so it returns errRecovered; if not, op runs again, up
// to MaxAttempts times. Once an outcome has been unknown, a definite
// failure is checked as well, since it may be the earlier attempt's effect
// showing through ("already exists", "not found", "cannot edit while in
// review").
func (c *Client) settle(ctx context.Context, op func() error, check func() (bool, error)) error {
	unknown := false
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil {
			return nil
		}
		lost := errors.Is(err, ErrOutcomeUnknown)
		if !lost && !unknown {
			return err
		}
		unknown = true
		applied, cerr := check()
		switch {
		case applied:
			return errRecovered
		case cerr != nil:
			return fmt.Errorf("%w; checking whether it was applied failed: %w", err, cerr)
		case !lost:
			return err
		case attempt >= c.opts.MaxAttempts:
			return fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		if serr := c.opts.Clock.Sleep(ctx, c.backoff(attempt, err)); serr != nil {
			return fmt.Errorf("%w; wait before retry: %w", err, serr)
		}
	}
}

// pathOf joins escaped path segments. IDs come from config and from the
// server; none may be empty or climb out of the base path.
func pathOf(segments ...string) (string, error) {
	var b strings.Builder
	for _, s := range segments {
		switch s {
		case "":
			return "", errors.New("an id in the request path is empty")
		case ".", "..":
			return "", fmt.Errorf("invalid id %q in the request path", s)
		}
		b.WriteString("/")
		b.WriteString(url.PathEscape(s))
	}
	return b.String(), nil
}
