package app

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// testVectors are word vectors of n filler words (random directions) and,
// after them (so that they are rare enough to expand), groups of words
// sharing one direction each, slightly perturbed.
func testVectors(t *testing.T, n int, groups ...[]string) *analysis.Vectors {
	t.Helper()
	const dim = 16
	rng := rand.New(rand.NewSource(1))
	var words []string
	var data []float32
	for i := 0; i < n; i++ {
		words = append(words, fmt.Sprintf("filler%d", i))
		for j := 0; j < dim; j++ {
			data = append(data, float32(rng.NormFloat64()))
		}
	}
	for _, g := range groups {
		base := make([]float32, dim)
		for j := range base {
			base[j] = float32(rng.NormFloat64())
		}
		for _, w := range g {
			words = append(words, w)
			for j := range base {
				data = append(data, base[j]+0.1*float32(rng.NormFloat64()))
			}
		}
	}
	v, err := analysis.NewVectors(words, dim, data)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestExpandQuery(t *testing.T) {
	v := testVectors(t, expandMinRank, []string{"excel", "spreadsheet", "sheets"}, []string{"licensing", "licensed"})
	tests := []struct {
		name, text string
		vecs       *analysis.Vectors
		want       []string // words added
	}{
		{"neighbours of a rare word", "we already use excel", v, []string{"spreadsheet", "sheets"}},
		{"no vectors: the text as typed", "we already use excel", nil, nil},
		{"frequent words are not expanded", "filler3 filler4", v, nil},
		{"a word's own inflections are not added", "licensing", v, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, added := expandQuery(tc.text, tc.vecs, nil)
			if fmt.Sprint(added) != fmt.Sprint(tc.want) {
				t.Errorf("expandQuery(%q) added %v; want %v", tc.text, added, tc.want)
			}
			if !strings.HasPrefix(text, tc.text) {
				t.Errorf("expandQuery(%q) = %q; want the typed text first", tc.text, text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, " "+w+"^") {
					t.Errorf("expandQuery(%q) = %q; want %s boosted", tc.text, text, w)
				}
			}
		})
	}
}

// TestRerankByMeaning: of two quotes bleve scored alike, the one whose
// words mean what the query means comes first; without vectors the BM25
// order stays; a barrier the ring model is sure of is lifted.
func TestRerankByMeaning(t *testing.T) {
	v := testVectors(t, 50, []string{"excel", "spreadsheet", "sheets"}, []string{"weather", "rain", "sunny"})
	cands := func() []candidate {
		return []candidate{
			{quote: persona.Quote{ID: 1, Text: "It was sunny and the rain stopped", Ring: persona.RingSuccess, RingConfidence: 0.9}, text: 2},
			{quote: persona.Quote{ID: 2, Text: "We keep everything in a spreadsheet", Ring: persona.RingSuccess, RingConfidence: 0.9}, text: 1.9},
			{quote: persona.Quote{ID: 3, Text: "The weather and the rain", Ring: persona.RingBarriers, RingConfidence: 0.9}, text: 1.9},
		}
	}
	order := func(cs []candidate) string {
		var ids []string
		for _, c := range cs {
			ids = append(ids, fmt.Sprint(c.quote.ID))
		}
		return strings.Join(ids, ",")
	}
	tests := []struct {
		name    string
		vecs    *analysis.Vectors
		barrier float64 // ring confidence of quote 3, a barrier
		want    string
	}{
		{"vectors: meaning first", v, 0, "2,1,3"},
		{"no vectors: BM25 order", nil, 0, "1,2,3"},
		{"a confident barrier is lifted", nil, 0.9, "3,1,2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs := cands()
			cs[2].quote.RingConfidence = tc.barrier
			rerank("we use excel", cs, tc.vecs)
			if got := order(cs); got != tc.want {
				t.Errorf("rerank order = %s; want %s", got, tc.want)
			}
		})
	}
}

func TestObjectionsOnDemoStudy(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	res, err := a.Objections(ctx, ObjectionQuery{Text: "too expensive", StudyID: st.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Study == nil || res.Study.ID != st.ID || res.Study.Name != st.Name {
		t.Errorf("Study = %+v; want %d %q", res.Study, st.ID, st.Name)
	}
	if len(res.Quotes) == 0 || len(res.Themes) == 0 {
		t.Fatalf("no quotes or themes for a price objection: %+v", res)
	}
	for i, q := range res.Quotes {
		if q.Ring != persona.RingBarriers {
			t.Errorf("quote %d has ring %q; the default searches perceived barriers only", q.ID, q.Ring)
		}
		if i > 0 && q.Score > res.Quotes[i-1].Score {
			t.Errorf("quote %d scores %.3f above quote %d (%.3f): not in rank order", q.ID, q.Score, res.Quotes[i-1].ID, res.Quotes[i-1].Score)
		}
	}
	for i, th := range res.Themes {
		if th.Matches < 1 || th.Share <= 0 || th.Share > 1 {
			t.Errorf("theme %d: %d matches, share %.2f", th.Theme.ID, th.Matches, th.Share)
		}
		if i > 0 {
			prev := res.Themes[i-1]
			if float64(th.Matches)/float64(th.Theme.Quotes+2) > float64(prev.Matches)/float64(prev.Theme.Quotes+2) {
				t.Errorf("theme %d ranks below theme %d with a larger share matching", th.Theme.ID, prev.Theme.ID)
			}
		}
	}
	for _, v := range res.Answers {
		if v.Raising < 1 {
			t.Errorf("persona %d answers an objection none of its buyers raised", v.PersonaID)
		}
	}
	all, err := a.Objections(ctx, ObjectionQuery{Text: "too expensive", StudyID: st.ID, AllRings: true})
	if err != nil {
		t.Fatal(err)
	}
	if !all.AllRings || all.Total < res.Total {
		t.Errorf("every ring: all_rings %v, %d matches; want true and at least the barriers' %d", all.AllRings, all.Total, res.Total)
	}
}

func TestObjectionsAnswersChangeWithQuery(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	raising := map[string]string{}
	for _, q := range []string{"too expensive", "security review"} {
		res, err := a.Objections(ctx, ObjectionQuery{Text: q, StudyID: st.ID})
		if err != nil {
			t.Fatal(err)
		}
		raising[q] = fmt.Sprint(res.Answers)
	}
	if raising["too expensive"] == raising["security review"] {
		t.Errorf("what they value instead is the same for price and security: %s", raising["too expensive"])
	}
}

func TestDefaultStudyIsMostRecentlyAnalysed(t *testing.T) {
	a, demo := demoApp(t)
	ctx := context.Background()
	st, err := a.DefaultStudy(ctx)
	if err != nil || st.ID != demo.ID {
		t.Fatalf("DefaultStudy = %+v, %v; want the demo study", st, err)
	}
	other, _ := a.store.EnsureStudy(ctx, "Second")
	if st, _ := a.DefaultStudy(ctx); st.ID != demo.ID {
		t.Errorf("a new study never analysed became the default over the analysed demo")
	}
	res := a.Ingest(ctx, other.ID, "call.txt", strings.NewReader("Interviewer: What happened?\nBuyer: The renewal price doubled and we had to look elsewhere.\n"))
	if res.Status != StatusOK {
		t.Fatalf("ingest: %s", res.Error)
	}
	if _, err := a.Analyze(ctx, other.ID, nil); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.DefaultStudy(ctx); st.ID != other.ID {
		t.Errorf("DefaultStudy = %d; want %d, analysed last", st.ID, other.ID)
	}
	for scope, want := range map[string]int64{"": other.ID, "Second": other.ID, fmt.Sprint(demo.ID): demo.ID, AllStudies: 0} {
		st, all, err := a.ResolveStudy(ctx, scope)
		if err != nil || st.ID != want || all != (want == 0) {
			t.Errorf("ResolveStudy(%q) = %d, all %v, %v; want %d", scope, st.ID, all, err, want)
		}
	}
	if _, _, err := a.ResolveStudy(ctx, "nope"); !errors.Is(err, persona.ErrNotFound) {
		t.Errorf("ResolveStudy(unknown) err = %v; want not found", err)
	}
}

// TestRerankPushesPraiseDown: of two quotes on the query's topic that
// bleve scored alike, in the same ring, the complaint comes first, and
// praise the ring model put in barriers falls below it too.
func TestRerankPushesPraiseDown(t *testing.T) {
	for _, tc := range []struct {
		name string
		ring persona.Ring
	}{
		{"barriers", persona.RingBarriers},
		{"decision criteria", persona.RingCriteria},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := []candidate{
				{quote: persona.Quote{ID: 1, Text: "Their support is fast and really helpful", Ring: tc.ring, RingConfidence: 0.8}, text: 2},
				{quote: persona.Quote{ID: 2, Text: "Their support is slow and not helpful at all", Ring: tc.ring, RingConfidence: 0.8}, text: 2},
			}
			rerank("support is slow", cs, nil)
			if cs[0].quote.ID != 2 {
				t.Errorf("first = %q; want the complaint first", cs[0].quote.Text)
			}
		})
	}
}

// TestSamePolarity: query expansion leaves out a sentiment word's
// antonyms and keeps its synonyms and every neighbour of a topic word.
func TestSamePolarity(t *testing.T) {
	for _, tc := range []struct {
		w, n string
		want bool
	}{
		{"slow", "fast", false},
		{"good", "bad", false},
		{"confusing", "complicated", true},
		{"expensive", "costly", true},
		{"documentation", "validation", true},
		{"slow", "pace", true},
		{"expensive", "inexpensive", false},
		{"inexpensive", "expensive", false},
		{"reliable", "unreliable", false},
		{"useful", "useless", false},
		{"useful", "helpful", true},
		{"install", "uninstall", false},
		{"price", "prince", true},
	} {
		if got := samePolarity(tc.w, tc.n); got != tc.want {
			t.Errorf("samePolarity(%q, %q) = %v; want %v", tc.w, tc.n, got, tc.want)
		}
	}
}

// TestRerankPutsComplaintBeforeAnswer: an institution's answer to the
// objection ("They can have access to the wage subsidy.") ranks below a
// buyer raising it, even when it matches the query's words better and
// sits in the same ring; without the answer it would lead.
func TestRerankPutsComplaintBeforeAnswer(t *testing.T) {
	tests := []struct {
		name   string
		answer string
		first  int64
	}{
		{"provision", "They can have access to the wage subsidy.", 2},
		{"institution's measures", "We have invested in the wage subsidy to help firms.", 2},
		{"a lack is a complaint", "They cannot get access to the wage subsidy.", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs := []candidate{
				{quote: persona.Quote{ID: 1, Text: tc.answer, Ring: persona.RingBarriers, RingConfidence: 0.6}, text: 2.2},
				{quote: persona.Quote{ID: 2, Text: "The wage subsidy took months to arrive.", Ring: persona.RingBarriers, RingConfidence: 0.6}, text: 2},
			}
			rerank("wage subsidy too slow", cs, nil)
			if cs[0].quote.ID != tc.first {
				t.Errorf("first = %q; want quote %d first", cs[0].quote.Text, tc.first)
			}
		})
	}
}

// TestExpansionKeepsWordsTheQuotesSay: a word-vector neighbour of another
// sense of a query word ("expensive" beside "mountainous" here, as
// "remote" is beside it in GloVe) is not added when no searched quote says
// it; a neighbour the quotes say is.
func TestExpansionKeepsWordsTheQuotesSay(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	v := testVectors(t, expandMinRank, []string{"expensive", "mountainous", "price"})
	filters := map[string][]string{"study": {fmt.Sprint(st.ID)}, "ring": {string(persona.RingBarriers)}}
	says := a.inCorpus(ctx, filters)
	if says("mountainous") || !says("price") {
		t.Fatalf("the demo's barrier quotes say mountainous %v, price %v; the test needs false, true", says("mountainous"), says("price"))
	}
	if _, all := expandQuery("too expensive", v, nil); !slices.Contains(all, "mountainous") {
		t.Fatalf("unchecked expansion %v lacks mountainous; the test proves nothing", all)
	}
	_, added := expandQuery("too expensive", v, says)
	if fmt.Sprint(added) != "[price]" {
		t.Errorf("expansion checked against the study = %v; want [price]", added)
	}
}

// TestExpansionFollowsItsVectors: a word's neighbours are those of the
// vectors asked, not of whichever vectors first expanded the word (the
// cache was keyed by the word alone, so a test's own vectors got the
// neighbours another test's had cached, depending on the order).
func TestExpansionFollowsItsVectors(t *testing.T) {
	v1 := testVectors(t, expandMinRank, []string{"expensive", "costly"})
	v2 := testVectors(t, expandMinRank, []string{"expensive", "mountainous"})
	for _, tc := range []struct {
		v         *analysis.Vectors
		want, not string
	}{{v1, "costly", "mountainous"}, {v2, "mountainous", "costly"}, {v1, "costly", "mountainous"}} {
		_, added := expandQuery("too expensive", tc.v, nil)
		if !slices.Contains(added, tc.want) || slices.Contains(added, tc.not) {
			t.Errorf("expansion %v: want %s and not %s", added, tc.want, tc.not)
		}
	}
}

// TestObjectionThemesShowTheirQuote: every theme an answer lists comes
// with one of its own matching quotes that may be shown, and every value
// of "what they value instead" with a quote of its theme, on every query
// and ring (ES2008 listed "working design" with no quote, and themes
// none of whose quotes the answer showed).
func TestObjectionThemesShowTheirQuote(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	themes, values, beyond := 0, 0, 0
	for _, q := range []string{"too expensive", "security review", "hard to set up", "slow support", "pricing"} {
		for _, all := range []bool{false, true} {
			res, err := a.Objections(ctx, ObjectionQuery{Text: q, StudyID: st.ID, AllRings: all})
			if err != nil {
				t.Fatal(err)
			}
			shown := map[int64]bool{}
			for _, h := range res.Quotes {
				if shown[h.ID] {
					t.Errorf("%q: quote %d listed twice", q, h.ID)
				}
				shown[h.ID] = true
			}
			for _, th := range res.Themes {
				themes++
				qt := th.Quote
				if qt == nil {
					t.Errorf("%q: theme %q is listed with no quote", q, th.Theme.Label)
					continue
				}
				if qt.ThemeID != th.Theme.ID || qt.Text == "" {
					t.Errorf("%q: theme %q shows quote %d of theme %d", q, th.Theme.Label, qt.ID, qt.ThemeID)
				}
				stored, err := a.store.QuotesByIDWithTokens(ctx, []int64{qt.ID})
				if err != nil || len(stored) != 1 {
					t.Fatalf("%q: load quote %d with its tokens: %v", q, qt.ID, err)
				}
				if !a.quotable(stored[0]) { // as the answer judged it: on the stored tokens
					t.Errorf("%q: theme %q shows %q, which may not be shown alone", q, th.Theme.Label, qt.Text)
				}
				if !shown[qt.ID] {
					beyond++
				}
			}
			for _, v := range res.Answers {
				for _, tq := range append(append([]ThemeQuote{}, v.DecisionCriteria...), v.SuccessFactors...) {
					values++
					if tq.QuoteID == 0 || tq.Quote == "" {
						t.Errorf("%q: %s values %q with no quote", q, v.Name, tq.Label)
					}
				}
			}
		}
	}
	if themes == 0 || values == 0 {
		t.Fatalf("%d themes, %d values listed: the test checks nothing", themes, values)
	}
	t.Logf("%d themes listed (%d backed by a quote beyond the answer's own), %d values", themes, beyond, values)
}

func TestKeepQuoted(t *testing.T) {
	list := []ThemeQuote{{ThemeID: 1, QuoteID: 10}, {ThemeID: 2}, {ThemeID: 3, QuoteID: 30}, {ThemeID: 4, QuoteID: 40}, {ThemeID: 5, QuoteID: 50}}
	got := keepQuoted(list, 3)
	if len(got) != 3 || got[0].ThemeID != 1 || got[1].ThemeID != 3 || got[2].ThemeID != 4 {
		t.Errorf("keepQuoted = %+v; want themes 1, 3, 4 (2 has no quote; three at most)", got)
	}
}
