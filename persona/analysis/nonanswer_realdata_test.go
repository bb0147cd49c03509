package analysis

import (
	"bytes"
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestNonAnswersRealData ingests every real survey export with open answers
// through Parse and Build and reports how many answers are set aside as
// non-answers (persona.NonAnswers), logging an evenly spaced sample of 20 to
// read. It checks that no quote is a non-answer and that an answer set aside
// gives no quote.
func TestNonAnswersRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	for _, file := range []string{
		"nhs_patient_feedback/v6framework_230831.csv",
		"bc_ai_survey/bc_ai_survey_2025.csv",
		"capterra_azure_reviews/capterra_azure_reviews.csv",
	} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := io.ReadAll(openData(t, file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ingest.Parse(filepath.Base(file), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			imp := ingest.Build(filepath.Base(file), data, doc, nlp.Shared())
			quoted := map[int64]bool{}
			for _, q := range imp.Quotes {
				quoted[q.TurnID] = true
				if persona.IsNonAnswer(q.Text) {
					t.Errorf("quote %q is a non-answer", q.Text)
				}
			}
			var aside []string
			for i, tu := range imp.Turns {
				if persona.IsNonAnswer(tu.Text) {
					aside = append(aside, tu.Text)
					if quoted[int64(i)] {
						t.Errorf("non-answer %q gave a quote", tu.Text)
					}
				}
			}
			if n := persona.NonAnswers(imp); n != len(aside) {
				t.Errorf("NonAnswers = %d; want %d", n, len(aside))
			}
			t.Logf("%s: %d answers, %d set aside as non-answers (%.1f%%), %d quotes",
				file, len(imp.Turns), len(aside), 100*float64(len(aside))/float64(max(1, len(imp.Turns))), len(imp.Quotes))
			// The sample to read: 20 evenly spaced distinct answers.
			seen, distinct := map[string]bool{}, []string(nil)
			for _, a := range aside {
				if k := strings.ToLower(strings.TrimSpace(a)); !seen[k] {
					seen[k] = true
					distinct = append(distinct, a)
				}
			}
			t.Logf("%d distinct", len(distinct))
			for i := 0; i < 20 && i < len(distinct); i++ {
				t.Logf("  set aside: %q", distinct[i*len(distinct)/min(20, len(distinct))])
			}
		})
	}
}

// TestNonAnswersAgainstCodersRealData scores IsNonAnswer against the NHS
// phase-1 coders, who gave 1,742 comments the subcategory "Nothing to
// improve": of the comments set aside, how many the coders put there
// (precision), and of theirs, how many are set aside (recall; theirs
// include praise with content, "Couldn't be improved, the staff were
// lovely", which stays a quote by design). It logs the set-aside comments
// the coders put elsewhere.
func TestNonAnswersAgainstCodersRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	rows, err := csv.NewReader(openData(t, "nhs_patient_feedback/phase1_text_data.csv")).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var coded, aside, both int
	for _, r := range rows[1:] {
		nothing := r[col["subcategory"]] == "Nothing to improve"
		na := persona.IsNonAnswer(r[col["feedback"]])
		if nothing {
			coded++
		}
		if na {
			aside++
			if nothing {
				both++
			} else if aside-both <= 25 {
				t.Logf("set aside, coded %q: %q", r[col["subcategory"]], strings.TrimSpace(r[col["feedback"]]))
			}
		}
	}
	t.Logf("phase 1: %d comments; coders' \"Nothing to improve\" %d; set aside %d; both %d: precision %.3f, recall %.3f",
		len(rows)-1, coded, aside, both, float64(both)/float64(max(1, aside)), float64(both)/float64(max(1, coded)))
	if aside == 0 || float64(both)/float64(aside) < 0.8 {
		t.Errorf("precision %d of %d set aside; want at least 0.8", both, aside)
	}
}
