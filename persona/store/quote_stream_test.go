package store

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

// TestAnalysisQuotesMatchesQuotes checks the streamed analysis read
// against the plain listing, field for field, on quotes with awkward
// tokens (a word holding "/", a bare word, non-ASCII, none at all), survey
// quotes sharing a question, a second study that must not leak in, a
// ring set by a researcher and the participant filter.
func TestAnalysisQuotesMatchesQuotes(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Pricing study")
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateStudy(ctx, "Other")
		if err != nil {
			t.Fatal(err)
		}
		imp := sampleImport("a")
		toks := [][]persona.Token{
			{{Text: "and/or", Tag: "CC"}, {Text: "too", Tag: "RB"}},
			{{Text: "naïve", Tag: "JJ"}, {Text: "price", Tag: "NN"}, {Text: "bare"}},
			nil,
			{{Text: "price", Tag: "NN"}},
		}
		q0 := imp.Quotes[0]
		imp.Quotes = nil
		for i, tk := range toks {
			q := q0
			q.Tokens = tk
			q.Kind = []persona.Kind{persona.KindTranscript, persona.KindSurvey}[i%2]
			imp.Quotes = append(imp.Quotes, q)
		}
		if _, err := s.Import(ctx, st.ID, imp); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, other.ID, sampleImport("b")); err != nil {
			t.Fatal(err)
		}
		if err := s.SetQuoteRing(ctx, imp.Quotes[1].ID, persona.RingBarriers); err != nil {
			t.Fatal(err)
		}
		want, err := s.Quotes(ctx, QuoteFilter{StudyID: st.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) != len(toks) {
			t.Fatalf("listed %d quotes, want %d", len(want), len(toks))
		}
		got, err := s.AnalysisQuotes(ctx, st.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("AnalysisQuotes differs from Quotes (-want +got):\n%s", diff)
		}
		none, err := s.AnalysisQuotes(ctx, st.ID, func(p int64) bool { return p != imp.Participants[1].ID })
		if err != nil {
			t.Fatal(err)
		}
		if len(none) != 0 {
			t.Errorf("filter kept %d quotes of the excluded participant", len(none))
		}
	})
}
