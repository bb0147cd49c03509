// Package analysis derives buying insight from a study's quotes: it puts
// each quote in one of the five rings, groups each ring's quotes into
// themes, groups participants into personas, and re-applies researchers'
// edits. Everything is offline, deterministic for a given Options.Seed,
// and traceable to quotes.
package analysis

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
)

// Input is everything one analysis run needs.
type Input struct {
	StudyID int64
	// Quotes are buyer quotes with Tokens, Question, Kind, SourceID and
	// ParticipantID; Ring with RingSet when a researcher corrected it.
	Quotes []persona.Quote
	// Participants are the buyers only, with Attributes.
	Participants []persona.Participant
	SourceNames  map[int64]string
	// Edits are researcher edits to re-apply, oldest first.
	Edits    []persona.Edit
	Options  Options
	Progress func(stage string, done, total int) // may be nil
}

// Options tune a run.
type Options struct {
	// MinParticipants is how many participants make a theme recurring
	// (default 2).
	MinParticipants int
	Seed            int64
}

// Progress stages, in order.
const (
	StageRings    = "rings"
	StageThemes   = "themes"
	StageEdits    = "edits"
	StagePersonas = "personas"
	StageLabels   = "labels"
)

// Run classifies quotes into rings, clusters each ring into themes,
// re-applies theme edits, groups participants into personas (after the
// theme edits, so persona profiles use the final themes), re-applies
// persona edits and returns one label per quote. Theme and persona ids are
// local (1..n).
func Run(in Input) (*persona.Analysis, error) {
	progress := in.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	minParts := in.Options.MinParticipants
	if minParts <= 0 {
		minParts = 2
	}
	c, err := newCorpus(in)
	if err != nil {
		return nil, err
	}
	applyQuoteEdits(c, in.Edits)
	if err := classifyAll(c, progress); err != nil {
		return nil, err
	}
	progress(StageThemes, 0, 1)
	ws := buildThemes(c, in.Options.Seed)
	progress(StageThemes, 1, 1)
	progress(StageEdits, 0, 1)
	ws = applyThemeEdits(c, ws, in.Edits)
	themes, ws := finishThemes(c, ws, minParts, in.StudyID)
	progress(StageEdits, 1, 1)
	progress(StagePersonas, 0, 1)
	personas := buildPersonas(themes, c, in.Participants, in.StudyID, in.Options.Seed)
	applyPersonaEdits(personas, in.Edits)
	progress(StagePersonas, 1, 1)
	progress(StageLabels, 0, 1)
	a := &persona.Analysis{StudyID: in.StudyID, Themes: themes, Personas: personas, Labels: labels(c, ws)}
	progress(StageLabels, 1, 1)
	return a, nil
}

// newCorpus indexes the quotes; quote ids must be unique.
func newCorpus(in Input) (*corpus, error) {
	n := len(in.Quotes)
	c := &corpus{
		ring: make([]persona.Ring, n), conf: make([]float64, n),
		hidden: make([]bool, n), pinned: make([]bool, n), doc: make([]int, n),
		space: make([]*Space, n), central: make([]float64, n), byID: make(map[int64]int, n),
		buyers: len(in.Participants), names: nameWords(in.Participants),
	}
	// The corpus reads the caller's quotes; an edit that sets a ring copies
	// them first (applyQuoteEdits), so the caller's are never changed and a
	// large study is not held twice.
	c.quotes = in.Quotes
	for i, q := range c.quotes {
		if _, dup := c.byID[q.ID]; dup {
			return nil, fmt.Errorf("analysis: duplicate quote %d: %w", q.ID, persona.ErrInvalid)
		}
		c.byID[q.ID], c.hidden[i], c.doc[i] = i, q.Hidden, -1
	}
	return c, nil
}

// classifyAll sets every quote's ring: researchers' corrections as given
// (confidence 1), the rest by a classifier trained on the seed set plus
// those corrections. A survey quote's complaint score is shifted by its
// column's prior (columnPriors), so a column of complaints acts as a cons
// column whatever it is called. Quotes are classified on all cores.
func classifyAll(c *corpus, progress func(string, int, int)) error {
	var extra []Example
	survey := false
	for _, q := range c.quotes {
		if q.RingSet {
			extra = append(extra, Example{Tokens: q.Tokens, Ring: q.Ring})
		}
		survey = survey || q.Kind == persona.KindSurvey
	}
	rc, err := NewRingClassifier(extra)
	if err != nil {
		return err
	}
	n := len(c.quotes)
	var prior []columnShift
	if survey {
		logits := make([]float64, n)
		rings := make([]persona.Ring, n)
		parallelRange(0, n, func(i int) {
			if q := &c.quotes[i]; q.Kind == persona.KindSurvey && !q.RingSet {
				toks := quoteTokens(q)
				logits[i] = rc.complaintLogit(toks, normTokens(toks))
				rings[i], _ = rc.Classify(toks, q.Question)
			}
		})
		prior = columnPriors(c.quotes, func(i int) float64 { return logits[i] }, func(i int) persona.Ring { return rings[i] })
	}
	const chunk = 4096
	for lo := 0; lo < n; lo += chunk {
		progress(StageRings, lo, n)
		parallelRange(lo, min(lo+chunk, n), func(i int) {
			q := &c.quotes[i]
			if q.RingSet {
				c.ring[i], c.conf[i] = q.Ring, 1
				return
			}
			var p columnShift
			if prior != nil {
				p = prior[i]
			}
			c.ring[i], c.conf[i] = rc.classify(quoteTokens(q), q.Question, p)
		})
	}
	progress(StageRings, n, n)
	return nil
}

// parallelRange calls f(i) for i in lo..hi-1 on all cores.
func parallelRange(lo, hi int, f func(i int)) {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := lo + w; i < hi; i += workers {
				f(i)
			}
		}(w)
	}
	wg.Wait()
}

// quoteTokens is a quote's tokens, or its plain words when it was stored
// untagged.
func quoteTokens(q *persona.Quote) []persona.Token {
	if len(q.Tokens) == 0 {
		return plainTokens(q.Text)
	}
	return q.Tokens
}

// plainTokens stands in for tags when a quote was stored untagged.
func plainTokens(text string) []persona.Token {
	ws := splitWords(text)
	out := make([]persona.Token, len(ws))
	for i, w := range ws {
		out[i] = persona.Token{Text: w}
	}
	return out
}

// labels is one QuoteLabel per input quote, in input order.
func labels(c *corpus, ws []*work) []persona.QuoteLabel {
	theme := make([]int, len(c.quotes))
	for i := range theme {
		theme[i] = -1
	}
	for t, w := range ws {
		for _, i := range w.members {
			theme[i] = t
		}
	}
	out := make([]persona.QuoteLabel, len(c.quotes))
	for i, q := range c.quotes {
		out[i] = persona.QuoteLabel{QuoteID: q.ID, Ring: c.ring[i], Confidence: c.conf[i],
			ThemeIndex: theme[i], Hidden: c.hidden[i], Pinned: c.pinned[i]}
	}
	return out
}
