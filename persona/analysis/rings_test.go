package analysis

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// ringScore is accuracy and macro-F1 over the five rings and none.
func ringScore(truth, pred []persona.Ring) (acc, macroF1 float64) {
	var tp, fp, fn scores
	correct := 0
	for i := range truth {
		t, p := classOf(truth[i]), classOf(pred[i])
		if t == p {
			correct++
			tp[t]++
			continue
		}
		fp[p]++
		fn[t]++
	}
	for c := 0; c < nClasses; c++ {
		if d := 2*tp[c] + fp[c] + fn[c]; d > 0 {
			macroF1 += 2 * tp[c] / d
		}
	}
	return float64(correct) / float64(len(truth)), macroF1 / nClasses
}

// TestRingEval classifies the held-out set (written separately from the
// seed) and fails below the measured floor.
func TestRingEval(t *testing.T) {
	f, err := os.Open("testdata/ring_eval.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadExamples(f, nlp.Shared().Tag)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := NewRingClassifier(nil)
	if err != nil {
		t.Fatal(err)
	}
	acc, f1 := ringEvalScoreOn(t, rc, ex)
	t.Logf("ring eval: n=%d accuracy=%.3f macro-F1=%.3f", len(ex), acc, f1)
	const floorAcc, floorF1 = 0.70, 0.70
	if acc < floorAcc || f1 < floorF1 {
		t.Errorf("ring eval accuracy %.3f, macro-F1 %.3f; want >= %.2f, %.2f", acc, f1, floorAcc, floorF1)
	}
}

// ringEvalScore classifies the held-out project-written set.
func ringEvalScore(t *testing.T, rc *RingClassifier) (acc, f1 float64) {
	f, err := os.Open("testdata/ring_eval.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadExamples(f, nlp.Shared().Tag)
	if err != nil {
		t.Fatal(err)
	}
	return ringEvalScoreOn(t, rc, ex)
}

func ringEvalScoreOn(t *testing.T, rc *RingClassifier, ex []Example) (acc, f1 float64) {
	truth := make([]persona.Ring, len(ex))
	pred := make([]persona.Ring, len(ex))
	for i, e := range ex {
		truth[i] = e.Ring
		pred[i], _ = rc.Classify(e.Tokens, "")
		if testing.Verbose() && pred[i] != truth[i] {
			t.Logf("want %-20s got %-20s %v", truth[i], pred[i], words(e.Tokens))
		}
	}
	return ringScore(truth, pred)
}

func words(toks []persona.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

var _ = cmp.Diff

// TestRingWeightsCV reports 5-fold cross-validation on the seed set with
// the default weights (how they were chosen).
func TestRingWeightsCV(t *testing.T) {
	ex, err := ReadExamples(bytes.NewReader(ringSeedCSV), nlp.Shared().Tag)
	if err != nil {
		t.Fatal(err)
	}
	const folds = 5
	var truth, pred []persona.Ring
	for f := 0; f < folds; f++ {
		var train []Example
		for i, e := range ex {
			if i%folds != f {
				train = append(train, e)
			}
		}
		rc := &RingClassifier{nb: trainBayes(train), w: defaultWeights}
		for i := f; i < len(ex); i += folds {
			r, _ := rc.Classify(ex[i].Tokens, "")
			truth, pred = append(truth, ex[i].Ring), append(pred, r)
		}
	}
	acc, f1 := ringScore(truth, pred)
	t.Logf("seed 5-fold CV: n=%d accuracy=%.3f macro-F1=%.3f", len(ex), acc, f1)
	if acc < 0.75 {
		t.Errorf("seed CV accuracy %.3f; want >= 0.75", acc)
	}
}
