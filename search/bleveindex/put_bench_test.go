package bleveindex

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/search"
)

// BenchmarkPutInterviews times indexing the demo interviews' lines (one
// doc a line, 1,000 a Put, as one source of a large upload is) into a
// fresh index: the cost of the mapping's analysers, the stemmer among
// them.
//
//	go test ./search/bleveindex -run '^$' -bench PutInterviews -benchmem
func BenchmarkPutInterviews(b *testing.B) {
	files, err := filepath.Glob("../../samples/interviews/*.txt")
	if err != nil || len(files) == 0 {
		b.Fatalf("no demo interviews: %v", err)
	}
	var lines []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if _, text, ok := strings.Cut(sc.Text(), ": "); ok && len(text) > 20 {
				lines = append(lines, text)
			}
		}
		fh.Close()
	}
	batch := make([]search.Doc, 1000)
	for i := range batch {
		d := docs[0]
		d.ID = int64(i + 1)
		d.Text = lines[i%len(lines)]
		batch[i] = d
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		ix, _, err := Open(filepath.Join(b.TempDir(), "index"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := ix.Put(ctx, batch); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		ix.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/quote")
}
