package cluster

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/internal/pgtest"
)

// backend makes n coordinators that share one state, as n replicas on one
// database do. For Local, one process is one replica, so every "replica"
// is the same coordinator.
type backend struct {
	name string
	open func(t *testing.T, n int) []Coordinator
}

func backends() []backend {
	return []backend{
		{"local", func(t *testing.T, n int) []Coordinator {
			l := NewLocal()
			t.Cleanup(func() { l.Close() })
			out := make([]Coordinator, n)
			for i := range out {
				out[i] = l
			}
			return out
		}},
		{"postgres", func(t *testing.T, n int) []Coordinator {
			url := pgtest.New(t)
			out := make([]Coordinator, n)
			for i := range out {
				p, err := NewPostgres(context.Background(), url, nil)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { p.Close() })
				out[i] = p
			}
			return out
		}},
	}
}

// forEach runs test against every backend with n coordinators.
func forEach(t *testing.T, n int, test func(t *testing.T, cs []Coordinator)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { test(t, b.open(t, n)) })
	}
}

func TestLockExcludesAcrossReplicas(t *testing.T) {
	forEach(t, 2, func(t *testing.T, cs []Coordinator) {
		ctx := context.Background()
		release, ok, err := cs[0].TryLock(ctx, "analyze:1")
		if err != nil || !ok {
			t.Fatalf("first TryLock: ok=%v err=%v", ok, err)
		}
		if _, ok, err := cs[1].TryLock(ctx, "analyze:1"); err != nil || ok {
			t.Fatalf("second replica took a held lock: ok=%v err=%v", ok, err)
		}
		other, ok, err := cs[1].TryLock(ctx, "analyze:2")
		if err != nil || !ok {
			t.Fatalf("another study's lock: ok=%v err=%v", ok, err)
		}
		other()
		release()
		release() // idempotent
		again, ok, err := cs[1].TryLock(ctx, "analyze:1")
		if err != nil || !ok {
			t.Fatalf("lock not free after release: ok=%v err=%v", ok, err)
		}
		again()
	})
}

func TestLockWaitsAndHonoursContext(t *testing.T) {
	forEach(t, 2, func(t *testing.T, cs []Coordinator) {
		ctx := context.Background()
		release, err := cs[0].Lock(ctx, "job")
		if err != nil {
			t.Fatal(err)
		}
		short, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := cs[1].Lock(short, "job"); !errors.Is(err, context.Canceled) {
			t.Fatalf("Lock on a held lock with a cancelled context: %v, want context.Canceled", err)
		}
		got := make(chan error, 1)
		go func() {
			r, err := cs[1].Lock(ctx, "job")
			if err == nil {
				r()
			}
			got <- err
		}()
		release()
		if err := <-got; err != nil {
			t.Fatalf("waiting Lock after release: %v", err)
		}
	})
}

// Only one of many concurrent contenders runs the job at a time.
func TestLockMutualExclusionUnderContention(t *testing.T) {
	forEach(t, 3, func(t *testing.T, cs []Coordinator) {
		var inside, worst atomic.Int32
		var wg sync.WaitGroup
		for i := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				release, err := cs[i%len(cs)].Lock(context.Background(), "critical")
				if err != nil {
					t.Error(err)
					return
				}
				n := inside.Add(1)
				if n > worst.Load() {
					worst.Store(n)
				}
				time.Sleep(5 * time.Millisecond)
				inside.Add(-1)
				release()
			}()
		}
		wg.Wait()
		if worst.Load() != 1 {
			t.Fatalf("%d holders at once, want 1", worst.Load())
		}
	})
}

func TestPublishReachesEveryReplicaInOrder(t *testing.T) {
	forEach(t, 2, func(t *testing.T, cs []Coordinator) {
		ctx := context.Background()
		type got struct {
			sub string
			msg string
		}
		ch := make(chan got, 64)
		for i, c := range cs {
			cancel, err := c.Subscribe("cache", func(p string) { ch <- got{fmt.Sprint(i), p} })
			if err != nil {
				t.Fatal(err)
			}
			defer cancel()
		}
		other, err := cs[1].Subscribe("other", func(p string) { ch <- got{"other", p} })
		if err != nil {
			t.Fatal(err)
		}
		defer other()
		for _, m := range []string{"study:1", "study:2", "study:3"} {
			if err := cs[0].Publish(ctx, "cache", m); err != nil {
				t.Fatal(err)
			}
		}
		per := map[string][]string{}
		for range 2 * 3 {
			select {
			case g := <-ch:
				if g.sub == "other" {
					t.Fatalf("a message on channel cache reached a subscriber of other: %q", g.msg)
				}
				per[g.sub] = append(per[g.sub], g.msg)
			case <-time.After(10 * time.Second):
				t.Fatalf("messages missing; got %v", per)
			}
		}
		for sub, msgs := range per {
			if fmt.Sprint(msgs) != "[study:1 study:2 study:3]" {
				t.Fatalf("subscriber %s got %v, want the three in order", sub, msgs)
			}
		}
		if len(per) != 2 {
			t.Fatalf("messages reached %d subscribers, want 2: %v", len(per), per)
		}
	})
}

func TestSubscribeCancelStopsDelivery(t *testing.T) {
	forEach(t, 1, func(t *testing.T, cs []Coordinator) {
		ctx := context.Background()
		var n atomic.Int32
		cancel, err := cs[0].Subscribe("c", func(string) { n.Add(1) })
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		cancel()
		seen := make(chan struct{}, 1)
		stop, err := cs[0].Subscribe("c", func(string) { seen <- struct{}{} })
		if err != nil {
			t.Fatal(err)
		}
		defer stop()
		if err := cs[0].Publish(ctx, "c", "x"); err != nil {
			t.Fatal(err)
		}
		<-seen // the live subscriber got it, so the cancelled one would have too
		if n.Load() != 0 {
			t.Fatalf("cancelled subscriber was called %d times", n.Load())
		}
	})
}

func TestChannelNamesAreChecked(t *testing.T) {
	forEach(t, 1, func(t *testing.T, cs []Coordinator) {
		for _, name := range []string{"", "a b", "x;DROP TABLE cluster_state", string(make([]byte, 64))} {
			if err := cs[0].Publish(context.Background(), name, "p"); !errors.Is(err, ErrChannel) {
				t.Errorf("Publish(%q): %v, want ErrChannel", name, err)
			}
			if _, err := cs[0].Subscribe(name, func(string) {}); !errors.Is(err, ErrChannel) {
				t.Errorf("Subscribe(%q): %v, want ErrChannel", name, err)
			}
		}
	})
}

func TestStateIsSharedAndExpires(t *testing.T) {
	forEach(t, 2, func(t *testing.T, cs []Coordinator) {
		ctx := context.Background()
		if _, ok, err := cs[1].Get(ctx, "progress:1"); err != nil || ok {
			t.Fatalf("Get of a missing key: ok=%v err=%v", ok, err)
		}
		if err := cs[0].Put(ctx, "progress:1", []byte(`{"stage":"grouping"}`), 0); err != nil {
			t.Fatal(err)
		}
		if err := cs[0].Put(ctx, "progress:1", []byte(`{"stage":"labels"}`), 0); err != nil {
			t.Fatal(err)
		}
		v, ok, err := cs[1].Get(ctx, "progress:1")
		if err != nil || !ok || string(v) != `{"stage":"labels"}` {
			t.Fatalf("other replica reads %q ok=%v err=%v, want the latest value", v, ok, err)
		}
		if err := cs[0].Put(ctx, "short", []byte("x"), time.Millisecond); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
		if _, ok, _ := cs[1].Get(ctx, "short"); ok {
			t.Fatal("value outlived its ttl")
		}
		if err := cs[1].Delete(ctx, "progress:1"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := cs[0].Get(ctx, "progress:1"); ok {
			t.Fatal("deleted value still read")
		}
	})
}

func TestAllowCountsAcrossReplicas(t *testing.T) {
	forEach(t, 2, func(t *testing.T, cs []Coordinator) {
		ctx := context.Background()
		const key = "signin:ip:10.0.0.1"
		var allowed []bool
		for i := range 5 {
			ok, err := cs[i%2].Allow(ctx, key, 3, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			allowed = append(allowed, ok)
		}
		if fmt.Sprint(allowed) != "[true true true false false]" {
			t.Fatalf("Allow over two replicas: %v, want three allowed then refused", allowed)
		}
		if ok, _ := cs[0].Allow(ctx, "signin:ip:10.0.0.2", 3, time.Hour); !ok {
			t.Fatal("another key was refused")
		}
		if err := cs[1].Undo(ctx, key); err != nil {
			t.Fatal(err)
		}
		if ok, _ := cs[0].Allow(ctx, key, 3, time.Hour); !ok {
			t.Fatal("Undo did not give the event back")
		}
		// Events leave the window.
		for range 2 {
			if ok, _ := cs[0].Allow(ctx, "brief", 2, 10*time.Millisecond); !ok {
				t.Fatal("refused within the limit")
			}
		}
		time.Sleep(30 * time.Millisecond)
		if ok, _ := cs[1].Allow(ctx, "brief", 2, 10*time.Millisecond); !ok {
			t.Fatal("events older than the window still counted")
		}
	})
}

// Many concurrent attempts never let more than n through.
func TestAllowHoldsUnderConcurrency(t *testing.T) {
	forEach(t, 2, func(t *testing.T, cs []Coordinator) {
		var ok atomic.Int32
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				yes, err := cs[i%2].Allow(context.Background(), "burst", 5, time.Hour)
				if err != nil {
					t.Error(err)
				}
				if yes {
					ok.Add(1)
				}
			}()
		}
		wg.Wait()
		if ok.Load() != 5 {
			t.Fatalf("%d of 20 concurrent attempts allowed, want 5", ok.Load())
		}
	})
}

// Closing a replica frees the locks it held, as a crashed replica's
// sessions end.
func TestCloseReleasesLocks(t *testing.T) {
	forEach(t, 2, func(t *testing.T, cs []Coordinator) {
		ctx := context.Background()
		release, ok, err := cs[0].TryLock(ctx, "analyze:7")
		if err != nil || !ok {
			t.Fatalf("TryLock: ok=%v err=%v", ok, err)
		}
		if err := cs[0].Close(); err != nil {
			t.Fatal(err)
		}
		release() // after Close: harmless
		if _, _, err := cs[0].TryLock(ctx, "x"); !errors.Is(err, ErrClosed) {
			t.Fatalf("TryLock after Close: %v, want ErrClosed", err)
		}
		if _, ok, _ := cs[0].Get(ctx, "x"); ok {
			t.Fatal("closed coordinator read a value")
		}
		if cs[0] == cs[1] { // Local: one process, nothing left to check
			return
		}
		r, ok, err := cs[1].TryLock(ctx, "analyze:7")
		if err != nil || !ok {
			t.Fatalf("lock held by a closed replica is still held: ok=%v err=%v", ok, err)
		}
		r()
	})
}
