package emulator

import (
	"net/http"
	"testing"
	"time"
)

func TestApprovalLifecycle(t *testing.T) {
	type step struct {
		advance time.Duration
		want    string // status seen by a GET after advancing
	}
	tests := []struct {
		name     string
		approval Approval
		text     string
		created  string
		steps    []step
		reason   string
	}{
		{"instant by default", Approval{}, "", "APPROVED", []step{{0, "APPROVED"}}, ""},
		{"delay by reads", Approval{Mode: ApproveDelay, AfterLists: 2}, "", "PENDING",
			[]step{{0, "PENDING"}, {0, "PENDING"}, {0, "APPROVED"}}, ""},
		{"delay by time", Approval{Mode: ApproveDelay, After: 10 * time.Minute}, "", "PENDING",
			[]step{{9 * time.Minute, "PENDING"}, {time.Minute, "APPROVED"}}, ""},
		{"never", Approval{Mode: ApproveNever}, "", "PENDING",
			[]step{{1000 * time.Hour, "PENDING"}}, ""},
		{"reject marker, instant", Approval{RejectMarker: "SPAM", RejectReason: "PROMOTIONAL"}, "Buy SPAM {{1}} today.", "REJECTED",
			[]step{{0, "REJECTED"}}, "PROMOTIONAL"},
		{"reject marker after delay", Approval{Mode: ApproveDelay, AfterLists: 1, RejectMarker: "SPAM"}, "Buy SPAM {{1}} today.", "PENDING",
			[]step{{0, "PENDING"}, {0, "REJECTED"}}, "INVALID_FORMAT"},
		{"marker absent", Approval{RejectMarker: "SPAM"}, "", "APPROVED", []step{{0, "APPROVED"}}, ""},
		{"reject everything", Approval{Mode: ApproveReject}, "", "REJECTED", []step{{0, "REJECTED"}}, "INVALID_FORMAT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{Approval: tt.approval})
			body := utility("life", "en_US")
			if tt.text != "" {
				body["components"].([]any)[0].(map[string]any)["text"] = tt.text
			}
			r := h.do("POST", "/"+waba+"/message_templates", body)
			if r.body["status"] != tt.created {
				t.Fatalf("created %v, want %s", r.body["status"], tt.created)
			}
			id := r.body["id"].(string)
			var last response
			for i, s := range tt.steps {
				h.clock.Advance(s.advance)
				last = h.do("GET", "/"+waba+"/message_templates", nil)
				got := last.data()[0]
				if got["status"] != s.want {
					t.Fatalf("step %d: status %v, want %s", i, got["status"], s.want)
				}
			}
			got := last.data()[0]
			if reason, _ := got["rejected_reason"].(string); reason != tt.reason {
				t.Fatalf("rejected_reason %q, want %q", reason, tt.reason)
			}
			if q := got["quality_score"].(map[string]any)["score"]; q != "UNKNOWN" {
				t.Fatalf("quality %v, want UNKNOWN", q)
			}
			if single := h.do("GET", "/"+waba+"/message_templates/"+id, nil); single.status != http.StatusOK {
				t.Fatalf("get by id: %s", single.raw)
			}
		})
	}
}
