package graph

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxPages stops a server that keeps inventing new cursors.
const maxPages = 1000

// page is Graph's list envelope.
type page[T any] struct {
	Data   []T `json:"data"`
	Paging struct {
		Cursors struct {
			After string `json:"after"`
		} `json:"cursors"`
		Next string `json:"next"`
	} `json:"paging"`
}

// errCursorLoop: a server handing back a cursor already followed would
// make the listing endless; stopping silently would make it incomplete,
// and an incomplete remote list would plan creates of existing templates.
var errCursorLoop = errors.New("pagination repeated a cursor; the listing would never end")

// listPages GETs path page by page, handing each page's items to visit
// until visit returns true or the listing ends.
//
// paging.next is never requested as given: its host may differ from ours
// (Kapso's proxy can pass Meta's URL through, and following it would send
// the API key to Meta) and Meta's carries access_token. Instead its query,
// minus access_token, is laid over the first request's query on our own
// base. A missing next ends the listing once the server has shown it uses
// next links, or on a page shorter than the limit asked for (Meta's last
// page has cursors but no next, so an account that fits in one page costs
// one request); until then, in case a proxy strips next links, cursors.after
// is followed while pages are full.
func listPages[T any](ctx context.Context, c *Client, path string, query url.Values, visit func([]T) bool) error {
	seen := map[string]bool{query.Encode(): true}
	q := query
	usesNext := false
	limit, err := strconv.Atoi(query.Get("limit"))
	if err != nil {
		limit = 0 // no limit asked: the server's page size is unknown
	}
	for range maxPages {
		var p page[T]
		if err := c.do(ctx, &call{method: http.MethodGet, path: path, query: q}, &p); err != nil {
			return err
		}
		if visit(p.Data) {
			return nil
		}
		usesNext = usesNext || p.Paging.Next != ""
		next, ok := nextQuery(query, p.Paging.Next, p.Paging.Cursors.After, len(p.Data))
		if !ok || (p.Paging.Next == "" && (usesNext || len(p.Data) < limit)) {
			return nil
		}
		key := next.Encode()
		if seen[key] {
			return errCursorLoop
		}
		seen[key] = true
		q = next
	}
	return errors.New("pagination did not end after 1000 pages")
}

// prefetched runs list on its own goroutine, one page ahead of visit:
// while visit handles a page, list already fetches the next. list hands
// each page to send, which reports whether to stop (visit failed, or ctx
// ended). The first error of visit stops the listing and is returned;
// otherwise list's own error is.
func prefetched[T any](ctx context.Context, list func(ctx context.Context, send func(T) bool) error, visit func(T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan T, 1)
	listed := make(chan error, 1)
	go func() {
		defer close(pages)
		err := list(ctx, func(p T) bool {
			select {
			case pages <- p:
				return false
			case <-ctx.Done():
				return true
			}
		})
		if err == nil {
			// A listing stopped by a cancelled ctx is incomplete, and an
			// incomplete list must never pass for the whole account.
			err = ctx.Err()
		}
		listed <- err
	}()
	for p := range pages {
		if err := visit(p); err != nil {
			cancel()
			for range pages { // let list see the cancel and end
			}
			<-listed
			return err
		}
	}
	return <-listed
}

func nextQuery(first url.Values, next, after string, n int) (url.Values, bool) {
	q := maps.Clone(first)
	if q == nil {
		q = url.Values{}
	}
	if next != "" {
		if u, err := url.Parse(next); err == nil {
			for k, v := range u.Query() {
				if !strings.EqualFold(k, "access_token") {
					q[k] = v
				}
			}
			return q, true
		}
	}
	if after == "" || n == 0 {
		return nil, false
	}
	q.Set("after", after)
	return q, true
}
