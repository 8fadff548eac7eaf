package emulator

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
)

// paging is Graph's cursor block; next and previous are absent at the ends.
type paging struct {
	Cursors  cursors `json:"cursors"`
	Next     string  `json:"next,omitempty"`
	Previous string  `json:"previous,omitempty"`
}

type cursors struct {
	Before string `json:"before"`
	After  string `json:"after"`
}

type listResponse struct {
	Data   []any   `json:"data"`
	Paging *paging `json:"paging,omitempty"`
}

// cursorPrefix makes cursors opaque-looking and lets a foreign or mangled
// cursor be told apart from a valid one.
const cursorPrefix = "waform-emulator:"

func encodeCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + key))
}

func decodeCursor(cur string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(cur)
	if err != nil {
		return "", false
	}
	return strings.CutPrefix(string(raw), cursorPrefix)
}

// paginate cuts one page out of items, which are sorted by key descending
// (newest first). Cursors carry the key of an item, not an offset, so a page
// stays correct when items before it are deleted between calls.
func paginate[T any](c *call, items []T, key func(T) string, size int) ([]T, *paging, *apiError) {
	limit := size
	if v := c.query.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return nil, nil, badRequest("(#100) Param limit must be a positive integer")
		}
		limit = min(n, maxPageSize)
	}
	start, end := 0, len(items)
	if cur := c.query.Get("after"); cur != "" {
		k, ok := decodeCursor(cur)
		if !ok {
			return nil, nil, badRequest("(#100) Invalid after cursor")
		}
		for start < len(items) && key(items[start]) >= k {
			start++
		}
		end = min(start+limit, len(items))
	} else if cur := c.query.Get("before"); cur != "" {
		k, ok := decodeCursor(cur)
		if !ok {
			return nil, nil, badRequest("(#100) Invalid before cursor")
		}
		for end > 0 && key(items[end-1]) <= k {
			end--
		}
		start = max(end-limit, 0)
	} else {
		end = min(limit, len(items))
	}
	page := items[start:end]
	if len(page) == 0 {
		return page, nil, nil
	}
	p := &paging{Cursors: cursors{Before: encodeCursor(key(page[0])), After: encodeCursor(key(page[len(page)-1]))}}
	if end < len(items) {
		p.Next = pageLink(c, "after", p.Cursors.After, limit)
	}
	if start > 0 {
		p.Previous = pageLink(c, "before", p.Cursors.Before, limit)
	}
	return page, p, nil
}

func pageLink(c *call, param, cursor string, limit int) string {
	u := *c.self
	q := url.Values{}
	for k, v := range c.query {
		if k != "after" && k != "before" && k != "access_token" {
			q[k] = v
		}
	}
	q.Set("limit", strconv.Itoa(limit))
	q.Set(param, cursor)
	u.RawQuery = q.Encode()
	return u.String()
}
