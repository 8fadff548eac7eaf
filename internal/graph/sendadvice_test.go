package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/waform/waform/internal/emulator"
)

// A send refused for a known code says what to do, keeping the API error
// for its details; other errors pass unchanged.
func TestExplainSendError(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	_, err := Account{Client: env.client, WABA: env.waba}.SendTemplate(context.Background(), env.phone, templateMessage("nope", "15551234567"))
	got := ExplainSendError(fmt.Errorf("send nope (en_US): %w", err))
	if !strings.HasPrefix(got.Error(), "the template does not exist in this language on the account, or is not approved yet (run waform status): send nope (en_US): send message: (#132001)") {
		t.Errorf("132001 from the emulator: %v", got)
	}
	if e, ok := AsAPIError(got); !ok || e.Code != 132001 {
		t.Errorf("the API error is no longer wrapped: %v", got)
	}
	inFlight := ExplainSendError(&APIError{Status: 409, Message: "another message is in flight"})
	if !strings.HasPrefix(inFlight.Error(), "another message to this recipient was still in flight") {
		t.Errorf("409: %v", inFlight)
	}
	for _, plain := range []error{&APIError{Status: 400, Code: 100, Message: "Invalid parameter"}, errors.New("connection refused")} {
		if got := ExplainSendError(plain); got != plain {
			t.Errorf("%v became %v", plain, got)
		}
	}
}

// The README's troubleshooting table has a row for every send error code
// waform explains, so the advice can be found before the error is met.
func TestReadmeTroubleshootingCoversSendAdvice(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "\n## Troubleshooting")
	if start < 0 {
		t.Fatal("README has no Troubleshooting section")
	}
	section := readme[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	codes := []string{"409"}
	for code := range sendAdvice {
		codes = append(codes, strconv.Itoa(code))
	}
	for _, code := range codes {
		if !regexp.MustCompile(`(?m)^\|[^|\n]*\b` + code + `\b[^|\n]*\|`).MatchString(section) {
			t.Errorf("the troubleshooting table has no row for %s, which send explains", code)
		}
	}
}
