package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/template"
)

func tpl(id, name string) map[string]any {
	return map[string]any{"id": id, "name": name, "language": "en_US", "status": "APPROVED", "category": "UTILITY"}
}

// The next links point at another host and carry an access_token, as
// Meta's do: the client must rebuild them on its own base and drop the
// token.
func TestListFollowsNextOnOwnBase(t *testing.T) {
	pages := map[string]map[string]any{
		"": {"data": []any{tpl("1", "order"), tpl("2", "order_v2")},
			"paging": map[string]any{"cursors": map[string]any{"after": "c1"}, "next": "https://graph.facebook.com/v24.0/111/message_templates?access_token=EAAtoken&limit=2&after=c1"}},
		"c1": {"data": []any{tpl("3", "reorder"), tpl("4", "order")},
			"paging": map[string]any{"cursors": map[string]any{"after": "c2"}, "next": "https://evil.example/x?after=c2&access_token=EAAtoken"}},
		"c2": {"data": []any{tpl("5", "order")}, "paging": map[string]any{"cursors": map[string]any{"after": "c3"}}},
	}
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, pages[r.URL.Query().Get("after")])
	})}
	env := newTestEnv(t, rec, nil)
	got, err := env.client.ListTemplates(context.Background(), "111", ListFilter{Name: "order"})
	mustOK(t, err)
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "1,4,5" {
		t.Errorf("ids %v, want 1,4,5 (all pages, exact name only)", ids)
	}
	reqs := rec.all()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		q, _ := url.ParseQuery(r.RawQuery)
		if r.Path != "/meta/whatsapp/v24.0/111/message_templates" || q.Has("access_token") ||
			q.Get("fields") != TemplateFields || q.Get("name") != "order" || r.Header.Get("X-API-Key") != testKey {
			t.Errorf("request %d: %s", i, reqLine(r))
		}
	}
	if strings.Contains(env.trace.String(), "EAAtoken") {
		t.Error("trace shows the access_token of a next link")
	}
}

// fullPage is a page of exactly the limit the client asks for.
func fullPage(prefix string) []any {
	items := make([]any, pageSize)
	for i := range items {
		items[i] = tpl(prefix+strconv.Itoa(i), prefix+strconv.Itoa(i))
	}
	return items
}

func TestListFollowsCursorsWithoutNext(t *testing.T) {
	// A proxy that strips next links: full pages are followed by their
	// cursor, a short page ends the listing.
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("after") {
		case "":
			writeJSON(w, 200, map[string]any{"data": fullPage("a"), "paging": map[string]any{"cursors": map[string]any{"after": "c1"}}})
		case "c1":
			writeJSON(w, 200, map[string]any{"data": fullPage("b"), "paging": map[string]any{"cursors": map[string]any{"after": "c2"}}})
		case "c2":
			writeJSON(w, 200, map[string]any{"data": []any{tpl("c", "c")}, "paging": map[string]any{"cursors": map[string]any{"after": "c3"}}})
		default:
			writeJSON(w, 200, map[string]any{"data": []any{}})
		}
	})}
	env := newTestEnv(t, rec, nil)
	var pages []string
	got := 0
	err := env.client.ListTemplatePages(context.Background(), "111", ListFilter{}, func(page []template.Remote) error {
		pages = append(pages, fmt.Sprintf("%s:%d", page[0].ID, len(page)))
		got += len(page)
		return nil
	})
	mustOK(t, err)
	if got != 2*pageSize+1 || len(rec.all()) != 3 {
		t.Errorf("%d templates in %d requests, want %d in 3", got, len(rec.all()), 2*pageSize+1)
	}
	want := fmt.Sprintf("[a0:%d b0:%d c:1]", pageSize, pageSize)
	if fmt.Sprint(pages) != want {
		t.Errorf("pages %v, want %s", pages, want)
	}
}

// endlessPages serves full pages with a new cursor each time, and tells
// requests when each request arrives.
func endlessPages(requests chan<- string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		after := r.URL.Query().Get("after")
		select {
		case requests <- after:
		default:
		}
		writeJSON(w, 200, map[string]any{"data": fullPage("p" + after + "-"), "paging": map[string]any{"cursors": map[string]any{"after": after + "x"}}})
	})
}

// The point of the page API: the next page is fetched while visit works
// on the current one.
func TestListTemplatePagesFetchesAhead(t *testing.T) {
	requests := make(chan string, 10)
	env := newTestEnv(t, &recorder{next: endlessPages(requests)}, nil)
	stop := errors.New("stop")
	err := env.client.ListTemplatePages(context.Background(), "111", ListFilter{}, func(page []template.Remote) error {
		<-requests // this page's request
		select {
		case after := <-requests:
			if after != "x" {
				t.Errorf("second request asks after=%q, want x", after)
			}
		case <-time.After(10 * time.Second):
			t.Error("the second page was not requested while the first was visited")
		}
		return stop
	})
	if err != stop {
		t.Fatalf("err = %v, want visit's own error", err)
	}
}

// An error from visit stops the listing: at most the page already being
// fetched is requested after it.
func TestListTemplatePagesVisitErrorStops(t *testing.T) {
	rec := &recorder{next: endlessPages(nil)}
	env := newTestEnv(t, rec, nil)
	stop := errors.New("stop")
	visits := 0
	err := env.client.ListTemplatePages(context.Background(), "111", ListFilter{}, func([]template.Remote) error {
		if visits++; visits == 3 {
			return stop
		}
		return nil
	})
	if err != stop || visits != 3 {
		t.Fatalf("err = %v after %d visits, want visit's own error after 3", err, visits)
	}
	if n := len(rec.all()); n > 5 {
		t.Errorf("%d requests after visit stopped at the third page, want at most 5", n)
	}
}

// A listing cut short by its context is an error, never a shorter list:
// an incomplete remote list would plan creates of existing templates.
func TestListTemplatePagesCancelledIsAnError(t *testing.T) {
	env := newTestEnv(t, &recorder{next: endlessPages(nil)}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := env.client.ListTemplatePages(ctx, "111", ListFilter{}, func([]template.Remote) error {
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestListOnePageIsOneRequest(t *testing.T) {
	// Meta's last page: cursors, no next link.
	rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"data": []any{tpl("1", "a"), tpl("2", "b")},
			"paging": map[string]any{"cursors": map[string]any{"before": "MAZDZD", "after": "OTkZD"}}})
	})}
	env := newTestEnv(t, rec, nil)
	got, err := env.client.ListTemplates(context.Background(), "111", ListFilter{})
	mustOK(t, err)
	if len(got) != 2 || len(rec.all()) != 1 {
		t.Errorf("%d templates in %d requests, want 2 in 1", len(got), len(rec.all()))
	}
}

func TestListStopsOnCursorLoop(t *testing.T) {
	for name, paging := range map[string]map[string]any{
		"same next":  {"next": "https://x.test/111/message_templates?after=again"},
		"same after": {"cursors": map[string]any{"after": "again"}},
	} {
		t.Run(name, func(t *testing.T) {
			rec := &recorder{next: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 200, map[string]any{"data": fullPage("a"), "paging": paging})
			})}
			env := newTestEnv(t, rec, nil)
			_, err := env.client.ListTemplates(context.Background(), "111", ListFilter{})
			if !errors.Is(err, errCursorLoop) {
				t.Fatalf("err = %v, want the cursor loop error", err)
			}
			if n := len(rec.all()); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
		})
	}
}
