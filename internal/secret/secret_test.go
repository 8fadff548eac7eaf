package secret

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestSecretNeverPrints(t *testing.T) {
	s := Secret("sk-live-1234")
	data, err := json.Marshal(struct{ Key Secret }{s})
	if err != nil {
		t.Fatal(err)
	}
	out := fmt.Sprintf("%v %+v %#v %s %q %x %X %d", s, s, s, s, s, s, s, s) + string(data) + fmt.Sprint([]Secret{s})
	if strings.Contains(out, "sk-live") || strings.Contains(out, "736b") {
		t.Errorf("secret leaked: %s", out)
	}
	if !strings.Contains(out, Redacted) {
		t.Errorf("no redaction marker in %s", out)
	}
	if got := fmt.Sprint(Secret("")); got != "" {
		t.Errorf("empty secret prints %q", got)
	}
}
