package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"

	"github.com/verbatimhq/verbatim/persona"
)

// AnalysisQuotes returns a study's quotes in id order, with their analysis
// tokens, keeping those whose participant keep accepts (keep nil keeps
// all). It is the read an analysis makes of a whole study, so it is made
// for size: one query streamed row by row straight from SQLite (no
// per-row reflection), and every token's word and tag, and each kind,
// ring and question, is one string shared by all the quotes that use it,
// so a quote costs its text and one slice of tokens, not a copy of the
// stored token string besides.
func (s *Store) AnalysisQuotes(ctx context.Context, studyID int64, keep func(participantID int64) bool) ([]persona.Quote, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&quoteRow{}).Where("study_id = ?", studyID).Count(&n).Error; err != nil {
		return nil, fmt.Errorf("store: count quotes of study %d: %w", studyID, err)
	}
	// The loop checks ctx itself (rowsCtx).
	rctx, err := s.rowsCtx(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: read quotes of study %d: %w", studyID, err)
	}
	rows, err := s.db.WithContext(rctx).Raw(`SELECT id, study_id, source_id, participant_id, turn_id, kind, text, start, "end",
		at_ms, line, question, tokens, ring, ring_confidence, ring_set, theme_id, hidden
		FROM quotes WHERE study_id = ? ORDER BY id`, studyID).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: read quotes of study %d: %w", studyID, err)
	}
	defer rows.Close()
	// This goroutine reads the rows; another decodes their tokens and
	// shares their strings (decodeRaw), so a large study's read keeps two
	// cores busy.
	raws, free := make(chan *rawQuotes, 4), make(chan *rawQuotes, 4)
	for range cap(free) {
		free <- &rawQuotes{}
	}
	done := make(chan []persona.Quote)
	go func() { done <- decodeRaw(raws, free, int(n)) }()
	err = scanRaw(ctx, rows, keep, raws, free)
	close(raws)
	out := <-done
	if err == nil {
		err = rows.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("store: read quotes of study %d: %w", studyID, err)
	}
	return out, nil
}

// rawQuotes are quotes as read, each with its kind, question, tokens and
// ring still stored bytes (in buf, ending at ends[4*i+k]).
type rawQuotes struct {
	quotes []persona.Quote
	ends   []int
	buf    []byte
}

// rawBatch is how many quotes go to the decoder at once.
const rawBatch = 512

// scanRaw reads rows into batches taken from free and sends them on raws.
func scanRaw(ctx context.Context, rows *sql.Rows, keep func(int64) bool, raws, free chan *rawQuotes) error {
	var kind, question, tokens, ring sql.RawBytes
	b := <-free
	for i := 0; rows.Next(); i++ {
		if i%rowsCheck == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var q persona.Quote
		if err := rows.Scan(&q.ID, &q.StudyID, &q.SourceID, &q.ParticipantID, &q.TurnID, &kind, &q.Text, &q.Start, &q.End,
			&q.AtMS, &q.Line, &question, &tokens, &ring, &q.RingConfidence, &q.RingSet, &q.ThemeID, &q.Hidden); err != nil {
			return err
		}
		if keep != nil && !keep(q.ParticipantID) {
			continue
		}
		b.quotes = append(b.quotes, q)
		for _, f := range [...]sql.RawBytes{kind, question, tokens, ring} {
			b.buf = append(b.buf, f...)
			b.ends = append(b.ends, len(b.buf))
		}
		if len(b.quotes) == rawBatch {
			raws <- b
			b = <-free
		}
	}
	if len(b.quotes) > 0 {
		raws <- b
	}
	return nil
}

// decodeRaw decodes the batches on raws in order, returning each to free,
// into quotes with interned strings (cap n).
func decodeRaw(raws <-chan *rawQuotes, free chan<- *rawQuotes, n int) []persona.Quote {
	out := make([]persona.Quote, 0, n)
	in := interner{}
	for b := range raws {
		lo := 0
		field := func(k int) []byte {
			f := b.buf[lo:b.ends[k]]
			lo = b.ends[k]
			return f
		}
		for i, q := range b.quotes {
			q.Kind, q.Question = persona.Kind(in.get(field(4*i))), in.get(field(4*i+1))
			q.Tokens = in.tokens(field(4*i + 2))
			q.Ring = persona.Ring(in.get(field(4*i + 3)))
			out = append(out, q)
		}
		b.quotes, b.ends, b.buf = b.quotes[:0], b.ends[:0], b.buf[:0]
		free <- b
	}
	return out
}

// interner hands out one string per distinct value.
type interner map[string]string

func (in interner) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := in[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// tokens decodes stored tokens as decodeTokens does, with interned words
// and tags.
func (in interner) tokens(b []byte) []persona.Token {
	if len(b) == 0 {
		return nil
	}
	out := make([]persona.Token, 0, bytes.Count(b, []byte{' '})+1)
	for f := range bytes.FieldsSeq(b) {
		i := bytes.LastIndexByte(f, '/')
		if i < 0 {
			out = append(out, persona.Token{Text: in.get(f)})
			continue
		}
		out = append(out, persona.Token{Text: in.get(f[:i]), Tag: in.get(f[i+1:])})
	}
	return out
}

// QuoteFacets are what an analysis sets of a quote that the search index
// also holds: its ring, theme, hidden flag and its participant's persona.
type QuoteFacets struct {
	ID, SourceID       int64
	Ring               persona.Ring
	ThemeID, PersonaID int64
	Hidden             bool
}

// StudyQuoteFacets returns the facets of a study's quotes in id order, so
// that a caller comparing them before and after saving an analysis can
// re-index only what changed.
func (s *Store) StudyQuoteFacets(ctx context.Context, studyID int64) ([]QuoteFacets, error) {
	rctx, err := s.rowsCtx(ctx) // the loop checks ctx
	if err != nil {
		return nil, fmt.Errorf("store: read quote facets of study %d: %w", studyID, err)
	}
	rows, err := s.db.WithContext(rctx).Raw(`SELECT q.id, q.source_id, q.ring, q.theme_id, q.hidden, p.persona_id
		FROM quotes q JOIN participants p ON p.id = q.participant_id WHERE q.study_id = ? ORDER BY q.id`, studyID).Rows()
	if err != nil {
		return nil, fmt.Errorf("store: read quote facets of study %d: %w", studyID, err)
	}
	defer rows.Close()
	var out []QuoteFacets
	in := interner{}
	var ring sql.RawBytes
	for i := 0; rows.Next(); i++ {
		if i%rowsCheck == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("store: read quote facets of study %d: %w", studyID, ctx.Err())
		}
		var f QuoteFacets
		if err := rows.Scan(&f.ID, &f.SourceID, &ring, &f.ThemeID, &f.Hidden, &f.PersonaID); err != nil {
			return nil, fmt.Errorf("store: read quote facets of study %d: %w", studyID, err)
		}
		f.Ring = persona.Ring(in.get(ring))
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read quote facets of study %d: %w", studyID, err)
	}
	return out, nil
}
