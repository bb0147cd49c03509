package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// suggestionsByText maps the text of each quote with a suggestion to it.
func suggestionsByText(t *testing.T, a *App, studyID int64) map[string]persona.Suggestion {
	t.Helper()
	ctx := context.Background()
	ss, err := a.store.Suggestions(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]persona.Suggestion{}
	for _, s := range ss {
		q, err := a.store.Quote(ctx, s.QuoteID)
		if err != nil {
			t.Fatal(err)
		}
		out[q.Text] = s
	}
	return out
}

// exampleTexts are a code's example quotes' texts, in order.
func exampleTexts(t *testing.T, a *App, codeID int64) []string {
	t.Helper()
	ctx := context.Background()
	c, err := a.store.Code(ctx, codeID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, id := range c.ExampleQuoteIDs {
		// An id whose quote is gone is left out when read (as the app does).
		if q, err := a.store.Quote(ctx, id); err == nil {
			out = append(out, q.Text)
		}
	}
	return out
}

// Code examples and seeded suggestions follow the text as codings do: a
// role change or a re-ingest re-cuts the quotes (new ids), and each
// example goes back to its place in its code's list, each suggestion (with
// a review decision made on it) to the quote that holds its text; what
// cannot be placed is listed and can be dismissed.
func TestExamplesAndSuggestionsFollowTheTextThroughRecutting(t *testing.T) {
	ctx := context.Background()
	ann := Actor{ID: 7, Name: "ann"}
	examples := []string{"price was fair", "onboarding was painful", "yearly contract"}
	cases := []struct {
		name  string
		recut func(t *testing.T, a *App, study, src int64) (int64, HeldPlaced)
		// lost is the example text that cannot be placed ("" none);
		// lostSpeaker the speaker whose suggestions cannot be.
		lost, lostSpeaker string
	}{
		{"role change makes a buyer with an example the interviewer", func(t *testing.T, a *App, study, src int64) (int64, HeldPlaced) {
			sam := participantLabelled(t, a, src, "Sam")
			if _, err := a.SetRole(ctx, sam.ID, true); err != nil {
				t.Fatal(err)
			}
			return src, HeldPlaced{}
		}, "onboarding was painful", "Sam"},
		{"role change and back", func(t *testing.T, a *App, study, src int64) (int64, HeldPlaced) {
			sam := participantLabelled(t, a, src, "Sam")
			for _, interviewer := range []bool{true, false} {
				if _, err := a.SetRole(ctx, sam.ID, interviewer); err != nil {
					t.Fatal(err)
				}
			}
			return src, HeldPlaced{}
		}, "", ""},
		{"re-ingest of the same file", func(t *testing.T, a *App, study, src int64) (int64, HeldPlaced) {
			if err := a.DeleteSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			if un, err := a.UnplacedHeldOf(ctx, study); err != nil || len(un.Examples) != 4 || len(un.Suggestions) != 1 || un.Suggestions[0].SourceID != 0 {
				t.Fatalf("while the file is away: %+v, %v; want 4 examples and its suggestions listed", un, err)
			}
			res := a.IngestWith(ctx, study, "call-dana-sam.txt", strings.NewReader(anchoredTranscript), IngestOptions{Force: true})
			if res.Status != StatusOK {
				t.Fatalf("re-ingest: %+v", res)
			}
			return res.SourceID, res.HeldPlaced
		}, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, study, res, code := anchoredStudy(t)
			ids := make([]int64, len(examples))
			for i, s := range examples {
				q, ok := quoteWith(t, a, res.SourceID, s)
				if !ok {
					t.Fatalf("no quote holds %q", s)
				}
				ids[i] = q.ID
			}
			if _, err := a.UpdateCode(ctx, code.ID, CodeInput{Name: code.Name, Examples: ids}); err != nil {
				t.Fatal(err)
			}
			other, err := a.CreateCode(ctx, study, CodeInput{Name: "support", Examples: []int64{mustQuote(t, a, res.SourceID, "Migration of old").ID}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.SuggestCodes(ctx, study); err != nil {
				t.Fatal(err)
			}
			// A review decision (skip) on one of Dana's suggestions travels too.
			skip := mustQuote(t, a, res.SourceID, "security review")
			if _, err := a.DecideSuggestion(ctx, skip.ID, 0, ann); err != nil {
				t.Fatal(err)
			}
			wantEx := exampleTexts(t, a, code.ID)
			before := suggestionsByText(t, a, study)
			if len(before) == 0 || before[skip.Text].Status != persona.SuggestionSkipped {
				t.Fatalf("suggestions before: %+v", before)
			}
			lostSugg := 0
			if tc.lostSpeaker != "" {
				for _, q := range quotesOf(t, a, res.SourceID, tc.lostSpeaker) {
					if _, ok := before[q.Text]; ok {
						lostSugg++
					}
				}
			}

			src, placed := tc.recut(t, a, study, res.SourceID)

			if q, ok := quoteWith(t, a, src, "price was fair"); !ok || q.ID == ids[0] {
				t.Fatalf("the quotes were not re-cut (%+v)", q)
			}
			var want []string
			for _, s := range wantEx {
				if tc.lost == "" || !strings.Contains(s, tc.lost) {
					want = append(want, s)
				}
			}
			if got := exampleTexts(t, a, code.ID); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("examples after re-cutting %q; want %q", got, want)
			}
			if got := exampleTexts(t, a, other.ID); len(got) != 1 || !strings.Contains(got[0], "Migration of old") {
				t.Errorf("the other code's example after re-cutting: %q", got)
			}
			after := suggestionsByText(t, a, study)
			if len(after) != len(before)-lostSugg {
				t.Errorf("%d suggestions after re-cutting, %d before, %d of them lost; want %d", len(after), len(before), lostSugg, len(before)-lostSugg)
			}
			for text, s := range after {
				b := before[text]
				if s.CodeID != b.CodeID || s.BestCodeID != b.BestCodeID || s.Status != b.Status || s.Seeded != b.Seeded || s.Confidence != b.Confidence {
					t.Errorf("suggestion on %q is %+v after re-cutting; was %+v", text, s, b)
				}
			}
			if placed != (HeldPlaced{}) && (placed.ExamplesPlaced != 4 || placed.SuggestionsPlaced != len(before) || placed.ExamplesUnplaced+placed.SuggestionsUnplaced != 0) {
				t.Errorf("the upload reports %+v; want 4 examples and %d suggestions placed", placed, len(before))
			}
			un, err := a.UnplacedHeldOf(ctx, study)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.lost == "" && (len(un.Examples) != 0 || len(un.Suggestions) != 0):
				t.Errorf("unplaced %+v; want none", un)
			case tc.lost != "" && (len(un.Examples) != 1 || !strings.Contains(un.Examples[0].Text, tc.lost) || un.Examples[0].Code != "pain" || un.Examples[0].SourceID != src):
				t.Errorf("unplaced examples %+v; want %q of pain", un.Examples, tc.lost)
			case tc.lost != "" && (len(un.Suggestions) != 1 || un.Suggestions[0].Count != lostSugg || un.Suggestions[0].SourceName != "call-dana-sam.txt"):
				t.Errorf("unplaced suggestions %+v; want %d of call-dana-sam.txt", un.Suggestions, lostSugg)
			}
			if tc.lost != "" {
				if n, err := a.DismissHeld(ctx, study, []int64{un.Examples[0].ID}, ""); err != nil || n != 1 {
					t.Fatalf("dismiss example: %d, %v", n, err)
				}
				if n, err := a.DismissHeld(ctx, study, nil, un.Suggestions[0].SourceSHA); err != nil || n != int64(lostSugg) {
					t.Fatalf("dismiss suggestions: %d, %v", n, err)
				}
				if un, _ := a.UnplacedHeldOf(ctx, study); len(un.Examples)+len(un.Suggestions) != 0 {
					t.Errorf("after dismissing: %+v", un)
				}
			}
		})
	}
}

func mustQuote(t *testing.T, a *App, sourceID int64, s string) persona.Quote {
	t.Helper()
	q, ok := quoteWith(t, a, sourceID, s)
	if !ok {
		t.Fatalf("no quote holds %q", s)
	}
	return q
}

// quotesOf are a speaker's quotes in a source.
func quotesOf(t *testing.T, a *App, sourceID int64, label string) []persona.Quote {
	t.Helper()
	p := participantLabelled(t, a, sourceID, label)
	var out []persona.Quote
	qs, err := a.store.Quotes(context.Background(), store.QuoteFilter{SourceID: sourceID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.ParticipantID == p.ID {
			out = append(out, q)
		}
	}
	return out
}
