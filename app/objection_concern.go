package app

import (
	"context"
	"strings"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/search"
)

// An objection answer shows only quotes that say what the objection says.
// "remote too expensive" judges the remote (its topic) on price (its
// concern, persona.QueryConcerns): a quote about remotes that says nothing
// of price does not answer it, and a rep reading ten of them would take
// them for what buyers said about the price. So:
//
//   - when the query raises a concern, a shown quote must carry it (a word
//     of the concern's family: "it's gonna add too much to the price");
//     quotes carrying it are also searched for apart, since they need not
//     repeat the rep's words;
//   - when it raises none ("we already use spreadsheets"), a shown quote
//     must say one of its topic words (a query word outside the 1,000 most
//     frequent English words, or a neighbour the expansion added), not only
//     "already" and "use";
//   - when no candidate carries it, the answer says so (ObjectionFocus.
//     Unanswered) and shows no quote, rather than topic-only quotes.

// ObjectionFocus is what an answer's quotes had to say.
type ObjectionFocus struct {
	// Concerns are the judgements the query makes ("price or cost"); empty
	// when it makes none.
	Concerns []string `json:"concerns"`
	// Topic are the query's words a quote had to say when it raises no
	// concern (with the expansion's neighbours); empty otherwise.
	Topic []string `json:"topic,omitempty"`
	// SetAside is how many of the ranked candidates were left out for not
	// saying it (they are about the topic's words only).
	SetAside int `json:"set_aside"`
	// Unanswered is true when no candidate says it: the answer then holds
	// no quote, and the page says that no buyer here said it.
	Unanswered bool `json:"unanswered"`
	// about are the stems of the query's topic words (with the
	// expansion's) when it raises a concern: a concern said of another
	// named thing does not answer it (persona.CarriesConcernOn).
	about map[string]bool
}

// objectionFocus reads the query for its concerns, or its topic words
// when it has none.
func objectionFocus(text string, expanded []string, v *analysis.Vectors) (ObjectionFocus, []persona.Concern) {
	concerns := persona.QueryConcerns(text)
	f := ObjectionFocus{Concerns: []string{}}
	for _, c := range concerns {
		f.Concerns = append(f.Concerns, c.Name)
	}
	var topic []string
	for _, w := range analysis.TextWords(text) {
		if v != nil && v.Rank(w) >= 0 && v.Rank(w) < expandMinRank {
			continue // "already", "use": no topic alone
		}
		topic = append(topic, w)
	}
	if len(concerns) > 0 {
		// The topic is the query's rarer words and its nouns, frequent or
		// not ("support is slow": "support" is among the most frequent
		// words; "costs too much" names no topic).
		// The expansion's neighbours widen a topic the query names; they
		// make none ("too complicated to set up" names none).
		about := topic
		for _, t := range nlp.Shared().Tag(text) {
			if strings.HasPrefix(t.Tag, "NN") {
				about = append(about, t.Text)
			}
		}
		if len(about) > 0 {
			about = append(about, expanded...)
		}
		for _, w := range about {
			if len(persona.QueryConcerns(w)) == 0 {
				if f.about == nil {
					f.about = map[string]bool{}
				}
				f.about[analysis.Stem(w)] = true
			}
		}
		return f, concerns
	}
	f.Topic = topic
	if len(f.Topic) > 0 {
		f.Topic = append(f.Topic, expanded...)
	}
	return f, nil
}

// says reports whether text says what the focus asks: a concern's word,
// or one of the topic's words (by stem), or anything when the focus asks
// nothing.
func (f ObjectionFocus) says(q persona.Quote, concerns []persona.Concern) bool {
	text := q.Text
	if len(concerns) > 0 {
		if len(f.about) == 0 {
			return persona.CarriesConcern(text, concerns)
		}
		if !persona.CarriesConcern(text, concerns) {
			return false
		}
		tokens := q.Tokens
		if len(tokens) == 0 { // not tagged by tagCandidates
			tokens = nlp.Shared().Tag(text)
		}
		return persona.CarriesConcernOn(text, tokens, concerns, func(w string) bool { return f.about[analysis.Stem(w)] })
	}
	if len(f.Topic) == 0 {
		return true
	}
	stems := make(map[string]bool, len(f.Topic))
	for _, w := range f.Topic {
		stems[analysis.Stem(w)] = true
	}
	for _, w := range analysis.TextWords(text) {
		if stems[analysis.Stem(w)] {
			return true
		}
	}
	return false
}

// candidateTags remembers the tags of candidates that came without
// stored tokens (a quote stored untagged), by quote id, across queries: a
// concern asked about a topic reads every candidate's grammar (says), and
// tagging costs ~160 µs a quote. Candidates are loaded with their stored
// tokens (candidates), so most never need it; the stored tokens are the
// same tagger's on the same text (docs/OBJECTIONS.md "Session quotes10").
type candidateTags struct {
	mu   sync.Mutex
	tags map[int64]taggedText
}

type taggedText struct {
	text   string
	tokens []persona.Token
}

// candidateTagsMax bounds the tags kept: when full, they are dropped and
// gathered again (a few studies' usual candidates fit).
const candidateTagsMax = 20000

// tagCandidates sets the tokens of the candidates that says reads the
// grammar of (those carrying a concern, when the query names a topic)
// and that came without stored tokens, tagging each text once per
// process.
func (a *App) tagCandidates(f ObjectionFocus, cands []candidate, concerns []persona.Concern) {
	if len(concerns) == 0 || len(f.about) == 0 {
		return
	}
	c := &a.candTags
	for i := range cands {
		q := &cands[i].quote
		if len(q.Tokens) > 0 || !persona.CarriesConcern(q.Text, concerns) {
			continue
		}
		c.mu.Lock()
		t, ok := c.tags[q.ID]
		c.mu.Unlock()
		if ok && t.text == q.Text {
			q.Tokens = t.tokens
			continue
		}
		q.Tokens = nlp.Shared().Tag(q.Text)
		c.mu.Lock()
		if c.tags == nil || len(c.tags) >= candidateTagsMax {
			c.tags = map[int64]taggedText{}
		}
		c.tags[q.ID] = taggedText{q.Text, q.Tokens}
		c.mu.Unlock()
	}
}

// keepFocused drops the candidates that do not say what the focus asks,
// counting them in SetAside and setting Unanswered when none is left.
func (f *ObjectionFocus) keepFocused(cands []candidate, concerns []persona.Concern) []candidate {
	out := cands[:0]
	for _, c := range cands {
		if f.says(c.quote, concerns) {
			out = append(out, c)
		} else {
			f.SetAside++
		}
	}
	f.Unanswered = len(out) == 0 && f.SetAside > 0
	return out
}

// concernCandidates adds to cands the quotes the filters let through that
// carry one of the concerns, up to objectionCandidates a concern, that the
// rep's words did not find (their BM25 is 0: they rank by meaning and the
// complaint model).
func (a *App) concernCandidates(ctx context.Context, cands []candidate, concerns []persona.Concern, filters map[string][]string) ([]candidate, error) {
	have := make(map[int64]bool, len(cands))
	for _, c := range cands {
		have[c.quote.ID] = true
	}
	for _, c := range concerns {
		m, err := search.Parse(strings.Join(c.SearchTerms(), " "))
		if err != nil || m == nil {
			return cands, err
		}
		res, err := a.searchIndex(ctx, search.Query{Match: m, Size: objectionCandidates, NoHighlight: true, Filters: filters})
		if err != nil {
			return cands, err
		}
		var hits []search.Hit
		for _, h := range res.Hits {
			if !have[h.ID] {
				have[h.ID] = true
				hits = append(hits, search.Hit{ID: h.ID})
			}
		}
		more, err := a.candidates(ctx, hits)
		if err != nil {
			return cands, err
		}
		cands = append(cands, more...)
	}
	return cands, nil
}
