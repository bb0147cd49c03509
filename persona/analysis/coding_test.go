package analysis

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// codingTopics are three themes with their own vocabularies, as a small
// support inbox would have them.
var codingTopics = []struct {
	code  string
	words []string
}{
	{"billing", strings.Fields("invoice price billing charge payment refund discount subscription cost plan")},
	{"login", strings.Fields("password login account locked reset username signin access session token")},
	{"export", strings.Fields("export csv report download spreadsheet file columns excel format backup")},
}

var codingFiller = strings.Fields("please help today again really still need want")

// codingOutliers share no word with any topic.
var codingOutliers = []string{
	"giraffes wander across the savanna at dusk",
	"volcano eruption poetry festival tickets",
	"grandmother knitted wool scarves winter",
}

// codingCorpus builds perTopic quotes per topic (four topic words and a
// filler word each), then mixed quotes (two words of topic 0 and two of
// topic 1), then the outliers. topic[i] is each quote's topic: 0–2, 3 for
// mixed, -1 for an outlier.
func codingCorpus(perTopic, mixed int, seed int64) (quotes []persona.Quote, topic []int) {
	rng := rand.New(rand.NewSource(seed))
	pick := func(ws []string, n int) []string {
		out := make([]string, n)
		for i, p := range rng.Perm(len(ws))[:n] {
			out[i] = ws[p]
		}
		return out
	}
	for t, tp := range codingTopics {
		for range perTopic {
			w := append(pick(tp.words, 4), pick(codingFiller, 1)...)
			quotes = append(quotes, persona.Quote{Text: strings.Join(w, " ")})
			topic = append(topic, t)
		}
	}
	for range mixed {
		w := append(pick(codingTopics[0].words, 2), pick(codingTopics[1].words, 2)...)
		quotes = append(quotes, persona.Quote{Text: strings.Join(w, " ")})
		topic = append(topic, 3)
	}
	for _, o := range codingOutliers {
		quotes = append(quotes, persona.Quote{Text: o})
		topic = append(topic, -1)
	}
	return quotes, topic
}

// labelledCodingEval is a seeded-coding evaluation (no word vectors) of
// codingCorpus(30, 0, seed)'s topic quotes, each labelled with its topic's
// code, and those texts.
func labelledCodingEval(t *testing.T, seed int64) (*SeededEval, []string) {
	t.Helper()
	quotes, topic := codingCorpus(30, 0, seed)
	var texts, labels []string
	for i, q := range quotes {
		if topic[i] >= 0 {
			texts, labels = append(texts, q.Text), append(labels, codingTopics[topic[i]].code)
		}
	}
	e, err := NewSeededEval(context.Background(), texts, labels, CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	return e, texts
}

// codingSeeds seeds the first n quotes of each topic.
func codingSeeds(topic []int, n int) []Seed {
	var seeds []Seed
	count := map[int]int{}
	for i, t := range topic {
		if t >= 0 && t < len(codingTopics) && count[t] < n {
			count[t]++
			seeds = append(seeds, Seed{Quote: i, Code: codingTopics[t].code})
		}
	}
	return seeds
}

func TestCodeRecoversSeededTopics(t *testing.T) {
	tests := []struct {
		name     string
		perTopic int
		seeds    int
	}{
		{"one seed per code", 30, 1},
		{"two seeds per code", 30, 2},
		{"five seeds per code", 40, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quotes, topic := codingCorpus(tt.perTopic, 0, 1)
			seeds := codingSeeds(topic, tt.seeds)
			as, err := Code(context.Background(), quotes, seeds, CodingOptions{NoVectors: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != len(quotes) {
				t.Fatalf("%d assignments for %d quotes", len(as), len(quotes))
			}
			seeded := map[int]string{}
			for _, s := range seeds {
				seeded[s.Quote] = s.Code
			}
			var right, total int
			for i, a := range as {
				if code, ok := seeded[i]; ok {
					if !a.Seeded || a.Code != code || a.Confidence != 1 || a.Teach != 0 {
						t.Errorf("seed %d: %+v; want seeded %q, confidence 1, teach 0", i, a, code)
					}
					continue
				}
				if a.Seeded {
					t.Errorf("quote %d: seeded but not a seed", i)
				}
				if topic[i] < 0 {
					continue
				}
				total++
				if a.Best == codingTopics[topic[i]].code {
					right++
				}
			}
			if acc := float64(right) / float64(total); acc < 0.9 {
				t.Errorf("best code right for %d of %d topic quotes (%.2f); want ≥ .9", right, total, acc)
			}
		})
	}
}

func TestCodeConfidenceOrder(t *testing.T) {
	quotes, topic := codingCorpus(40, 20, 2)
	as, err := Code(context.Background(), quotes, codingSeeds(topic, 5), CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	mean := func(want func(int) bool, get func(Assignment) float64) float64 {
		var s float64
		var n int
		for i, a := range as {
			if !a.Seeded && want(topic[i]) {
				s += get(a)
				n++
			}
		}
		return s / float64(n)
	}
	clean := func(t int) bool { return t >= 0 && t < 3 }
	mixed := func(t int) bool { return t == 3 }
	outlier := func(t int) bool { return t < 0 }
	conf := func(a Assignment) float64 { return a.Confidence }
	coded := func(a Assignment) float64 {
		if a.Code != "" {
			return 1
		}
		return 0
	}
	tests := []struct {
		name         string
		higher       func(int) bool
		lower        func(int) bool
		get          func(Assignment) float64
		higherFloor  float64 // the higher group's mean is at least this
		lowerCeiling float64 // the lower group's mean is at most this
	}{
		{"confidence: one topic over two", clean, mixed, conf, 0, 1},
		{"confidence: one topic over none", clean, outlier, conf, 0, 1},
		{"coded: one topic mostly, outliers never", clean, outlier, coded, 0.8, 0},
	}
	for _, tt := range tests {
		hi, lo := mean(tt.higher, tt.get), mean(tt.lower, tt.get)
		if hi <= lo || hi < tt.higherFloor || lo > tt.lowerCeiling {
			t.Errorf("%s: %.3f vs %.3f; want the first higher, first ≥ %.2f, second ≤ %.2f", tt.name, hi, lo, tt.higherFloor, tt.lowerCeiling)
		}
	}
	for i, a := range as {
		if topic[i] < 0 && a.Code != "" {
			t.Errorf("outlier %q coded %q (confidence %.2f); want uncoded", quotes[i].Text, a.Code, a.Confidence)
		}
	}
}

func TestCodeTeachOrder(t *testing.T) {
	quotes, topic := codingCorpus(40, 20, 3)
	as, err := Code(context.Background(), quotes, codingSeeds(topic, 5), CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	var clean, mixed float64
	var nc, nm int
	for i, a := range as {
		if a.Teach < 0 || a.Teach > 1 {
			t.Errorf("quote %d: teach %.3f outside 0..1", i, a.Teach)
		}
		switch {
		case a.Seeded, a.Teach > representativeTeach:
		case topic[i] == 3:
			mixed, nm = mixed+a.Teach, nm+1
		case topic[i] >= 0:
			clean, nc = clean+a.Teach, nc+1
		}
	}
	if clean, mixed = clean/float64(nc), mixed/float64(nm); mixed <= clean {
		t.Errorf("mean teach: quotes between two codes %.3f, quotes of one %.3f; want the first higher", mixed, clean)
	}
}

func TestCoderUpdate(t *testing.T) {
	quotes, topic := codingCorpus(30, 10, 4)
	ctx := context.Background()
	c, err := NewCoder(ctx, quotes, CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	seeds := codingSeeds(topic, 3)
	first, err := c.Code(ctx, seeds)
	if err != nil {
		t.Fatal(err)
	}
	same, err := c.Update(ctx, seeds)
	if err != nil {
		t.Fatal(err)
	}
	for i := range first {
		if first[i] != same[i] {
			t.Fatalf("quote %d: Update with the same seeds %+v; Code gave %+v", i, same[i], first[i])
		}
	}
	// The researcher corrects a mixed quote to "login" and accepts another.
	var fix, accept int = -1, -1
	for i, tp := range topic {
		if tp == 3 && !first[i].Seeded {
			if fix < 0 {
				fix = i
			} else if accept < 0 {
				accept = i
			}
		}
	}
	decided := append(append([]Seed(nil), seeds...), Seed{fix, "login"}, Seed{accept, first[accept].Best})
	next, err := c.Update(ctx, decided)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		quote int
		code  string
	}{{fix, "login"}, {accept, first[accept].Best}}
	for _, tt := range tests {
		if a := next[tt.quote]; !a.Seeded || a.Code != tt.code {
			t.Errorf("quote %d after the decision: %+v; want seeded %q", tt.quote, a, tt.code)
		}
	}
}

func TestCodeInvalidSeeds(t *testing.T) {
	quotes, _ := codingCorpus(5, 0, 5)
	tests := []struct {
		name  string
		seeds []Seed
	}{
		{"index past the end", []Seed{{Quote: len(quotes), Code: "a"}}},
		{"negative index", []Seed{{Quote: -1, Code: "a"}}},
		{"empty code", []Seed{{Quote: 0, Code: ""}}},
	}
	for _, tt := range tests {
		_, err := Code(context.Background(), quotes, tt.seeds, CodingOptions{NoVectors: true})
		if !errors.Is(err, persona.ErrInvalid) {
			t.Errorf("%s: err = %v; want ErrInvalid", tt.name, err)
		}
	}
	as, err := Code(context.Background(), quotes, nil, CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range as {
		if a != (Assignment{}) {
			t.Errorf("no seeds: quote %d %+v; want nothing", i, a)
		}
	}
}

func TestCodeCancelled(t *testing.T) {
	quotes, topic := codingCorpus(10, 0, 6)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Code(ctx, quotes, codingSeeds(topic, 2), CodingOptions{NoVectors: true}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
}

func TestDrawSeeds(t *testing.T) {
	truth := []int{0, 0, 0, 0, 1, 1, 2, 0, 1, 1}
	tests := []struct {
		perClass int
		want     map[int]int // seeds per label
	}{
		{1, map[int]int{0: 1, 1: 1, 2: 1}},
		{2, map[int]int{0: 2, 1: 2, 2: 1}},
		{10, map[int]int{0: 5, 1: 4, 2: 1}},
	}
	for _, tt := range tests {
		got := DrawSeeds(truth, tt.perClass, 7)
		count := map[int]int{}
		for q, i := range got {
			count[truth[i]]++
			if q > 0 && got[q-1] >= i {
				t.Errorf("per class %d: %v not ascending", tt.perClass, got)
			}
		}
		if fmt.Sprint(count) != fmt.Sprint(tt.want) {
			t.Errorf("per class %d: seeds per label %v; want %v", tt.perClass, count, tt.want)
		}
		if again := DrawSeeds(truth, tt.perClass, 7); fmt.Sprint(again) != fmt.Sprint(got) {
			t.Errorf("per class %d: same seed drew %v then %v", tt.perClass, got, again)
		}
	}
}

func TestScoreSeeded(t *testing.T) {
	names := []string{"a", "b"}
	truth := []int{0, 0, 1, 1, 0}
	as := []Assignment{
		{Code: "a", Best: "a", Seeded: true},
		{Code: "a", Best: "a"}, // right, coded
		{Best: "a"},            // wrong, uncoded
		{Code: "b", Best: "b"}, // right, coded
		{Code: "b", Best: "b"}, // wrong, coded
	}
	isSeed := []bool{true, false, false, false, false}
	r := scoreSeeded(truth, names, as, isSeed, 1)
	want := SeededResult{PerClass: 1, Seeds: 1, N: 4, ACC: 0.5, Coverage: 0.75, CodedACC: 2.0 / 3}
	if r.Seeds != want.Seeds || r.N != want.N || r.ACC != want.ACC || r.Coverage != want.Coverage || r.CodedACC != want.CodedACC {
		t.Errorf("scoreSeeded = %+v; want %+v", r, want)
	}
}

func TestLogisticRecoversSlope(t *testing.T) {
	// Outcomes drawn from σ(-2 + 4·x0 + 0·x1): the fit's curve is near it.
	rng := rand.New(rand.NewSource(1))
	var xs [][2]float64
	var ys []float64
	for range 4000 {
		x := [2]float64{rng.Float64(), rng.Float64()}
		y := 0.0
		if rng.Float64() < sigmoid(-2+4*x[0]) {
			y = 1
		}
		xs, ys = append(xs, x), append(ys, y)
	}
	b := logistic(xs, ys)
	tests := []struct{ x0, x1 float64 }{{0, 0.5}, {0.5, 0.5}, {1, 0.5}}
	for _, tt := range tests {
		got, want := sigmoid(b[0]+b[1]*tt.x0+b[2]*tt.x1), sigmoid(-2+4*tt.x0)
		if d := got - want; d > 0.05 || d < -0.05 {
			t.Errorf("p(%.1f, %.1f) = %.3f; want %.3f ± .05 (b = %v)", tt.x0, tt.x1, got, want, b)
		}
	}
}

func TestReviewQueue(t *testing.T) {
	as := []Assignment{
		{Best: "a", Teach: 0.45},
		{Best: "a", Teach: 0.4},
		{Best: "b", Teach: 0.25},
		{Best: "a", Code: "a", Seeded: true},
		{Best: "c", Teach: 0.35},
		{},                      // no words: left out
		{Best: "b", Teach: 0.3}, // b's best
		{Best: "a", Teach: 0.05},
	}
	reps := []Assignment{
		{Best: "a", Teach: 0.7},
		{Best: "a", Teach: 0.9}, // the first representative
		{Best: "b", Teach: 0.3},
		{Best: "b", Teach: 0.4},
		{Best: "c", Teach: 0.1},
	}
	tests := []struct {
		name string
		as   []Assignment
		want []int
	}{
		// Codes in order of their best Teach (a .45, c .35, b .3), one each per round.
		{"round robin over codes", as, []int{0, 4, 6, 1, 2, 7}},
		// Representatives (Teach above ½) first by Teach, even two of one code.
		{"representatives first", reps, []int{1, 0, 3, 4, 2}},
		{"nothing to review", []Assignment{{Seeded: true, Best: "a"}, {}}, nil},
	}
	for _, tt := range tests {
		if got := ReviewQueue(tt.as); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: ReviewQueue = %v; want %v", tt.name, got, tt.want)
		}
	}
}

// TestCodeRepresentatives checks the head of the review queue: one
// representative per code, none a seed, each the quote nearest the centre
// of a group the coding likely gets wrong. Two of the three topics are
// seeded, so the third topic's quotes are coded as one of the two, without
// confidence: a representative must come from them.
func TestCodeRepresentatives(t *testing.T) {
	quotes, topic := codingCorpus(40, 20, 3)
	var seeds []Seed
	for _, s := range codingSeeds(topic, 5) {
		if topic[s.Quote] != 2 {
			seeds = append(seeds, s)
		}
	}
	as, err := Code(context.Background(), quotes, seeds, CodingOptions{NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	var reps, unseeded int
	for i, a := range as {
		if a.Teach <= representativeTeach {
			continue
		}
		reps++
		if a.Seeded {
			t.Errorf("quote %d is a seed and a representative", i)
		}
		if topic[i] == 2 {
			unseeded++
		}
		t.Logf("representative %q (topic %d, confidence %.2f, teach %.2f)", quotes[i].Text, topic[i], a.Confidence, a.Teach)
	}
	if reps != 2 {
		t.Errorf("%d representatives; want one per code (2)", reps)
	}
	if unseeded == 0 {
		t.Errorf("no representative of the unseeded topic; want the group the coding gets wrong first")
	}
	q := ReviewQueue(as)
	if len(q) < reps || as[q[0]].Teach <= representativeTeach || topic[q[0]] != 2 {
		t.Errorf("ReviewQueue does not start with the unseeded topic's representative: %v", q[:min(len(q), 5)])
	}
}
