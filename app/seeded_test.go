package app

import (
	"context"
	"errors"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// seedDemo promotes two demo themes to codes and codes three more quotes
// of each by hand as ann; it returns the codes.
func seedDemo(t testing.TB, a *App, studyID int64, ann Actor) []persona.Code {
	t.Helper()
	ctx := context.Background()
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil || len(themes) < 2 {
		t.Fatalf("themes: %d %v", len(themes), err)
	}
	var codes []persona.Code
	for _, th := range themes[:2] {
		c, err := a.PromoteTheme(ctx, th.ID)
		if err != nil {
			t.Fatal(err)
		}
		ex := map[int64]bool{}
		for _, id := range c.ExampleQuoteIDs {
			ex[id] = true
		}
		n := 0
		for _, q := range th.QuoteIDs {
			if n == 3 {
				break
			}
			if !ex[q] {
				if _, err := a.CodeQuote(ctx, q, c.ID, ann); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
		if n < 3 {
			t.Fatalf("theme %q has fewer than 3 quotes besides its examples", th.Label)
		}
		codes = append(codes, c)
	}
	return codes
}

func TestSeededCodingOnDemo(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	ann := Actor{ID: 11, Name: "ann"}
	if _, err := a.SuggestCodes(ctx, st.ID); !errors.Is(err, persona.ErrInvalid) {
		t.Fatalf("no codes, no seeds: want ErrInvalid, got %v", err)
	}
	codes := seedDemo(t, a, st.ID, ann)
	rep, err := a.SuggestCodes(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo: %d quotes, %d seeds, %d coded, %d uncoded, %d ms", rep.Quotes, rep.Seeds, rep.Coded, rep.Uncoded, rep.TookMS)
	shown, err := a.seedQuotes(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := a.store.Suggestions(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Every shown quote has a suggestion; every one not seeded has a best code.
	if rep.Quotes != len(shown) || len(ss) != len(shown) || rep.Seeds+rep.Coded+rep.Uncoded != rep.Quotes {
		t.Fatalf("report %+v, %d suggestions, %d quotes", rep, len(ss), len(shown))
	}
	if rep.Seeds < 6 || rep.Coded == 0 {
		t.Fatalf("report %+v: want at least the 6 hand codings as seeds and some quotes coded", rep)
	}
	// Two codes (two of the demo's many themes): most quotes are about
	// neither and stay uncoded for the discovered themes (the codebook gate;
	// before it, 1,425 of 1,466 were coded).
	if rep.Uncoded <= rep.Coded {
		t.Errorf("report %+v: two codes coded more quotes than they left; want most left uncoded", rep)
	}
	known := map[int64]bool{codes[0].ID: true, codes[1].ID: true}
	for _, s := range ss {
		if !s.Seeded && !known[s.BestCodeID] {
			t.Fatalf("quote %d: best code %d is not a code of the study", s.QuoteID, s.BestCodeID)
		}
		if s.CodeID != 0 && s.Confidence <= 0.5 {
			t.Fatalf("quote %d coded at confidence %.3f", s.QuoteID, s.Confidence)
		}
	}
	counts, ran, err := a.SeededCounts(ctx, st.ID)
	if err != nil || !ran || counts[codes[0].ID]+counts[codes[1].ID] != rep.Coded {
		t.Fatalf("counts %v ran %v err %v, coded %d", counts, ran, err, rep.Coded)
	}

	// One code's list: its seeded codings, most confident first.
	list, err := a.ReviewQueue(ctx, st.ID, codes[0].ID, 0)
	if err != nil || len(list.Items) != counts[codes[0].ID] {
		t.Fatalf("code list: %d items, want %d (%v)", len(list.Items), counts[codes[0].ID], err)
	}
	for i := 1; i < len(list.Items); i++ {
		if list.Items[i].Confidence > list.Items[i-1].Confidence {
			t.Fatalf("code list out of confidence order at %d", i)
		}
	}

	// The review queue: open suggestions only, each code's most teaching first.
	rv, err := a.ReviewQueue(ctx, st.ID, 0, 0)
	if err != nil || !rv.Ran || len(rv.Items) == 0 || rv.Open != len(rv.Items) {
		t.Fatalf("queue: ran %v open %d items %d err %v", rv.Ran, rv.Open, len(rv.Items), err)
	}
	maxTeach := map[int64]float64{}
	for _, s := range ss {
		if !s.Seeded && s.Teach > maxTeach[s.BestCodeID] {
			maxTeach[s.BestCodeID] = s.Teach
		}
	}
	if first := rv.Items[0]; first.Teach != maxTeach[first.Suggested.ID] {
		t.Errorf("queue head teaches %.3f, its code's most is %.3f", first.Teach, maxTeach[first.Suggested.ID])
	}

	// Accepting the head records ann's coding and recodes other quotes.
	head := rv.Items[0]
	d, err := a.DecideSuggestion(ctx, head.Quote.ID, head.Suggested.ID, ann)
	if err != nil || d.Status != persona.SuggestionAccepted || d.Changed == 0 {
		t.Fatalf("accept: %+v %v", d, err)
	}
	qc, err := a.QuoteCoding(ctx, head.Quote.ID, ann)
	if err != nil || len(qc.Mine) != 1 || qc.Mine[0].ID != head.Suggested.ID {
		t.Fatalf("ann's coding after accepting: %+v %v", qc.Mine, err)
	}
	after, err := a.store.Suggestions(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	diff := 0
	for i := range after {
		if after[i].Confidence != ss[i].Confidence || after[i].CodeID != ss[i].CodeID {
			diff++
		}
	}
	if diff != d.Changed {
		t.Errorf("decision reports %d changed, store differs on %d", d.Changed, diff)
	}
	rv2, err := a.ReviewQueue(ctx, st.ID, 0, 0)
	if err != nil || rv2.Open != rv.Open-1 {
		t.Fatalf("queue after one decision: open %d, want %d (%v)", rv2.Open, rv.Open-1, err)
	}
	for _, it := range rv2.Items {
		if it.Quote.ID == head.Quote.ID {
			t.Fatal("decided quote still on the queue")
		}
	}

	// Correcting and skipping.
	other := codes[0].ID
	if rv2.Items[0].Suggested.ID == other {
		other = codes[1].ID
	}
	if d, err := a.DecideSuggestion(ctx, rv2.Items[0].Quote.ID, other, ann); err != nil || d.Status != persona.SuggestionCorrected {
		t.Fatalf("correct: %+v %v", d, err)
	}
	if d, err := a.DecideSuggestion(ctx, rv2.Items[1].Quote.ID, 0, ann); err != nil || d.Status != persona.SuggestionSkipped {
		t.Fatalf("skip: %+v %v", d, err)
	}
	if _, err := a.DecideSuggestion(ctx, ss[0].QuoteID+1_000_000, codes[0].ID, ann); !errors.Is(err, persona.ErrNotFound) {
		t.Errorf("unknown quote: want ErrNotFound, got %v", err)
	}

	// Agreement: the seeded coder against ann, on the two decisions only
	// (her earlier codings were its seeds): one agreed, one not.
	ag, err := a.Agreement(ctx, st.ID, ann)
	if err != nil {
		t.Fatal(err)
	}
	var found *Comparison
	for i, c := range ag.Comparisons {
		if len(c.Coders) == 2 && c.Coders[1].ID == SeededCoder && c.Coders[0].ID == ann.ID {
			found = &ag.Comparisons[i]
		}
	}
	if found == nil {
		t.Fatalf("no ann vs seeded comparison: %+v", ag.Comparisons)
	}
	if found.Overall.Percent.Units == 0 || found.Overall.Percent.Value >= 1 {
		t.Errorf("ann vs seeded: a correction must show as a disagreement: %+v", found.Overall.Percent)
	}
}
