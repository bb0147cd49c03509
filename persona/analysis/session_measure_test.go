package analysis

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestSessionTalkMeasure counts, on the real sets the quote tests use, the
// quotes that were shown by their form and talk before and are now hidden
// as session talk or as a restated sentence, and writes them to
// $SESSION_MEASURE (a TSV) to be read. Only when $SESSION_MEASURE is set.
func TestSessionTalkMeasure(t *testing.T) {
	out := os.Getenv("SESSION_MEASURE")
	if out == "" {
		t.Skip("measurement: set SESSION_MEASURE=FILE")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sets := []struct {
		name  string
		files func(t *testing.T) map[string][]byte
	}{
		{"ml_practitioner", readGlob("ml_practitioner_interviews/Interview_*.txt")},
		{"serdif", readGlob("serdif_usability_study/transcripts/*.txt")},
		{"qmsum10", qmsumFiles(10)},
		{"qmsum_untuned", qmsumGlob("Product/IS100[0245679]*.json", "Product/IS1008*.json", "Product/TS301[12]*.json")},
		{"nhs", readGlob("nhs_patient_feedback/v6framework_230831.csv")},
		{"bc_ai", readGlob("bc_ai_survey/bc_ai_survey_2025.csv")},
		{"capterra", readGlob("capterra_azure_reviews/capterra_azure_reviews.csv")},
	}
	for _, set := range sets {
		files := set.files(t)
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		var quotes, shown, session, restated int
		for _, name := range names {
			data := files[name]
			doc, err := ingest.Parse(name, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			imp := ingest.Build(filepath.Base(name), data, doc, nlp.Shared())
			for _, q := range imp.Quotes {
				quotes++
				why := persona.WhyUnquotable(q)
				old := why
				if why == persona.UnquotableSession {
					old = persona.UnquotableForm(q)
				}
				if old != "" {
					continue
				}
				shown++
				switch {
				case why == persona.UnquotableSession:
					session++
					fmt.Fprintf(f, "%s\tsession\t%s\t%q\n", set.name, name, q.Text)
				case persona.RestatedBy(q, imp.Quotes):
					restated++
					by := ""
					for _, r := range imp.Quotes {
						if r.TurnID == q.TurnID && r.Start != q.Start && persona.Restates(q.Text, r.Text) {
							by = r.Text
						}
					}
					fmt.Fprintf(f, "%s\trestated\t%s\t%q\tby %q\n", set.name, name, q.Text, by)
				}
			}
		}
		t.Logf("%s: %d quotes, %d shown before; newly hidden: %d session talk, %d restated", set.name, quotes, shown, session, restated)
	}
}

// qmsumGlob is the QMSum meetings matching the patterns, as transcripts.
func qmsumGlob(patterns ...string) func(t *testing.T) map[string][]byte {
	return func(t *testing.T) map[string][]byte {
		out := map[string][]byte{}
		for _, p := range patterns {
			files, _ := filepath.Glob(filepath.Join(dataDir, "qmsum_meetings", p))
			for _, f := range files {
				out[strings.TrimSuffix(filepath.Base(f), ".json")+".txt"] = qmsumTranscript(t, f)
			}
		}
		if len(out) == 0 {
			missingData(t, "qmsum_meetings")
		}
		return out
	}
}
