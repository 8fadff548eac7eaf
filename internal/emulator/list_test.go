package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// listAll follows paging.next from path and returns every name seen and
// the number of pages.
func (h *harness) listAll(path string) (names []string, pages int) {
	h.t.Helper()
	next := h.ts.URL + kapsoPrefix + path
	for next != "" {
		u, err := url.Parse(next)
		if err != nil {
			h.t.Fatal(err)
		}
		r := h.doWith("GET", u.RequestURI(), nil, map[string]string{"X-API-Key": DefaultAPIKey})
		if r.status != http.StatusOK {
			h.t.Fatalf("list: %d %s", r.status, r.raw)
		}
		pages++
		for _, item := range r.data() {
			names = append(names, fmt.Sprint(item["name"], "/", item["language"]))
		}
		p, _ := r.body["paging"].(map[string]any)
		next, _ = p["next"].(string)
		if pages > 50 {
			h.t.Fatal("paging does not end")
		}
	}
	return names, pages
}

func TestListPagination(t *testing.T) {
	h := newHarness(t, Options{PageSize: 2})
	var want []string
	for i := range 5 {
		h.create(utility(fmt.Sprintf("t%d", i), "en_US"))
		want = append([]string{fmt.Sprintf("t%d/en_US", i)}, want...) // newest first
	}
	tests := []struct {
		name      string
		path      string
		wantPages int
	}{
		{"configured page size", "/" + waba + "/message_templates", 3},
		{"limit parameter", "/" + waba + "/message_templates?limit=4", 2},
		{"limit above the cap is capped", "/" + waba + "/message_templates?limit=1000", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names, pages := h.listAll(tt.path)
			if !slices.Equal(names, want) || pages != tt.wantPages {
				t.Fatalf("got %v in %d pages, want %v in %d", names, pages, want, tt.wantPages)
			}
		})
	}
}

func TestListCursors(t *testing.T) {
	h := newHarness(t, Options{PageSize: 2})
	ids := make([]string, 5)
	for i := range ids {
		ids[i] = h.create(utility(fmt.Sprintf("t%d", i), "en_US"))
	}
	first := h.do("GET", "/"+waba+"/message_templates", nil)
	p := first.body["paging"].(map[string]any)
	after := p["cursors"].(map[string]any)["after"].(string)
	if strings.Contains(after, ids[3]) || after == "" {
		t.Fatalf("cursor %q is not opaque", after)
	}
	if _, ok := p["previous"]; ok {
		t.Fatal("first page has a previous link")
	}
	// Deleting an item already seen must not shift the next page.
	if r := h.do("DELETE", "/"+waba+"/message_templates?name=t4", nil); r.status != 200 {
		t.Fatalf("delete: %s", r.raw)
	}
	second := h.do("GET", "/"+waba+"/message_templates?after="+after, nil)
	if got := names(second); !slices.Equal(got, []string{"t2", "t1"}) {
		t.Fatalf("second page %v, want [t2 t1]", got)
	}
	before := second.body["paging"].(map[string]any)["cursors"].(map[string]any)["before"].(string)
	back := h.do("GET", "/"+waba+"/message_templates?before="+before, nil)
	if got := names(back); !slices.Equal(got, []string{"t3"}) {
		t.Fatalf("page before %v, want [t3]", got)
	}
	last := h.do("GET", "/"+waba+"/message_templates?after="+second.body["paging"].(map[string]any)["cursors"].(map[string]any)["after"].(string), nil)
	if _, ok := last.body["paging"].(map[string]any)["next"]; ok || !slices.Equal(names(last), []string{"t0"}) {
		t.Fatalf("last page: %s", last.raw)
	}
	if bad := h.do("GET", "/"+waba+"/message_templates?after=garbage", nil); bad.status != http.StatusBadRequest {
		t.Fatalf("bad cursor: %d", bad.status)
	}
}

func names(r response) []string {
	var out []string
	for _, item := range r.data() {
		out = append(out, item["name"].(string))
	}
	return out
}

func TestListFilters(t *testing.T) {
	h := newHarness(t, Options{Approval: Approval{RejectMarker: "FORBIDDEN"}})
	h.create(utility("order_shipped", "en_US"))
	h.create(utility("order_shipped", "es"))
	h.create(utility("reorder_reminder", "en_US"))
	mk := utility("promo", "en_US")
	mk["category"] = "marketing"
	h.create(mk)
	rej := utility("bad_one", "en_US")
	rej["components"].([]any)[0].(map[string]any)["text"] = "FORBIDDEN {{1}} words here."
	h.create(rej)
	tests := []struct {
		query string
		want  []string
	}{
		{"name=order", []string{"reorder_reminder", "order_shipped", "order_shipped"}},
		{"name=ORDER_SHIPPED", []string{"order_shipped", "order_shipped"}},
		{"name=nothing", nil},
		{"status=REJECTED", []string{"bad_one"}},
		{"status=approved", []string{"promo", "reorder_reminder", "order_shipped", "order_shipped"}},
		{"category=MARKETING", []string{"promo"}},
		{"category=MARKETING,UTILITY&name=re", []string{"reorder_reminder"}},
		{"language=es", []string{"order_shipped"}},
		{"language=es&name=order", []string{"order_shipped"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := h.do("GET", "/"+waba+"/message_templates?"+tt.query, nil)
			if got := names(r); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}
