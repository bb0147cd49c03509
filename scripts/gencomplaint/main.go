// Command gencomplaint trains the ring classifier's complaint model on real
// patient feedback (../shared/data/nhs_patient_feedback, NHS England
// pxtextmining, MIT) plus the project's seed sentences, and writes
// persona/analysis/seed/complaint_model.tsv. Run through
// `go generate ./persona/analysis` (needs ../shared/data).
//
// Labels: v6framework answers with sentiment 4-5 (negative) are
// complaints, 1-2 (positive) are not, 3 is left out; phase-1 comments with
// criticality <= -2 are complaints, >= 2 are not; seed sentences in
// perceived_barriers are complaints, success_factors and decision_criteria
// are not.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	seed := flag.String("seed", "persona/analysis/seed/ring_seed.csv", "the project's seed sentences")
	out := flag.String("out", "persona/analysis/seed/complaint_model.tsv", "where to write the model")
	cv := flag.Bool("cv", true, "report 5-fold cross-validation on the training texts")
	flag.Float64Var(&l2, "l2", l2, "L2 penalty on word weights")
	flag.BoolVar(&noV6, "no-v6", false, "leave out the v6framework answers (to evaluate on them held out)")
	flag.Uint64Var(&shuffle, "shuffle", shuffle, "random seed of the training order")
	flag.IntVar(&seedCopies, "seed-copies", seedCopies, "how many times the seed sentences count")
	flag.IntVar(&epochs, "epochs", epochs, "passes over the training texts")
	flag.BoolVar(&allWords, "all-words", false, "learn from every word, not only evaluative ones (for comparison)")
	flag.Parse()
	texts, err := load(*data, *seed)
	if err != nil {
		log.Fatal(err)
	}
	if *cv {
		crossValidate(texts)
	}
	m := analysis.TrainComplaintModel(texts, epochs, minCount, l2, shuffle)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := m.WriteTo(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("gencomplaint: %d texts, %d features -> %s", len(texts), len(m.Weights), *out)
}

var allWords bool

// The training settings: chosen by the complaint model's AUC on review
// sentences it was not trained on (docs/RINGS.md), not on the rings'
// figures.
var (
	epochs     = 8
	seedCopies = 1
	shuffle    = uint64(1)
	noV6       bool
	minCount   = 3
	l2         = 3e-3
)

func crossValidate(texts []analysis.ComplaintText) {
	const folds = 5
	var tp, fp, fn, tn int
	for f := 0; f < folds; f++ {
		var train []analysis.ComplaintText
		for i, t := range texts {
			if i%folds != f {
				train = append(train, t)
			}
		}
		m := analysis.TrainComplaintModel(train, epochs, minCount, l2, shuffle)
		for i := f; i < len(texts); i += folds {
			p := m.Logit(texts[i].Words) > 0
			switch {
			case p && texts[i].Complaint:
				tp++
			case p:
				fp++
			case texts[i].Complaint:
				fn++
			default:
				tn++
			}
		}
	}
	log.Printf("gencomplaint: 5-fold CV: accuracy %.3f, complaint precision %.3f recall %.3f (n=%d)",
		float64(tp+tn)/float64(tp+tn+fp+fn), float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn), tp+tn+fp+fn)
}

func load(data, seed string) ([]analysis.ComplaintText, error) {
	seen := map[string]bool{}
	var out []analysis.ComplaintText
	add := func(text string, complaint bool) {
		text = strings.TrimSpace(text)
		key := strings.ToLower(text)
		if text == "" || seen[key] || strings.EqualFold(text, "did not answer") {
			return
		}
		seen[key] = true
		toks := nlp.Shared().Tag(text)
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		keep := analysis.Evaluative(toks)
		if allWords {
			keep = nil
		}
		out = append(out, analysis.ComplaintText{Words: words, Keep: keep, Complaint: complaint})
	}
	nhs := filepath.Join(data, "nhs_patient_feedback")
	if err := eachRow(filepath.Join(nhs, "v6framework_230831.csv"), func(r map[string]string) {
		if noV6 {
			return
		}
		switch r["Comment sentiment"] {
		case "1", "2":
			add(r["FFT answer"], false)
		case "4", "5":
			add(r["FFT answer"], true)
		}
	}); err != nil {
		return nil, err
	}
	if err := eachRow(filepath.Join(nhs, "phase1_text_data.csv"), func(r map[string]string) {
		c, err := strconv.Atoi(r["criticality"])
		switch {
		case err != nil:
		case c >= 2:
			add(r["feedback"], false)
		case c <= -2:
			add(r["feedback"], true)
		}
	}); err != nil {
		return nil, err
	}
	for c := 0; c < seedCopies; c++ {
		if c > 0 {
			clear(seen)
		}
		if err := eachRow(seed, func(r map[string]string) {
			switch r["ring"] {
			case "perceived_barriers":
				add(r["text"], true)
			case "success_factors", "decision_criteria":
				add(r["text"], false)
			}
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// eachRow calls fn with every data row of a CSV file keyed by its header.
func eachRow(path string, fn func(map[string]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("gencomplaint: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("gencomplaint: %s: %w", path, err)
	}
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("gencomplaint: %s: %w", path, err)
		}
		r := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(rec) {
				r[h] = rec[i]
			}
		}
		fn(r)
	}
}
