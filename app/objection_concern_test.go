package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/search"
)

// remoteMeeting is a product meeting where the remote is the topic of
// almost everything and only some quotes say anything about its price.
const remoteMeeting = `Interviewer: What worries you about the new remote?
Buyer: The remote has far too many buttons and people get lost on it.
Interviewer: Why?
Buyer: Our old remote control was always getting lost under the sofa cushions.
Interviewer: And the chip?
Buyer: Voice recognition would add too much to the price of the remote.
Interviewer: What else?
Buyer: We have to keep the production cost under twelve Euro or the margin disappears.
Interviewer: Anything about the buttons?
Buyer: The rubber buttons on the remote feel cheap and wear out in a month.
`

// TestObjectionAnswerSaysTheConcern: "remote too expensive" shows only
// quotes that say something about price, not every quote about the
// remote; "remote too slow", which no quote says, shows none and says so.
func TestObjectionAnswerSaysTheConcern(t *testing.T) {
	a, _ := demoApp(t)
	ctx := context.Background()
	st, _ := a.store.EnsureStudy(ctx, "remote")
	if res := a.Ingest(ctx, st.ID, "meeting.txt", strings.NewReader(remoteMeeting)); res.Status != StatusOK {
		t.Fatalf("ingest: %s", res.Error)
	}
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		t.Fatal(err)
	}
	price := persona.QueryConcerns("too expensive")
	for _, tc := range []struct {
		query      string
		unanswered bool
	}{
		{"remote too expensive", false},
		{"remote too slow", true},
	} {
		t.Run(tc.query, func(t *testing.T) {
			res, err := a.Objections(ctx, ObjectionQuery{Text: tc.query, StudyID: st.ID, AllRings: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Focus.Unanswered != tc.unanswered || len(res.Focus.Concerns) != 1 {
				t.Fatalf("focus = %+v; want one concern, unanswered %v", res.Focus, tc.unanswered)
			}
			if tc.unanswered {
				if len(res.Quotes) != 0 || len(res.Themes) != 0 || res.Focus.SetAside == 0 {
					t.Errorf("no quote says it, yet %d quotes, %d themes are shown (%d set aside)", len(res.Quotes), len(res.Themes), res.Focus.SetAside)
				}
				return
			}
			if len(res.Quotes) == 0 {
				t.Fatal("no quote shown")
			}
			var texts []string
			for _, h := range res.Quotes {
				texts = append(texts, h.Text)
				if !persona.CarriesConcern(h.Text, price) {
					t.Errorf("shown %q says nothing of price", h.Text)
				}
			}
			joined := strings.Join(texts, "\n")
			for _, want := range []string{"twelve Euro", "add too much to the price"} {
				if !strings.Contains(joined, want) {
					t.Errorf("the price quote saying %q is not shown; shown:\n%s", want, joined)
				}
			}
			if res.Focus.SetAside == 0 {
				t.Errorf("the remote-only quotes were not set aside: %+v", res.Focus)
			}
		})
	}
	// Every quote that says the price hidden by a researcher: the answer
	// shows none and says so, and the hidden quotes are not counted as set
	// aside for saying only the topic (review).
	before, err := a.Objections(ctx, ObjectionQuery{Text: "remote too expensive", StudyID: st.ID, AllRings: true})
	if err != nil {
		t.Fatal(err)
	}
	hide := true
	for range 20 {
		res, err := a.Objections(ctx, ObjectionQuery{Text: "remote too expensive", StudyID: st.ID, AllRings: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Quotes) == 0 {
			if !res.Focus.Unanswered {
				t.Errorf("every price quote hidden, the answer shows none and does not say so: %+v", res.Focus)
			}
			if res.Focus.SetAside != before.Focus.SetAside {
				t.Errorf("set aside %d after hiding the price quotes, %d before", res.Focus.SetAside, before.Focus.SetAside)
			}
			return
		}
		for _, h := range res.Quotes {
			if _, err := a.EditQuote(ctx, h.ID, QuoteEdit{Hidden: &hide}); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Fatal("the price quotes never ran out")
}

// TestCandidateTagsOncePerText: the candidates a topical concern reads
// the grammar of are tagged once per process (tagging costs ~160 µs a
// quote and an answer reads up to 400), and again when a quote's text
// changed; a query naming no topic tags none.
func TestCandidateTagsOncePerText(t *testing.T) {
	a := &App{}
	vecs := analysis.DefaultVectors()
	focus, concerns := objectionFocus("remote too expensive", nil, vecs)
	if len(concerns) == 0 || len(focus.about) == 0 {
		t.Fatalf("focus %+v, concerns %v: want a concern on a topic", focus, concerns)
	}
	q := persona.Quote{ID: 7, Text: "Voice recognition would add too much to the price of the remote."}
	other := persona.Quote{ID: 8, Text: "The remote has far too many buttons."} // no concern: not read
	cands := []candidate{{quote: q}, {quote: other}}
	a.tagCandidates(focus, cands, concerns)
	if len(cands[0].quote.Tokens) == 0 || len(cands[1].quote.Tokens) != 0 {
		t.Fatalf("tokens %v / %v; want the concern's carrier tagged, the other not", cands[0].quote.Tokens, cands[1].quote.Tokens)
	}
	// A later query reads the remembered tags, not the tagger's.
	marker := []persona.Token{{Text: "remembered", Tag: "NN"}}
	a.candTags.tags[7] = taggedText{q.Text, marker}
	again := []candidate{{quote: q}}
	a.tagCandidates(focus, again, concerns)
	if len(again[0].quote.Tokens) != 1 || again[0].quote.Tokens[0].Text != "remembered" {
		t.Errorf("second query tokens %v; want the remembered ones", again[0].quote.Tokens)
	}
	edited := q
	edited.Text = "Voice recognition would add far too much to the price."
	changed := []candidate{{quote: edited}}
	a.tagCandidates(focus, changed, concerns)
	if len(changed[0].quote.Tokens) < 2 {
		t.Errorf("edited quote tokens %v; want its new text tagged", changed[0].quote.Tokens)
	}
	// A query naming no topic ("costs too much" with the word vectors;
	// which words name a topic depends on them) tags nothing.
	noTopic := focus
	noTopic.about = nil
	plain := []candidate{{quote: persona.Quote{ID: 9, Text: "It costs too much for what it does."}}}
	a.tagCandidates(noTopic, plain, concerns)
	if len(plain[0].quote.Tokens) != 0 {
		t.Errorf("a query naming no topic tagged %v", plain[0].quote.Tokens)
	}
}

// TestCandidatesCarryStoredTokens: an answer judges its candidates on the
// tokens stored with them (no tagging per query), and its ranking is the
// same whether a candidate carries tokens or not: the complaint model
// reads the plain words there, as the ranking was measured (read on the
// tags it ranks the Capterra evaluation's "the portal is confusing" one
// place worse).
func TestCandidatesCarryStoredTokens(t *testing.T) {
	a, st := demoApp(t)
	ctx := context.Background()
	m, _ := search.Parse("price expensive cost")
	res, err := a.searchIndex(ctx, search.Query{Match: m, Size: 40, NoHighlight: true,
		Filters: map[string][]string{"study": {strconv.FormatInt(st.ID, 10)}}})
	if err != nil {
		t.Fatal(err)
	}
	cands, err := a.candidates(ctx, res.Hits)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) < 5 {
		t.Fatalf("%d candidates: the test checks nothing", len(cands))
	}
	bare := slices.Clone(cands)
	for i, c := range cands {
		if len(c.quote.Tokens) == 0 {
			t.Errorf("candidate %d %q carries no stored tokens", c.quote.ID, c.quote.Text)
		}
		bare[i].quote.Tokens = nil
	}
	vecs := analysis.DefaultVectors()
	rerank("too expensive", cands, vecs)
	rerank("too expensive", bare, vecs)
	for i := range cands {
		if cands[i].quote.ID != bare[i].quote.ID || cands[i].score != bare[i].score {
			t.Fatalf("place %d: quote %d scores %.4f with its tokens, quote %d %.4f without; want the same ranking",
				i+1, cands[i].quote.ID, cands[i].score, bare[i].quote.ID, bare[i].score)
		}
	}
}
