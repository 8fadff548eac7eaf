package render

import (
	"strings"
	"testing"

	"github.com/waform/waform/internal/diag"
)

func TestViewRules(t *testing.T) {
	var out strings.Builder
	err := View{Out: &out}.Rules([]Rule{
		{ID: "body-length", Severity: diag.Error, Summary: "the body is at most 1024 characters", Subcode: 2388040, Why: "M-BODY"},
		{ID: "ttl-range", Severity: diag.Warning, Summary: "a TTL in range", Why: "M-TTL"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "RULE         SEVERITY  SUBCODE  SUMMARY                              WHY\n" +
		"body-length  error     2388040  the body is at most 1024 characters  M-BODY\n" +
		"ttl-range    warning   -        a TTL in range                       M-TTL\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}
