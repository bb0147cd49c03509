package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/search"
)

// sharedData is ../shared/data beside the repository.
func sharedData(tb testing.TB, name string) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared", "data", name)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared data %s missing in CI: %v", dir, err)
		}
		tb.Skipf("shared data %s not found; skipping", dir)
	}
	return dir
}

func readTranscripts(tb testing.TB) (files []string, words int) {
	dir := sharedData(tb, "ml_practitioner_interviews")
	all, _ := filepath.Glob(filepath.Join(dir, "Interview_*.txt"))
	files = all
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		words += len(strings.Fields(string(b)))
	}
	return files, words
}

// BenchmarkIngest measures ingest end to end — parse, prose, SQLite,
// bleve — of the 36 real ML-practitioner interviews into a fresh data dir.
func BenchmarkIngest(b *testing.B) {
	files, words := readTranscripts(b)
	nlp.Shared().Tag("Warm up the model.") // decoding it is a one-off cost
	benchIngest(b, files)
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// benchIngest times IngestPaths of paths into a fresh data dir b.N times.
func benchIngest(b *testing.B, paths []string) {
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, err := Open(ctx, Config{DataDir: b.TempDir()}, nil)
		if err != nil {
			b.Fatal(err)
		}
		st, _ := a.store.EnsureStudy(ctx, "bench")
		b.StartTimer()
		for _, r := range a.IngestPaths(ctx, st.ID, paths, nil) {
			if r.Status != StatusOK {
				b.Fatalf("%s: %s", r.Path, r.Error)
			}
		}
		b.StopTimer()
		a.Close()
		b.StartTimer()
	}
}

// BenchmarkProseTag is prose's own tagging throughput on the same text,
// the way ingest uses it (shared model, one document per sentence, no
// NER), for the ratio against BenchmarkIngest.
func BenchmarkProseTag(b *testing.B) {
	files, words := readTranscripts(b)
	lang := nlp.Shared()
	var sentences []string
	for _, f := range files {
		data, _ := os.ReadFile(f)
		text := string(data)
		for _, sp := range lang.Segment(text) {
			sentences = append(sentences, text[sp[0]:sp[1]])
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sentences {
			lang.Tag(s)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkProseDefault is prose with default options (model decoded per
// document, NER on), the cost the pipeline avoids; on one transcript.
func BenchmarkProseDefault(b *testing.B) {
	files, _ := readTranscripts(b)
	data, _ := os.ReadFile(files[0])
	words := len(strings.Fields(string(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := prose.NewDocument(string(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkIngest1MWords ingests about 1,000,000 words: 100 interviews of
// ~10k words, each made of real ML-practitioner transcripts joined end to
// end (distinct files, so none is a duplicate). Run it with -benchtime 1x
// under /usr/bin/time -v for the peak memory (docs/PERFORMANCE.md).
func BenchmarkIngest1MWords(b *testing.B) {
	files, _ := readTranscripts(b)
	texts := make([]string, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts[i] = string(data)
	}
	dir := b.TempDir()
	var paths []string
	words := 0
	for i := 0; i < 100; i++ {
		var sb strings.Builder
		sb.WriteString("Interviewer: Thank you for joining interview " + strconv.Itoa(i) + ", shall we start?\n")
		for j := i; len(strings.Fields(sb.String())) < 10000; j++ {
			sb.WriteString(texts[j%len(texts)])
			sb.WriteString("\n")
		}
		p := filepath.Join(dir, "interview-"+strconv.Itoa(i)+".txt")
		if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
		words += len(strings.Fields(sb.String()))
		paths = append(paths, p)
	}
	nlp.Shared().Tag("Warm up the model.")
	benchIngest(b, paths)
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(words), "words")
}

// BenchmarkUploadSearchable is the latency from a 10k-word upload to its
// quotes being searchable: parse, tag, store, index, then a search that
// finds the file's marker.
func BenchmarkUploadSearchable(b *testing.B) {
	files, _ := readTranscripts(b)
	var sb strings.Builder
	for j := 0; len(strings.Fields(sb.String())) < 10000; j++ {
		data, _ := os.ReadFile(files[j])
		sb.Write(data)
		sb.WriteString("\n")
	}
	text := sb.String()
	nlp.Shared().Tag("Warm up the model.")
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	st, _ := a.store.EnsureStudy(ctx, "bench")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		marker := "zqmarker" + strconv.Itoa(i)
		body := "Interviewee: this " + marker + " answer is long enough to be a quote.\n" + text
		res := a.Ingest(ctx, st.ID, "upload-"+strconv.Itoa(i)+".txt", strings.NewReader(body))
		if res.Status != StatusOK {
			b.Fatalf("%s", res.Error)
		}
		hits, err := a.Search(ctx, search.Query{Text: marker})
		if err != nil || hits.Total == 0 {
			b.Fatalf("upload %d not searchable: %v", i, err)
		}
	}
}
