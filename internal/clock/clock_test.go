package clock

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSleepEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep on a cancelled context = %v, want context.Canceled", err)
	}
	if err := Sleep(context.Background(), 0); err != nil {
		t.Fatalf("Sleep(0) = %v", err)
	}
}

func TestFakeAndContext(t *testing.T) {
	start := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	f := NewFake(start)
	ctx := With(context.Background(), f)
	c := From(ctx)
	if err := c.Sleep(ctx, time.Hour); err != nil || !c.Now().Equal(start.Add(time.Hour)) {
		t.Errorf("fake Sleep: now %v, err %v", c.Now(), err)
	}
	if _, ok := From(context.Background()).(System); !ok {
		t.Error("a context without a clock should give the wall clock")
	}
}
