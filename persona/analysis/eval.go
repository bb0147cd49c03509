package analysis

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// ReadLabels reads a CSV file with a header row and returns the texts in
// column textCol and their labels in column labelCol. Rows with an empty
// text or label are skipped. A UTF-8 byte-order mark is ignored.
func ReadLabels(r io.Reader, textCol, labelCol string) (texts, labels []string, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("analysis: read labels header: %w", err)
	}
	ti, li := -1, -1
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch h {
		case textCol:
			ti = i
		case labelCol:
			li = i
		}
	}
	if ti < 0 || li < 0 {
		return nil, nil, fmt.Errorf("analysis: read labels: columns %q and %q not both in header %q: %w",
			textCol, labelCol, header, persona.ErrInvalid)
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("analysis: read labels row %d: %w", line, err)
		}
		if ti >= len(rec) || li >= len(rec) {
			continue
		}
		t, l := strings.TrimSpace(rec[ti]), strings.TrimSpace(rec[li])
		if t == "" || l == "" {
			continue
		}
		texts = append(texts, t)
		labels = append(labels, l)
	}
	return texts, labels, nil
}

// EvalOptions tune Evaluate.
type EvalOptions struct {
	K    int // 0 chooses k automatically, as the product does
	Seed int64
	// Vectors are the word vectors to join to TF-IDF; nil uses
	// DefaultVectors() unless NoVectors is set.
	Vectors   *Vectors
	NoVectors bool
}

// EvalResult is how well the theme clustering agrees with human labels.
type EvalResult struct {
	N   int     `json:"n"`
	K   int     `json:"k"`
	NMI float64 `json:"nmi"`
	ARI float64 `json:"ari"`
	ACC float64 `json:"acc"`
}

// Evaluate groups texts with the product's theme clustering (prose tags,
// NewTokenSpace with DefaultVectors, Cluster) and scores the groups against
// labels.
func Evaluate(texts, labels []string, opt EvalOptions) (EvalResult, error) {
	toks, truth, err := evalInput(texts, labels)
	if err != nil {
		return EvalResult{}, err
	}
	vec := opt.Vectors
	if vec == nil && !opt.NoVectors {
		vec = DefaultVectors()
	}
	c := NewTokenSpace(toks, vec).Cluster(ClusterOptions{K: opt.K, Seed: opt.Seed})
	return score(truth, c.Assign), nil
}

// evalInput tags texts and numbers labels in order of first appearance.
func evalInput(texts, labels []string) ([][]persona.Token, []int, error) {
	if len(texts) != len(labels) {
		return nil, nil, fmt.Errorf("analysis: evaluate: %d texts but %d labels: %w", len(texts), len(labels), persona.ErrInvalid)
	}
	if len(texts) == 0 {
		return nil, nil, fmt.Errorf("analysis: evaluate: no texts: %w", persona.ErrInvalid)
	}
	toks := make([][]persona.Token, len(texts))
	tagger := nlp.Shared()
	parallel(len(texts), func(lo, hi, _ int) {
		for i := lo; i < hi; i++ {
			toks[i] = tagger.Tag(texts[i])
		}
	})
	ids := map[string]int{}
	truth := make([]int, len(labels))
	for i, l := range labels {
		v, ok := ids[l]
		if !ok {
			v = len(ids)
			ids[l] = v
		}
		truth[i] = v
	}
	return toks, truth, nil
}

// score compares a partition pred with the true labels.
func score(truth, pred []int) EvalResult {
	k := map[int]bool{}
	for _, p := range pred {
		k[p] = true
	}
	return EvalResult{N: len(truth), K: len(k), NMI: NMI(truth, pred), ARI: ARI(truth, pred), ACC: Accuracy(truth, pred)}
}
