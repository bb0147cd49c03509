package searchbench

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/search"
)

// dataDir is the real data sets, relative to this package.
var dataDir = filepath.Join("..", "..", "..", "shared", "data")

// texts reads the corpus: banking77 and hwu64 utterances, StackOverflow
// titles, Capterra pros and cons, NHS feedback answers.
func texts(tb testing.TB) []string {
	tb.Helper()
	if _, err := os.Stat(dataDir); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("real data missing at %s", dataDir)
		}
		tb.Skipf("real data missing at %s", dataDir)
	}
	var out []string
	add := func(file string, comma rune, header bool, cols ...int) {
		f, err := os.Open(filepath.Join(dataDir, file))
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		var rows [][]string
		if comma == '\t' { // one record a line: quotes are text, not quoting
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				rows = append(rows, strings.Split(sc.Text(), "\t"))
			}
			err = sc.Err()
		} else {
			r := csv.NewReader(f)
			r.FieldsPerRecord = -1
			rows, err = r.ReadAll()
		}
		if err != nil {
			tb.Fatalf("%s: %v", file, err)
		}
		if header {
			rows = rows[1:]
		}
		for _, row := range rows {
			for _, c := range cols {
				if c < len(row) && strings.TrimSpace(row[c]) != "" {
					out = append(out, strings.TrimSpace(row[c]))
				}
			}
		}
	}
	add("banking77/train.csv", ',', true, 0)
	for _, f := range []string{"train", "valid", "test"} {
		add("hwu64/"+f+".tsv", '\t', false, 0)
	}
	add("short_text_clustering/stackoverflow.tsv", '\t', false, 1)
	add("capterra_azure_reviews/capterra_azure_reviews.csv", ',', true, 8, 9)
	add("nhs_patient_feedback/single_label.csv", ',', true, 0)
	return out
}

var (
	rings = []string{"priority_initiative", "success_factors", "perceived_barriers", "buyers_journey", "decision_criteria"}
	roles = []string{"CFO", "CISO", "IT / Security", "Procurement", "Engineer", "Operations"}
	sizes = []string{"1-50", "51-200", "201-1000", "1000+"}
)

// corpus makes one quote of each text, with study, source (50 quotes),
// participant (10 quotes), ring, theme, persona and attributes drawn with
// seed 1: nine in ten quotes in study 1.
func corpus(tb testing.TB) []search.Doc {
	ts := texts(tb)
	rng := rand.New(rand.NewSource(1))
	docs := make([]search.Doc, len(ts))
	for i, t := range ts {
		p := int64(i/10 + 1)
		prng := rand.New(rand.NewSource(p))
		study := int64(1)
		if (i/50)%10 == 9 {
			study = 2
		}
		docs[i] = search.Doc{ID: int64(i + 1), StudyID: study, SourceID: int64(i/50 + 1), Source: fmt.Sprintf("s%d.txt", i/50),
			Format: "text", Kind: []string{"transcript", "survey"}[(i/50)%2], ParticipantID: p, Speaker: fmt.Sprintf("P%d", p),
			Attributes: map[string]string{"Role": roles[prng.Intn(len(roles))], "Company size": sizes[prng.Intn(len(sizes))]},
			Text:       t, Date: time.Date(2026, 1, 1+i%300, 0, 0, 0, 0, time.UTC),
			Ring: rings[rng.Intn(len(rings))], ThemeID: int64(rng.Intn(40) + 1), PersonaID: int64(rng.Intn(6) + 1)}
	}
	return docs
}

// The corpus reads every record of each file (a quote in a TSV line is
// text, not the start of a quoted field spanning lines).
func TestCorpusSize(t *testing.T) {
	if n := len(texts(t)); n != 47530 {
		t.Errorf("corpus holds %d texts; want 47,530 (10,003 + 11,106 + 20,000 + 3,086 + 3,335)", n)
	}
}
