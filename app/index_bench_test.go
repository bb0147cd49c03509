//go:build unix

package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// benchWords make the generated quotes of the re-index benchmarks: enough
// distinct words that the index has a real dictionary.
var benchWords = strings.Fields(`price seat security review integration migration procurement forecast renewal budget
onboarding residency support data time problem expensive cheap slow fast team manager finance sales pipeline report
export import dashboard login password audit contract vendor trial feature roadmap bug crash sync calendar email call
summary note coach rep quota deal lost won churn upgrade tier plan annual monthly invoice discount legal approval`)

// benchStudy stores a study of n generated quotes in sources of 1,000
// (as cmd/loadtest does), indexed.
func benchStudy(b *testing.B, a *App, n int) int64 {
	ctx := context.Background()
	st, err := a.CreateStudy(ctx, "Bench")
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for src := 0; src*1000 < n; src++ {
		label := fmt.Sprintf("Buyer %d", src+1)
		imp := &persona.Import{Participants: []persona.Participant{{Label: label, Attributes: map[string]string{"Role": fmt.Sprint("role ", src%5)}}}}
		for i := range min(1000, n-src*1000) {
			var w []string
			for range 8 + rng.IntN(12) {
				w = append(w, benchWords[rng.IntN(len(benchWords))])
			}
			text := strings.Join(w, " ") + "."
			imp.Turns = append(imp.Turns, persona.Turn{Speaker: label, Seq: i, Text: text, Line: i + 1})
			imp.Quotes = append(imp.Quotes, persona.Quote{TurnID: int64(i), Kind: persona.KindTranscript, Text: text, End: len(text), Line: i + 1})
		}
		sum := sha256.Sum256([]byte(fmt.Sprint("bench-", src)))
		imp.Source = persona.Source{Kind: persona.KindTranscript, Name: fmt.Sprintf("bench-%05d.vtt", src), Format: "vtt",
			SHA256: hex.EncodeToString(sum[:]), ImportedAt: time.Now().UTC()}
		if _, err := a.ImportParsed(ctx, st.ID, imp); err != nil {
			b.Fatal(err)
		}
	}
	return st.ID
}

// BenchmarkReindexStudy re-indexes every quote of a 50,000-quote study in
// an index that already holds them: the index write of a first analysis,
// where every quote's theme changes.
func BenchmarkReindexStudy(b *testing.B) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	study := benchStudy(b, a, 50_000)
	cpu := processCPU()
	for b.Loop() {
		if err := a.ReindexStudy(ctx, study); err != nil {
			b.Fatal(err)
		}
	}
	// CPU of the whole process (bleve's background merging included),
	// steadier than wall time on a shared machine.
	b.ReportMetric((processCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

// processCPU is the user + system time the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
