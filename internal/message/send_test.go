package message_test

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/waform/waform/internal/message"
	"github.com/waform/waform/internal/template"
)

// fakeSender records calls and answers from its fields.
type fakeSender struct {
	status   string
	uploads  []string // "name mime size"
	sent     []message.Request
	statuses []message.Status // answered in turn, the last one repeated
	polls    int
}

func (f *fakeSender) TemplateStatus(context.Context, template.Key) (string, error) {
	return f.status, nil
}

func (f *fakeSender) UploadMedia(_ context.Context, _, name, mime string, r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	f.uploads = append(f.uploads, name+" "+mime+" "+strconv.Itoa(len(data)))
	return "555000111", nil
}

func (f *fakeSender) SendTemplate(_ context.Context, _ string, body any) (string, error) {
	f.sent = append(f.sent, body.(message.Request))
	return "wamid.TEST", nil
}

func (f *fakeSender) MessageStatus(context.Context, string, string, time.Time) (string, string, error) {
	f.polls++
	i := min(f.polls, len(f.statuses)) - 1
	return f.statuses[i].Status, f.statuses[i].Error, nil
}

func TestSendUploadsLocalMediaThenSends(t *testing.T) {
	photo := writeFile(t, "photo.jpg", append(jpegHead, 1, 2, 3))
	f := &fakeSender{status: "APPROVED"}
	wamid, err := message.Send(context.Background(), f, "PHONE", decode(t, imageTpl), message.Params{"header": photo},
		message.Options{To: "15551234567", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if wamid != "wamid.TEST" || len(f.uploads) != 1 || f.uploads[0] != "photo.jpg image/jpeg 14" {
		t.Errorf("wamid %q, uploads %v", wamid, f.uploads)
	}
	if len(f.sent) != 1 || f.sent[0].Template.Components[0].Parameters[0].Image.ID != "555000111" {
		t.Errorf("sent %+v", f.sent)
	}
}

func TestSendRefusesUnapprovedTemplates(t *testing.T) {
	for status, want := range map[string]string{"PENDING": "its status is PENDING", "": "no such template"} {
		f := &fakeSender{status: status}
		_, err := message.Send(context.Background(), f, "PHONE", decode(t, positionalTpl), nil, message.Options{To: "15551234567"})
		if !errors.Is(err, message.ErrNotApproved) || !strings.Contains(err.Error(), want) || len(f.sent) != 0 {
			t.Errorf("%q: err = %v, sent %d", status, err, len(f.sent))
		}
	}
}

func TestSendChecksBeforeAnyRequest(t *testing.T) {
	f := &fakeSender{status: "APPROVED"}
	_, err := message.Send(context.Background(), f, "PHONE", decode(t, noExampleTpl), nil, message.Options{To: "15551234567"})
	var ce *message.CheckError
	if !errors.As(err, &ce) || len(f.sent) != 0 {
		t.Errorf("err = %v, sent %d", err, len(f.sent))
	}
}

// fakeClock moves forward only when slept on.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }
func (c *fakeClock) Sleep(_ context.Context, d time.Duration) error {
	c.now = c.now.Add(d)
	return nil
}

func waitOpts(c *fakeClock) message.WaitOptions {
	return message.WaitOptions{Timeout: time.Minute, Interval: 2 * time.Second, Clock: c}
}

func TestWait(t *testing.T) {
	cases := []struct {
		name     string
		statuses []message.Status
		err      error
		reason   string
		polls    int
	}{
		{"delivered", []message.Status{{}, {Status: "sent"}, {Status: "delivered"}}, nil, "", 3},
		{"read", []message.Status{{Status: "read"}}, nil, "", 1},
		{"failed", []message.Status{{Status: "sent"}, {Status: "failed", Error: "131026 Message undeliverable"}}, message.ErrFailed, "131026 Message undeliverable", 2},
		{"timeout", []message.Status{{Status: "sent"}}, message.ErrWaitTimeout, "last status: sent", 31},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := &fakeClock{now: testNow}
			f := &fakeSender{statuses: c.statuses}
			_, err := message.Wait(context.Background(), f, "PHONE", "wamid.X", waitOpts(clock))
			if !errors.Is(err, c.err) || (c.err != nil && !strings.Contains(err.Error(), c.reason)) {
				t.Errorf("err = %v, want %v containing %q", err, c.err, c.reason)
			}
			if f.polls != c.polls {
				t.Errorf("polls = %d, want %d", f.polls, c.polls)
			}
			if c.err == message.ErrWaitTimeout && clock.now.Sub(testNow) != time.Minute {
				t.Errorf("waited %s, want exactly the timeout", clock.now.Sub(testNow))
			}
		})
	}
}

func TestNormalizeNumberAndAllowList(t *testing.T) {
	for in, want := range map[string]string{"+1 (555) 123-4567": "15551234567", "15551234567": "15551234567", " +44.20.7946.0958 ": "442079460958"} {
		got, err := message.NormalizeNumber(in)
		if err != nil || got != want {
			t.Errorf("NormalizeNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"555-CALL-NOW", "12345", "1+5551234567", "1234567890123456"} {
		if _, err := message.NormalizeNumber(bad); err == nil {
			t.Errorf("NormalizeNumber(%q): want an error", bad)
		}
	}
	allow := []string{"+1 555 123 4567", "not a number"}
	if !message.Allowed("15551234567", allow) || message.Allowed("15557654321", allow) {
		t.Error("Allowed compares normalized numbers")
	}
}
