package analysis

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// SuiteSet is one labelled data set of the grouping development suite (the
// real data in ../shared/data, see its README).
type SuiteSet struct {
	Name  string
	Files []string // relative to the suite directory; read one after another
	// TextCol and LabelCol name a CSV file's header columns; for a TSV file
	// without header (Files ending in .tsv) they are field numbers ("0").
	TextCol, LabelCol string
	// Baseline is the data README's plain baseline at the true k (NMI, ARI,
	// ACC), listed for reference beside the one computed by PlainBaseline.
	Baseline [3]float64
}

// Suite is the development suite: every grouping change is measured on all
// of it (verbatim eval --suite, TestEvaluateRealData, docs/GROUPING.md).
var Suite = []SuiteSet{
	{"banking77", []string{"banking77/train.csv"}, "text", "category", [3]float64{.592, .281, .375}},
	{"hwu64", []string{"hwu64/train.tsv", "hwu64/valid.tsv", "hwu64/test.tsv"}, "0", "1", [3]float64{.565, .279, .387}},
	{"stackoverflow", []string{"short_text_clustering/stackoverflow.tsv"}, "1", "0", [3]float64{.653, .485, .665}},
	{"nhs", []string{"nhs_patient_feedback/single_label.csv"}, "text", "theme", [3]float64{.270, .082, .191}},
	{"laptops", []string{"absa_reviews/laptops_single.csv"}, "text", "category", [3]float64{.329, .043, .156}},
	{"serdif", []string{"serdif_usability_study/thematic_analysis/all_tags_20220303.csv"}, "content", "tag", [3]float64{.273, .147, .272}},
}

// Load reads the set's texts and labels from the suite directory dir.
func (s SuiteSet) Load(dir string) (texts, labels []string, err error) {
	for _, name := range s.Files {
		path := filepath.Join(dir, name)
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("analysis: suite %s: %w", s.Name, err)
		}
		var t, l []string
		if strings.HasSuffix(name, ".tsv") {
			t, l, err = readTSV(f, s.TextCol, s.LabelCol)
		} else {
			t, l, err = ReadLabels(f, s.TextCol, s.LabelCol)
		}
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("analysis: suite %s: %s: %w", s.Name, name, err)
		}
		texts, labels = append(texts, t...), append(labels, l...)
	}
	return texts, labels, nil
}

// readTSV reads tab-separated lines without header; textCol and labelCol
// are field numbers. Lines with an empty text or label are skipped.
func readTSV(f *os.File, textCol, labelCol string) (texts, labels []string, err error) {
	var ti, li int
	if _, err := fmt.Sscan(textCol, &ti); err != nil {
		return nil, nil, fmt.Errorf("text field %q: %w", textCol, persona.ErrInvalid)
	}
	if _, err := fmt.Sscan(labelCol, &li); err != nil {
		return nil, nil, fmt.Errorf("label field %q: %w", labelCol, persona.ErrInvalid)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if ti >= len(fields) || li >= len(fields) {
			continue
		}
		t, l := strings.TrimSpace(fields[ti]), strings.TrimSpace(fields[li])
		if t != "" && l != "" {
			texts, labels = append(texts, t), append(labels, l)
		}
	}
	return texts, labels, sc.Err()
}

// Subsample keeps n of the texts and their labels, chosen at random from
// seed, in their original order; all of them when n is 0 or not fewer.
func Subsample(texts, labels []string, n int, seed int64) ([]string, []string) {
	if n <= 0 || n >= len(texts) {
		return texts, labels
	}
	ids := rand.New(rand.NewSource(seed)).Perm(len(texts))[:n]
	keep := make([]bool, len(texts))
	for _, i := range ids {
		keep[i] = true
	}
	var t, l []string
	for i := range texts {
		if keep[i] {
			t, l = append(t, texts[i]), append(l, labels[i])
		}
	}
	return t, l
}

// baselineRestarts is the plain baseline's number of k-means++ restarts.
const baselineRestarts = 10

// PlainBaseline is the floor every grouping here must clear, as the data
// README defines it: sublinear TF-IDF over Snowball-stemmed words without
// stop words (min df 2, no bigrams, no word vectors, no smoothing),
// spherical k-means told the true number of labels, the best objective of
// baselineRestarts k-means++ runs from seed.
func PlainBaseline(texts, labels []string, seed int64) (EvalResult, error) {
	toks, truth, err := evalInput(texts, labels)
	if err != nil {
		return EvalResult{}, err
	}
	return plainBaseline(toks, truth, seed), nil
}

func plainBaseline(toks [][]persona.Token, truth []int, seed int64) EvalResult {
	terms := make([][]string, len(toks))
	for i, d := range toks {
		terms[i] = Terms(d)
	}
	s := NewSpaceWith(terms, SpaceOptions{MinDF: 2})
	var ids []int
	for i := 0; i < s.Len(); i++ {
		if !s.Empty(i) {
			ids = append(ids, i)
		}
	}
	k := 0
	for _, t := range truth {
		k = max(k, t+1)
	}
	rng := rand.New(rand.NewSource(seed))
	pts := sparsePoints{s, ids}
	best := kmeans(pts, k, rng, maxIter)
	for range baselineRestarts - 1 {
		if o := kmeans(pts, k, rng, maxIter); o.obj > best.obj {
			best = o
		}
	}
	// Documents without a term form one more group of their own.
	pred := make([]int, len(truth))
	for i := range pred {
		pred[i] = k
	}
	for r, i := range ids {
		pred[i] = best.assign[r]
	}
	return score(truth, pred)
}

// SuiteResult is one set's figures: the product's grouping (k chosen
// automatically) per seed, and the plain baseline at the true k, seed 1.
type SuiteResult struct {
	Set      SuiteSet
	Labels   int          // distinct labels in the texts evaluated
	Seeds    []int64      // parallel to Runs
	Runs     []EvalResult // Verbatim's grouping, k chosen automatically
	Baseline EvalResult   // PlainBaseline told the true k
}

// RunSuiteSet loads set from dir (subsampled to maxTexts texts when
// maxTexts is more than 0, with seed 1), computes the plain baseline and evaluates
// the grouping with opt once per seed (opt.K and opt.Seed are ignored).
func RunSuiteSet(dir string, set SuiteSet, seeds []int64, maxTexts int, opt EvalOptions) (SuiteResult, error) {
	texts, labels, err := set.Load(dir)
	if err != nil {
		return SuiteResult{}, err
	}
	texts, labels = Subsample(texts, labels, maxTexts, 1)
	toks, truth, err := evalInput(texts, labels)
	if err != nil {
		return SuiteResult{}, fmt.Errorf("analysis: suite %s: %w", set.Name, err)
	}
	res := SuiteResult{Set: set, Seeds: seeds}
	for _, t := range truth {
		res.Labels = max(res.Labels, t+1)
	}
	res.Baseline = plainBaseline(toks, truth, 1)
	vec := opt.Vectors
	if vec == nil && !opt.NoVectors {
		vec = DefaultVectors()
	}
	space := NewTokenSpace(toks, vec)
	for _, seed := range seeds {
		c := space.Cluster(ClusterOptions{Seed: seed})
		res.Runs = append(res.Runs, score(truth, c.Assign))
	}
	return res, nil
}
