package analysis

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/persona/redact"
)

var pseudonymRE = regexp.MustCompile(`\[(Person|Company|Email|Phone|URL) \d+\]`)

// TestRedactionRealData redacts real interviews and meetings through the
// real Parse and BuildWith (default kinds, prose's recogniser behind the
// inner-capital gate) and reports: how many spans of each kind were
// replaced, how many turns reached the recogniser, and the build time
// (each file built in one goroutine). With VERBATIM_REDACTION_SAMPLE=1 it
// also builds each file with redaction off, to time both ways, and prints
// a sample of 30 redactions drawn with seed 1 and five turns holding an
// inner capital, before and after, for checking by hand (docs/PRIVACY.md
// holds that check and those times).
func TestRedactionRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	// The figures in docs/PRIVACY.md use 10 meetings per QMSum domain
	// (with the sample); the suite's run uses 3 to keep its time.
	qmsumPerDomain := 3
	handCheck := os.Getenv("VERBATIM_REDACTION_SAMPLE") != ""
	if handCheck {
		qmsumPerDomain = 10
	}
	sets := []struct {
		name  string
		files func(t *testing.T) map[string][]byte
	}{
		{"ml_practitioner", readGlob("ml_practitioner_interviews/Interview_*.txt")},
		{"qmsum", qmsumFiles(qmsumPerDomain)},
	}
	lang := nlp.Shared()
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			files := set.files(t)
			names := make([]string, 0, len(files))
			for n := range files {
				names = append(names, n)
			}
			sort.Strings(names)
			var off, on time.Duration
			var turns, nerTurns atomic.Int64
			counts := map[string]int{}
			type sample struct{ file, kind, original, context string }
			var samples []sample
			var inner [][2]string
			ps := redact.NewPseudonyms([]byte("evaluation key"))
			for _, name := range names {
				data := files[name]
				doc, err := ingest.Parse(name, bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				// The build without redaction only times it (the
				// figures in docs/PRIVACY.md): only with the sample.
				if handCheck {
					start := time.Now()
					ingest.Build(name, data, doc, lang)
					off += time.Since(start)
					doc, _ = ingest.Parse(name, bytes.NewReader(data))
				}
				r := &redact.Redactor{Pseudonyms: ps, Entities: func(text string) []redact.Span {
					nerTurns.Add(1)
					return lang.Entities(text)
				}}
				start := time.Now()
				imp, _ := ingest.BuildWith(name, data, doc, lang, &ingest.Redaction{Redactor: r})
				on += time.Since(start)
				for _, p := range imp.Participants {
					if pseudonymRE.MatchString(p.Label) {
						counts["speaker labels"]++
					}
				}
				turns.Add(int64(len(imp.Turns)))
				for _, tu := range imp.Turns {
					for _, m := range pseudonymRE.FindAllStringSubmatch(tu.Text, -1) {
						counts[m[1]]++
					}
				}

				// The same spans again, with their originals, for the
				// hand check (a separate pass: BuildWith keeps none);
				// only when asked, as it doubles the time.
				if !handCheck {
					continue
				}
				check := &redact.Redactor{Pseudonyms: redact.NewPseudonyms(nil), Entities: lang.Entities}
				var texts []string
				for _, tu := range doc.Turns {
					texts = append(texts, tu.Text)
					if redact.PersonName(tu.Speaker) {
						check.Names = append(check.Names, tu.Speaker)
					}
				}
				check.Learn(texts...)
				for _, text := range texts {
					spans := check.Find(text)
					for _, s := range spans {
						lo, hi := max(0, s.Start-50), min(len(text), s.End+50)
						samples = append(samples, sample{name, string(s.Kind), text[s.Start:s.End], text[lo:s.Start] + "<<" + text[s.Start:s.End] + ">>" + text[s.End:hi]})
					}
					if redact.HasInnerCapital(text) && len(text) < 400 && len(strings.Fields(text)) > 8 {
						red, _ := check.Redact(text)
						inner = append(inner, [2]string{name + ": " + text, red})
					}
				}
			}
			t.Logf("%s: %d files, %d turns, %d recogniser calls (sentences with an inner capital; %.2f a turn); replaced: Person %d, Email %d, Phone %d, URL %d; speaker labels shown by pseudonym %d; pseudonyms %d",
				set.name, len(files), turns.Load(), nerTurns.Load(), float64(nerTurns.Load())/float64(max(turns.Load(), 1)),
				counts["Person"], counts["Email"], counts["Phone"], counts["URL"], counts["speaker labels"], len(ps.Entries()))
			if handCheck {
				t.Logf("%s: build time redaction off %v, on %v (%.2fx)", set.name, off.Round(time.Millisecond), on.Round(time.Millisecond), float64(on)/float64(max(off, 1)))
			} else {
				t.Logf("%s: build time with redaction %v (off → on needs VERBATIM_REDACTION_SAMPLE=1)", set.name, on.Round(time.Millisecond))
			}
			if len(samples) > 0 {
				rng := rand.New(rand.NewPCG(1, 1))
				rng.Shuffle(len(samples), func(i, j int) { samples[i], samples[j] = samples[j], samples[i] })
				for i, s := range samples[:min(30, len(samples))] {
					fmt.Printf("SAMPLE %s %02d %s %s: %q | %s\n", set.name, i+1, s.file, s.kind, s.original, strings.ReplaceAll(s.context, "\n", " "))
				}
				rng.Shuffle(len(inner), func(i, j int) { inner[i], inner[j] = inner[j], inner[i] })
				for _, x := range inner[:min(5, len(inner))] {
					fmt.Printf("TURN %s\n  before: %s\n  after:  %s\n", set.name, x[0], x[1])
				}
			}
			if counts["Person"]+counts["Email"]+counts["Phone"]+counts["URL"]+counts["speaker labels"] == 0 {
				t.Error("nothing redacted in real transcripts that name people")
			}
		})
	}
}
