// Cost of writing many quotes to a bleve index, for docs/SCALE.md
// (session offline-index): skipped unless EXP_N is set.
//
//	go test -c -o /tmp/bi.test ./search/bleveindex
//	EXP_N=200000 EXP_MODE=fresh /tmp/bi.test -test.run 'TestExpBuild$' -test.v   # live index (update: holding them already)
//	EXP_N=200000 /tmp/bi.test -test.run 'TestExpBuilder$' -test.v               # bleve's offline builder
//
// EXP_QUOTES=FILE takes the texts, dates, sources, participants and rings
// from real quotes instead (session scale6), a JSON list as written by
//
//	sqlite3 -readonly -json DATA/verbatim.db "select q.text as t, s.imported_at as d, q.source_id as s,
//	  q.participant_id as p, q.ring as r from quotes q join sources s on s.id=q.source_id order by q.id limit 200000"

package bleveindex

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"github.com/verbatimhq/verbatim/search"
)

// expDocs are n generated quotes of 8-27 words from a 20,000-word
// vocabulary (skewed towards the first words), in sources of 1,000.
func expDocs(n int, theme int64) []search.Doc {
	if f := os.Getenv("EXP_QUOTES"); f != "" {
		return expRealDocs(f, n, theme)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 20000)
	for i := range words {
		words[i] = "w" + strconv.Itoa(i)
	}
	docs := make([]search.Doc, n)
	for i := range docs {
		var w []string
		for range 8 + rng.IntN(20) {
			w = append(w, words[int(float64(len(words))*rng.Float64()*rng.Float64()*rng.Float64())])
		}
		text := strings.Join(w, " ")
		src := int64(i / 1000)
		docs[i] = search.Doc{ID: int64(i + 1), StudyID: 1, SourceID: src + 1, Source: fmt.Sprintf("src-%d.vtt", src), Format: "vtt", Kind: "transcript",
			ParticipantID: src*3 + int64(i%3) + 1, Speaker: fmt.Sprintf("Buyer %d", src*3+int64(i%3)), Attributes: map[string]string{"Role": fmt.Sprint("role ", src%5), "Company size": fmt.Sprint(src % 3)},
			Text: text, Date: time.Unix(1700000000, 0).UTC(), Ring: []string{"priority_initiatives", "success_factors", "perceived_barriers", "decision_criteria", "buyer_journey"}[i%5],
			ThemeID: theme + int64(i%40), PersonaID: theme + int64(i%4)}
	}
	return docs
}

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestExpBuild times Put of EXP_N quotes into a fresh index
// (EXP_MODE=fresh) or one already holding them (update), then merging it
// into one segment.
func TestExpBuild(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("EXP_N"))
	if n == 0 {
		t.Skip()
	}
	mode := os.Getenv("EXP_MODE")
	dir := t.TempDir()
	ctx := context.Background()
	ix, _, err := Open(filepath.Join(dir, "ix"))
	if err != nil {
		t.Fatal(err)
	}
	if mode == "update" {
		if err := ix.Put(ctx, expDocs(n, 100)); err != nil {
			t.Fatal(err)
		}
		if err := ix.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
	docs := expDocs(n, 200)
	c0, w0 := cpuNow(), time.Now()
	if g, _ := strconv.Atoi(os.Getenv("EXP_GROUP")); g > 0 {
		// As the app's bulk re-index: Put in groups of g, each ending in a
		// sync; the time waiting for the sync is logged apart.
		var put, sync time.Duration
		for lo := 0; lo < len(docs); lo += g {
			group := docs[lo:min(lo+g, len(docs))]
			t0 := time.Now()
			eg, gctx := errgroup.WithContext(ctx)
			eg.SetLimit(runtime.GOMAXPROCS(0))
			for b := 0; b < len(group); b += putBatch {
				batch := group[b:min(b+putBatch, len(group))]
				eg.Go(func() error { return ix.putBatch(gctx, batch, false) })
			}
			if err := eg.Wait(); err != nil {
				t.Fatal(err)
			}
			t1 := time.Now()
			if err := ix.sync(ctx); err != nil {
				t.Fatal(err)
			}
			put, sync = put+t1.Sub(t0), sync+time.Since(t1)
		}
		t.Logf("groups of %d: writing %v, waiting for syncs %v", g, put, sync)
	} else if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	c1, w1 := cpuNow(), time.Now()
	s, _ := ix.current().Advanced()
	opts := mergeplan.SingleSegmentMergePlanOptions
	for {
		nseg, _ := ix.Segments()
		if nseg <= 1 {
			break
		}
		if err := s.(*scorch.Scorch).ForceMerge(ctx, &opts); err != nil {
			t.Fatal(err)
		}
	}
	c2, w2 := cpuNow(), time.Now()
	t.Logf("mode=%s n=%d put cpu %v wall %v; merge cpu %v wall %v; total cpu %v", mode, n, c1-c0, w1.Sub(w0), c2-c1, w2.Sub(w1), c2-c0)
	ix.Close()
}

// TestExpBuilder times bleve's offline builder on the same quotes
// (EXP_BATCH: its batch size).
func TestExpBuilder(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("EXP_N"))
	if n == 0 {
		t.Skip()
	}
	bs, _ := strconv.Atoi(os.Getenv("EXP_BATCH"))
	dir := t.TempDir()
	ix, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	docs := expDocs(n, 200)
	c0, w0 := cpuNow(), time.Now()
	cfg := map[string]any{"path": filepath.Join(dir, "store"), "buildPathPrefix": dir}
	if bs > 0 {
		cfg["batchSize"] = bs
	}
	b, err := scorch.NewBuilder(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		doc, err := ix.document(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Index(doc); err != nil {
			t.Fatal(err)
		}
	}
	c1, w1 := cpuNow(), time.Now()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	c2, w2 := cpuNow(), time.Now()
	t.Logf("builder n=%d batch=%d index cpu %v wall %v; close cpu %v wall %v; total cpu %v", n, bs, c1-c0, w1.Sub(w0), c2-c1, w2.Sub(w1), c2-c0)
}

// expRealDocs are the first n quotes of file (see EXP_QUOTES).
func expRealDocs(file string, n int, theme int64) []search.Doc {
	b, err := os.ReadFile(file)
	if err != nil {
		panic(err)
	}
	var rows []struct {
		T, D, R string
		S, P    int64
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		panic(err)
	}
	docs := make([]search.Doc, min(n, len(rows)))
	for i := range docs {
		r := rows[i]
		date, err := time.Parse("2006-01-02 15:04:05.999999-07:00", r.D)
		if err != nil {
			panic(err)
		}
		docs[i] = search.Doc{ID: int64(i + 1), StudyID: 1, SourceID: r.S, Source: fmt.Sprintf("load-%05d.vtt", r.S), Format: "vtt", Kind: "transcript",
			ParticipantID: r.P, Speaker: fmt.Sprintf("Buyer %d", r.P), Attributes: map[string]string{"Role": fmt.Sprint("role ", r.P%5), "Company size": fmt.Sprint(r.P % 3)},
			Text: r.T, Date: date, Ring: r.R, ThemeID: theme + int64(i%150), PersonaID: theme + int64(r.P%4)}
	}
	return docs
}
