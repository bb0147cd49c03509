package app

import (
	"context"
	"log/slog"
	"sort"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Codings are anchored to the source text (persona.CodingAnchor): when a
// source's quotes are cut anew (a role change, a re-ingest of the file
// after it was deleted, redaction of stored text) the codings whose quote
// is gone are put back on the quote that now holds their text, and those
// that cannot be placed are listed for the researcher (UnplacedCodings)
// until they dismiss them.

// placeAnchor finds where an anchored text is in a source now: the turn of
// the same seq when its text there is unchanged, else the first turn that
// holds the text. It returns the quote of that turn overlapping the text
// most, or false when the text is gone or no quote holds it any more.
func placeAnchor(an persona.CodingAnchor, turns []persona.Turn, quotes []persona.Quote) (int64, bool) {
	turnID, start, end := int64(0), 0, 0
	for _, t := range turns {
		if t.Seq == an.TurnSeq && an.Start >= 0 && an.End <= len(t.Text) && an.Start <= an.End && anchorMatches(an, t.Text[an.Start:an.End]) {
			turnID, start, end = t.ID, an.Start, an.End
			break
		}
	}
	if turnID == 0 && strings.TrimSpace(an.Text) != "" {
		for _, t := range turns {
			if i := strings.Index(t.Text, an.Text); i >= 0 {
				turnID, start, end = t.ID, i, i+len(an.Text)
				break
			}
		}
	}
	if turnID == 0 {
		return 0, false
	}
	best, bestOverlap := int64(0), 0
	for _, q := range quotes {
		if q.TurnID != turnID {
			continue
		}
		overlap := min(end, q.End) - max(start, q.Start)
		if overlap > bestOverlap || overlap == bestOverlap && overlap > 0 && q.ID < best {
			best, bestOverlap = q.ID, overlap
		}
	}
	return best, bestOverlap > 0
}

func anchorMatches(an persona.CodingAnchor, text string) bool {
	if an.TextHash != "" {
		return store.TextHash(text) == an.TextHash
	}
	return text == an.Text
}

// reattachCodings puts the codings waiting to be placed that were made on
// this source file (same content, or same name) back on its quotes. It
// returns how many were placed and how many still wait.
func (a *App) reattachCodings(ctx context.Context, src persona.Source) (placed, waiting int, err error) {
	ans, err := a.store.UnplacedAnchors(ctx, src.StudyID, src.SHA256, src.Name)
	if err != nil || len(ans) == 0 {
		return 0, 0, err
	}
	defer a.changed(src.StudyID, ChangeQuotes)
	turns, err := a.store.Turns(ctx, src.ID)
	if err != nil {
		return 0, 0, err
	}
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID, NoTokens: true})
	if err != nil {
		return 0, 0, err
	}
	var ps []store.Placement
	for _, an := range ans {
		if q, ok := placeAnchor(an, turns, quotes); ok {
			ps = append(ps, store.Placement{AnchorID: an.ID, QuoteID: q})
		} else {
			waiting++
		}
	}
	if err := a.store.PlaceAnchors(ctx, ps); err != nil {
		return 0, waiting, err
	}
	if waiting > 0 {
		a.Log.Warn("codings could not be placed", slog.Int64("source_id", src.ID), slog.Int("placed", len(ps)), slog.Int("waiting", waiting))
	}
	return len(ps), waiting, nil
}

// UnplacedCoding is a coding whose quote is gone and that could not be put
// on a quote of its source again: shown to the researcher until dismissed.
type UnplacedCoding struct {
	persona.CodingAnchor
	Code string `json:"code"`
	// SourceID is the study's source of that file now, 0 when none.
	SourceID int64 `json:"source_id"`
}

// UnplacedCodings lists a study's codings waiting to be placed, as by may
// see them (an open blind round hides other coders').
func (a *App) UnplacedCodings(ctx context.Context, studyID int64, by Actor) ([]UnplacedCoding, error) {
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return nil, err
	}
	ans, err := a.store.UnplacedAnchors(ctx, studyID, "", "")
	if err != nil {
		return nil, err
	}
	out := []UnplacedCoding{}
	if len(ans) == 0 {
		return out, nil
	}
	byID, _, err := a.studyCodes(ctx, studyID)
	if err != nil {
		return nil, err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return nil, err
	}
	bySha := map[string]int64{}
	for _, s := range srcs {
		bySha[s.SHA256] = s.ID
	}
	open, err := a.blindRounds(ctx, studyID)
	if err != nil {
		return nil, err
	}
	for _, an := range ans {
		if len(open) > 0 && an.CoderID != by.ID {
			continue
		}
		out = append(out, UnplacedCoding{CodingAnchor: an, Code: byID[an.CodeID].Name, SourceID: bySha[an.SourceSHA]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].SourceName < out[j].SourceName })
	return out, nil
}

// DismissUnplaced drops a coding that waits to be placed, for good.
func (a *App) DismissUnplaced(ctx context.Context, studyID, anchorID int64) error {
	defer a.changed(studyID, ChangeQuotes)
	return a.store.DeleteAnchor(ctx, studyID, anchorID)
}
