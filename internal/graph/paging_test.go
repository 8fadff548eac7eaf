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
	got, err := env.client.ListTemplates(context.Background(), "111", ListFilter{OnPage: func(n, items int) {
		pages = append(pages, fmt.Sprintf("%d:%d", n, items))
	}})
	mustOK(t, err)
	if len(got) != 2*pageSize+1 || len(rec.all()) != 3 {
		t.Errorf("%d templates in %d requests, want %d in 3", len(got), len(rec.all()), 2*pageSize+1)
	}
	want := fmt.Sprintf("[1:%d 2:%d 3:%d]", pageSize, 2*pageSize, 2*pageSize+1)
	if fmt.Sprint(pages) != want {
		t.Errorf("OnPage saw %v, want %s", pages, want)
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
