package app

import (
	"context"
	"log/slog"
	"sort"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Code examples and seeded-coding suggestions are held (anchored to the
// source text, persona.HeldAnchor) when a re-cut or a re-ingest removes
// their quotes, and placed again like codings (placeAnchor): what cannot
// be placed is listed on the codebook page until dismissed.

// HeldPlaced says what re-attaching a source's held anchors did.
type HeldPlaced struct {
	ExamplesPlaced      int `json:"examples_placed,omitempty"`
	ExamplesUnplaced    int `json:"examples_unplaced,omitempty"`
	SuggestionsPlaced   int `json:"suggestions_placed,omitempty"`
	SuggestionsUnplaced int `json:"suggestions_unplaced,omitempty"`
}

// reattachHeld places the examples and suggestions held from an earlier
// cut or copy of this source file (same content, or same name) on its
// quotes now.
func (a *App) reattachHeld(ctx context.Context, src persona.Source) (HeldPlaced, error) {
	var r HeldPlaced
	held, err := a.store.HeldAnchors(ctx, src.StudyID, "", src.SHA256, src.Name)
	if err != nil || len(held) == 0 {
		return r, err
	}
	defer a.changed(src.StudyID, ChangeCodings)
	// The study's seeded coder in memory knows the old quote ids.
	a.seeding.put(src.StudyID, nil)
	turns, err := a.store.Turns(ctx, src.ID)
	if err != nil {
		return r, err
	}
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID, NoTokens: true})
	if err != nil {
		return r, err
	}
	var ps []store.Placement
	for _, h := range held {
		q, ok := placeAnchor(h.CodingAnchor, turns, quotes)
		if ok {
			ps = append(ps, store.Placement{AnchorID: h.ID, QuoteID: q})
		}
		switch {
		case h.Kind == persona.HeldExample && ok:
			r.ExamplesPlaced++
		case h.Kind == persona.HeldExample:
			r.ExamplesUnplaced++
		case ok:
			r.SuggestionsPlaced++
		default:
			r.SuggestionsUnplaced++
		}
	}
	if err := a.store.PlaceHeld(ctx, ps); err != nil {
		return HeldPlaced{}, err
	}
	if r.ExamplesUnplaced+r.SuggestionsUnplaced > 0 {
		a.Log.Warn("examples or suggestions could not be placed", slog.Int64("source_id", src.ID),
			slog.Int("examples", r.ExamplesUnplaced), slog.Int("suggestions", r.SuggestionsUnplaced))
	}
	return r, nil
}

// UnplacedExample is a code's example whose quote is gone and that could
// not be put on a quote of its source again.
type UnplacedExample struct {
	persona.HeldAnchor
	Code string `json:"code"`
	// SourceID is the study's source of that file now, 0 when none.
	SourceID int64 `json:"source_id"`
}

// UnplacedSuggestions are the seeded coding's suggestions of one source
// file that wait to be placed: counted, not listed one by one (a survey
// holds thousands); Reviewed counts those a researcher had decided.
type UnplacedSuggestions struct {
	SourceSHA  string `json:"source_sha"`
	SourceName string `json:"source_name"`
	SourceID   int64  `json:"source_id"`
	Count      int    `json:"count"`
	Reviewed   int    `json:"reviewed"`
}

// UnplacedHeld is what of a study's examples and suggestions waits to be
// placed.
type UnplacedHeld struct {
	Examples    []UnplacedExample     `json:"examples"`
	Suggestions []UnplacedSuggestions `json:"suggestions"`
}

// UnplacedHeldOf lists a study's examples and suggestions that wait to be
// placed (neither is coder's work an open blind round hides).
func (a *App) UnplacedHeldOf(ctx context.Context, studyID int64) (UnplacedHeld, error) {
	out := UnplacedHeld{Examples: []UnplacedExample{}, Suggestions: []UnplacedSuggestions{}}
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return out, err
	}
	held, err := a.store.HeldAnchors(ctx, studyID, "", "", "")
	if err != nil || len(held) == 0 {
		return out, err
	}
	byID, _, err := a.studyCodes(ctx, studyID)
	if err != nil {
		return out, err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return out, err
	}
	bySha := map[string]int64{}
	for _, s := range srcs {
		bySha[s.SHA256] = s.ID
	}
	group := map[string]int{}
	for _, h := range held {
		if h.Kind == persona.HeldExample {
			out.Examples = append(out.Examples, UnplacedExample{HeldAnchor: h, Code: byID[h.CodeID].Name, SourceID: bySha[h.SourceSHA]})
			continue
		}
		i, ok := group[h.SourceSHA]
		if !ok {
			i = len(out.Suggestions)
			group[h.SourceSHA] = i
			out.Suggestions = append(out.Suggestions, UnplacedSuggestions{SourceSHA: h.SourceSHA, SourceName: h.SourceName, SourceID: bySha[h.SourceSHA]})
		}
		out.Suggestions[i].Count++
		if h.Suggestion.Status != "" {
			out.Suggestions[i].Reviewed++
		}
	}
	sort.SliceStable(out.Examples, func(i, j int) bool { return out.Examples[i].SourceName < out.Examples[j].SourceName })
	return out, nil
}

// DismissHeld drops examples (by id) or every held suggestion of a source
// file (suggestionsOfSHA) that wait to be placed, for good. It returns how
// many went.
func (a *App) DismissHeld(ctx context.Context, studyID int64, ids []int64, suggestionsOfSHA string) (int64, error) {
	defer a.changed(studyID, ChangeCodings)
	return a.store.DeleteHeld(ctx, studyID, ids, suggestionsOfSHA)
}
