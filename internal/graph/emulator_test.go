package graph

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/waform/waform/internal/clock"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/template"
)

var emuEpoch = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type emuEnv struct {
	client *Client
	emu    *emulator.Server
	clock  *clock.Fake
	trace  *syncBuffer
	waba   string
	phone  string
}

// newEmuEnv runs the emulator over real HTTP, with wrap (when set) between
// the client and it, and a client sharing the emulator's clock: a retry's
// wait moves the emulator's time too.
func newEmuEnv(t *testing.T, opts emulator.Options, wrap func(http.Handler) http.Handler, mod func(*Options)) *emuEnv {
	t.Helper()
	clock := clock.NewFake(emuEpoch)
	opts.Clock, opts.APIKey = clock, testKey
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = emu
	if wrap != nil {
		h = wrap(emu)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	trace := &syncBuffer{}
	o := Options{Provider: ProviderKapso, BaseURL: srv.URL + "/meta/whatsapp/v24.0", APIKey: testKey, Version: "test",
		Trace: trace, Clock: clock, Rand: func() float64 { return 0.5 }}
	if mod != nil {
		mod(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return &emuEnv{client: c, emu: emu, clock: clock, trace: trace, waba: emu.BusinessAccountID(), phone: emu.PhoneNumberID()}
}

// loseFirst loses the answer to the first request with this method whose
// path ends in suffix: served says whether the emulator acted on it first.
func loseFirst(method, suffix string, served bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		var done atomic.Bool
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == method && strings.HasSuffix(r.URL.Path, suffix) && done.CompareAndSwap(false, true) {
				if served {
					next.ServeHTTP(httptest.NewRecorder(), r)
				}
				dropConnection(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func utilityTemplate(name, lang, text string) template.Template {
	return template.Template{Name: name, Language: lang, Category: "UTILITY", Components: []template.Component{{
		Type: "BODY", Text: text, Example: &template.Example{BodyText: template.Matrix{{"A-1"}}},
	}}}
}

func TestCreateAfterLostAnswer(t *testing.T) {
	for _, served := range []bool{true, false} {
		name := map[bool]string{true: "applied", false: "not applied"}[served]
		t.Run(name, func(t *testing.T) {
			env := newEmuEnv(t, emulator.Options{}, loseFirst(http.MethodPost, "/message_templates", served), nil)
			res, err := env.client.CreateTemplate(context.Background(), env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."))
			mustOK(t, err)
			stored := env.emu.Templates()
			if len(stored) != 1 || stored[0].ID != res.ID {
				t.Fatalf("emulator holds %d templates (%+v), want exactly the one created (%s)", len(stored), stored, res.ID)
			}
			if res.Recovered != served {
				t.Errorf("Recovered = %v, want %v", res.Recovered, served)
			}
		})
	}
}

func TestUpdateAfterLostAnswer(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, loseFirst(http.MethodPost, "/message_templates", true), nil)
	id, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."), "")
	mustOK(t, err)
	edited := utilityTemplate("order_update", "en_US", "Your order {{1}} is on its way.")
	// The repeat would hit the one-edit-a-day quota: only reading the
	// template back shows the edit went through.
	mustOK(t, env.client.UpdateTemplate(context.Background(), env.waba, id, edited))
	if got := env.emu.Templates()[0].Template.Components[0].Text; got != "Your order {{1}} is on its way." {
		t.Errorf("stored text %q", got)
	}
}

func TestUpdateFailureIsReported(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{Approval: emulator.Approval{Mode: emulator.ApproveNever}}, nil, nil)
	res, err := env.client.CreateTemplate(context.Background(), env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."))
	mustOK(t, err)
	err = env.client.UpdateTemplate(context.Background(), env.waba, res.ID, utilityTemplate("order_update", "en_US", "Order {{1}} left."))
	if err == nil || !strings.Contains(err.Error(), "update template order_update (en_US): (#100) Message Template Can't Be Edited") {
		t.Fatalf("err = %v, want the PENDING refusal", err)
	}
}

func TestDeleteAfterLostAnswer(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, loseFirst(http.MethodDelete, "/message_templates", true), nil)
	id, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."), "")
	mustOK(t, err)
	other, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "es", "Pedido {{1}} enviado."), "")
	mustOK(t, err)
	mustOK(t, env.client.DeleteTemplate(context.Background(), env.waba, id, "order_update"))
	stored := env.emu.Templates()
	if len(stored) != 1 || stored[0].ID != other {
		t.Errorf("after deleting one language the emulator holds %+v, want only %s", stored, other)
	}
	if err := env.client.DeleteTemplate(context.Background(), env.waba, id, "order_update"); !IsNotFound(err) {
		t.Errorf("deleting it again: %v, want IsNotFound", err)
	}
}

// After a lost answer, a template found with other content is someone
// else's: the create fails rather than claiming it.
func TestCreateAfterLostAnswerFindsOtherContent(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, loseFirst(http.MethodPost, "/message_templates", false), nil)
	_, err := env.emu.Seed(env.waba, utilityTemplate("order_update", "en_US", "Someone else's {{1}} text."), "")
	mustOK(t, err)
	res, err := env.client.CreateTemplate(context.Background(), env.waba, utilityTemplate("order_update", "en_US", "Order {{1}} shipped."))
	if !IsAlreadyExists(err) || res.Recovered {
		t.Fatalf("CreateTemplate = %+v, %v; want the already-exists error", res, err)
	}
	if n := len(env.emu.Templates()); n != 1 {
		t.Errorf("emulator holds %d templates, want 1", n)
	}
}

// "Already exists" for a template with the very content sent is the trace of
// an earlier run whose answer was lost: the create succeeds as recovered.
func TestCreateAlreadyExistsWithSameContentIsRecovered(t *testing.T) {
	env := newEmuEnv(t, emulator.Options{}, nil, nil)
	want := utilityTemplate("order_update", "en_US", "Order {{1}} shipped.")
	id, err := env.emu.Seed(env.waba, want, "")
	mustOK(t, err)
	res, err := env.client.CreateTemplate(context.Background(), env.waba, want)
	if err != nil || !res.Recovered || res.ID != id {
		t.Fatalf("CreateTemplate = %+v, %v; want recovered with id %s", res, err, id)
	}
	if n := len(env.emu.Templates()); n != 1 {
		t.Errorf("emulator holds %d templates, want 1", n)
	}
}
