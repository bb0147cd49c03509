package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Researcher edits are recorded (so every later analysis re-applies them)
// and applied to the stored results at once (so the page shows them now).

// RenameTheme sets a theme's label.
func (a *App) RenameTheme(ctx context.Context, id int64, label string) (persona.Theme, error) {
	label = strings.TrimSpace(label)
	if label == "" || len(label) > 200 {
		return persona.Theme{}, fmt.Errorf("rename theme %d: label must be 1-200 characters: %w", id, persona.ErrInvalid)
	}
	t, err := a.store.Theme(ctx, id)
	if err != nil {
		return t, err
	}
	if _, err := a.store.AddEdit(ctx, persona.Edit{StudyID: t.StudyID, Kind: persona.EditRenameTheme, ThemeQuotes: [][]int64{t.QuoteIDs}, Label: label}); err != nil {
		return t, err
	}
	t.Label, t.LabelSet = label, true
	defer a.changed(t.StudyID, ChangeThemes)
	return t, a.store.SaveTheme(ctx, t)
}

// MergeThemes merges themes into the first one.
func (a *App) MergeThemes(ctx context.Context, ids []int64, label string) (persona.Theme, error) {
	if len(ids) < 2 {
		return persona.Theme{}, fmt.Errorf("merge themes: name at least two themes: %w", persona.ErrInvalid)
	}
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] { // merged with itself, the theme would be deleted
			return persona.Theme{}, fmt.Errorf("merge themes: theme %d is named twice; a theme cannot be merged with itself: %w", id, persona.ErrInvalid)
		}
		seen[id] = true
	}
	themes := make([]persona.Theme, len(ids))
	members := make([][]int64, len(ids))
	for i, id := range ids {
		if err := a.Authorize(ctx, ObjTheme, id); err != nil {
			return persona.Theme{}, err
		}
		t, err := a.store.Theme(ctx, id)
		if err != nil {
			return t, err
		}
		if i > 0 && t.StudyID != themes[0].StudyID {
			return t, fmt.Errorf("merge themes: themes are in different studies: %w", persona.ErrInvalid)
		}
		themes[i], members[i] = t, t.QuoteIDs
	}
	defer a.changed(themes[0].StudyID, ChangeThemes)
	into := themes[0]
	if label = strings.TrimSpace(label); label != "" {
		into.Label, into.LabelSet = label, true
	}
	if _, err := a.store.AddEdit(ctx, persona.Edit{StudyID: into.StudyID, Kind: persona.EditMergeThemes, ThemeQuotes: members, Label: label}); err != nil {
		return into, err
	}
	for _, t := range themes[1:] {
		into.QuoteIDs = append(into.QuoteIDs, t.QuoteIDs...)
		into.TopQuoteIDs = append(into.TopQuoteIDs, t.TopQuoteIDs...)
	}
	if err := a.recount(ctx, &into); err != nil {
		return into, err
	}
	if err := a.store.SaveTheme(ctx, into); err != nil {
		return into, err
	}
	for _, t := range themes[1:] {
		if err := a.store.DeleteTheme(ctx, t.ID); err != nil {
			return into, err
		}
	}
	return into, a.moveQuotes(ctx, into.StudyID, into.QuoteIDs, into.ID)
}

// SplitTheme moves quotes out of a theme into a new one.
func (a *App) SplitTheme(ctx context.Context, id int64, quoteIDs []int64, label string) (persona.Theme, error) {
	t, err := a.store.Theme(ctx, id)
	if err != nil {
		return t, err
	}
	defer a.changed(t.StudyID, ChangeThemes)
	label = strings.TrimSpace(label)
	move := map[int64]bool{}
	for _, q := range quoteIDs {
		move[q] = true
	}
	var keep, moved []int64
	for _, q := range t.QuoteIDs {
		if move[q] {
			moved = append(moved, q)
		} else {
			keep = append(keep, q)
		}
	}
	if len(moved) == 0 || len(keep) == 0 || label == "" {
		return t, fmt.Errorf("split theme %d: give a label and some, not all, of its quotes: %w", id, persona.ErrInvalid)
	}
	if _, err := a.store.AddEdit(ctx, persona.Edit{StudyID: t.StudyID, Kind: persona.EditSplitTheme, ThemeQuotes: [][]int64{t.QuoteIDs}, QuoteIDs: moved, Label: label}); err != nil {
		return t, err
	}
	nt := persona.Theme{StudyID: t.StudyID, Ring: t.Ring, Label: label, LabelSet: true, QuoteIDs: moved, TopQuoteIDs: filterIDs(t.TopQuoteIDs, move, true), Of: t.Of}
	t.QuoteIDs, t.TopQuoteIDs = keep, filterIDs(t.TopQuoteIDs, move, false)
	for _, th := range []*persona.Theme{&t, &nt} {
		if err := a.recount(ctx, th); err != nil {
			return nt, err
		}
	}
	if err := a.store.SaveTheme(ctx, t); err != nil {
		return nt, err
	}
	if nt, err = a.store.CreateTheme(ctx, nt); err != nil {
		return nt, err
	}
	return nt, a.moveQuotes(ctx, nt.StudyID, moved, nt.ID)
}

func filterIDs(ids []int64, set map[int64]bool, in bool) []int64 {
	var out []int64
	for _, id := range ids {
		if set[id] == in {
			out = append(out, id)
		}
	}
	return out
}

// recount recomputes a theme's counts from its quotes, dropping hidden ones.
func (a *App) recount(ctx context.Context, t *persona.Theme) error {
	quotes, err := a.store.QuotesByID(ctx, t.QuoteIDs)
	if err != nil {
		return err
	}
	parts, srcs := map[int64]bool{}, map[int64]bool{}
	t.QuoteIDs = t.QuoteIDs[:0]
	for _, q := range quotes {
		if q.Hidden {
			continue
		}
		t.QuoteIDs = append(t.QuoteIDs, q.ID)
		parts[q.ParticipantID], srcs[q.SourceID] = true, true
	}
	visible := map[int64]bool{}
	for _, id := range t.QuoteIDs {
		visible[id] = true
	}
	t.TopQuoteIDs = dedupe(filterIDs(t.TopQuoteIDs, visible, true))
	if t.HeadlineQuoteID != 0 && !visible[t.HeadlineQuoteID] {
		// The headline is a copy of its quote's text: a quote hidden or
		// moved out of the theme heads it no more (until the next
		// analysis picks another).
		t.HeadlineQuoteID, t.Headline = 0, ""
	}
	t.Quotes, t.Participants, t.Sources = len(t.QuoteIDs), len(parts), len(srcs)
	t.Recurring = t.Participants >= a.recurring()
	return nil
}

func dedupe(ids []int64) []int64 {
	seen := map[int64]bool{}
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// moveQuotes sets the theme of quotes and re-indexes their sources.
func (a *App) moveQuotes(ctx context.Context, studyID int64, ids []int64, themeID int64) error {
	if err := a.store.SetQuotesTheme(ctx, ids, themeID); err != nil {
		return err
	}
	return a.reindexQuotes(ctx, ids)
}

// reindexQuotes re-indexes the sources holding these quotes.
func (a *App) reindexQuotes(ctx context.Context, ids []int64) error {
	quotes, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return err
	}
	srcIDs := map[int64]bool{}
	for _, q := range quotes {
		srcIDs[q.SourceID] = true
	}
	keys := make([]int64, 0, len(srcIDs))
	for id := range srcIDs {
		keys = append(keys, id)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, id := range keys {
		src, err := a.store.Source(ctx, id)
		if err != nil {
			return err
		}
		if err := a.store.MarkIndexed(ctx, id, false); err != nil {
			return err
		}
		if err := a.indexSource(ctx, src); err != nil {
			return err
		}
	}
	return nil
}

// QuoteEdit is a change to one quote: a ring correction, a pin, a hide.
type QuoteEdit struct {
	Ring   *persona.Ring `json:"ring"`
	Pinned *bool         `json:"pinned"`
	Hidden *bool         `json:"hidden"`
}

// EditQuote applies a researcher's change to a quote.
func (a *App) EditQuote(ctx context.Context, id int64, e QuoteEdit) (persona.Quote, error) {
	q, err := a.store.Quote(ctx, id)
	if err != nil {
		return q, err
	}
	if e.Pinned != nil && *e.Pinned && (q.Hidden && e.Hidden == nil || e.Hidden != nil && *e.Hidden) {
		// A pinned quote is its theme's first example, shown first; a
		// hidden one is shown nowhere.
		return q, fmt.Errorf("quote %d is hidden and cannot be pinned as its theme's example: unhide it first, or send \"hidden\": false with the pin: %w", id, persona.ErrInvalid)
	}
	defer a.changed(q.StudyID, ChangeQuotes)
	if e.Ring != nil {
		if !e.Ring.Valid() {
			return q, fmt.Errorf("quote %d: unknown ring %q: %w", id, *e.Ring, persona.ErrInvalid)
		}
		if err := a.store.SetQuoteRing(ctx, id, *e.Ring); err != nil {
			return q, err
		}
		if _, err := a.store.AddEdit(ctx, persona.Edit{StudyID: q.StudyID, Kind: persona.EditSetRing, QuoteIDs: []int64{id}, Ring: *e.Ring}); err != nil {
			return q, err
		}
	}
	if e.Hidden != nil {
		if err := a.store.SetQuoteHidden(ctx, id, *e.Hidden); err != nil {
			return q, err
		}
		if *e.Hidden {
			if _, err := a.store.AddEdit(ctx, persona.Edit{StudyID: q.StudyID, Kind: persona.EditHideQuote, QuoteIDs: []int64{id}}); err != nil {
				return q, err
			}
		}
		if err := a.recountThemeOf(ctx, q.ThemeID); err != nil {
			return q, err
		}
	}
	if e.Pinned != nil && *e.Pinned && q.ThemeID != 0 {
		if err := a.pin(ctx, q); err != nil {
			return q, err
		}
	}
	if err := a.reindexQuotes(ctx, []int64{id}); err != nil {
		return q, err
	}
	return a.store.Quote(ctx, id)
}

func (a *App) pin(ctx context.Context, q persona.Quote) error {
	t, err := a.store.Theme(ctx, q.ThemeID)
	if err != nil {
		return err
	}
	if _, err := a.store.AddEdit(ctx, persona.Edit{StudyID: q.StudyID, Kind: persona.EditPinQuote, ThemeQuotes: [][]int64{t.QuoteIDs}, QuoteIDs: []int64{q.ID}}); err != nil {
		return err
	}
	t.TopQuoteIDs = dedupe(append([]int64{q.ID}, t.TopQuoteIDs...))
	return a.store.SaveTheme(ctx, t)
}

func (a *App) recountThemeOf(ctx context.Context, themeID int64) error {
	if themeID == 0 {
		return nil
	}
	t, err := a.store.Theme(ctx, themeID)
	if err != nil {
		return err
	}
	if err := a.recount(ctx, &t); err != nil {
		return err
	}
	return a.store.SaveTheme(ctx, t)
}

// EditPersona sets a persona's name and notes.
func (a *App) EditPersona(ctx context.Context, id int64, name, notes *string) (persona.Profile, error) {
	p, err := a.store.Persona(ctx, id)
	if err != nil {
		return p, err
	}
	if name != nil {
		n := strings.TrimSpace(*name)
		if n == "" || len(n) > 200 {
			return p, fmt.Errorf("persona %d: name must be 1-200 characters: %w", id, persona.ErrInvalid)
		}
		p.Name, p.NameSet = n, true
	}
	if notes != nil {
		if len(*notes) > 20000 {
			return p, fmt.Errorf("persona %d: notes are limited to 20,000 characters: %w", id, persona.ErrInvalid)
		}
		p.Notes = *notes
	}
	e := persona.Edit{StudyID: p.StudyID, Kind: persona.EditRenamePersona, PersonaParticipants: p.ParticipantIDs, Label: p.Name, Notes: p.Notes}
	if !p.NameSet {
		e.Label = ""
	}
	if _, err := a.store.AddEdit(ctx, e); err != nil {
		return p, err
	}
	defer a.changed(p.StudyID, ChangePersonas)
	return p, a.store.SavePersona(ctx, p)
}

// ParticipantsMatching filters a study's participants by attributes.
func (a *App) ParticipantsMatching(ctx context.Context, studyID int64, attrs map[string]string) ([]persona.Participant, error) {
	all, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
	if err != nil {
		return nil, err
	}
	out := []persona.Participant{}
	for _, p := range all {
		ok := true
		for k, v := range attrs {
			if !strings.EqualFold(p.Attributes[k], v) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, p)
		}
	}
	return out, nil
}
