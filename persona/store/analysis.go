package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

type themeRow struct {
	ID      int64 `gorm:"primaryKey"`
	StudyID int64
	Ring    string
	Label   string
	Data    string
}

func (themeRow) TableName() string { return "themes" }

type personaRow struct {
	ID      int64 `gorm:"primaryKey"`
	StudyID int64
	Name    string
	Data    string
}

func (personaRow) TableName() string { return "personas" }

type analysisRow struct {
	StudyID int64 `gorm:"primaryKey"`
	Version int
	RanAt   time.Time
}

func (analysisRow) TableName() string { return "analyses" }

type editRow struct {
	ID        int64 `gorm:"primaryKey"`
	StudyID   int64
	Kind      string
	Data      string
	CreatedAt time.Time
}

func (editRow) TableName() string { return "edits" }

// SaveAnalysis replaces a study's themes and personas with a new run's, and
// writes each quote's ring, theme and visibility and each participant's
// persona, in one transaction. Theme ids in a (local, 1..n) are rewritten
// to database ids, in a too. A new theme or persona that mostly holds the
// same quotes or participants as one of the previous run keeps its id, so
// links people saved keep working.
func (s *Store) SaveAnalysis(ctx context.Context, a *persona.Analysis) error {
	for _, t := range a.Themes {
		if err := t.Validate(); err != nil {
			return fmt.Errorf("store: save analysis of study %d: %w", a.StudyID, err)
		}
	}
	for _, l := range a.Labels {
		if !l.Ring.Valid() || l.Confidence < 0 || l.Confidence > 1 {
			return fmt.Errorf("store: save analysis of study %d: quote %d: ring %q, confidence %v: %w", a.StudyID, l.QuoteID, l.Ring, l.Confidence, persona.ErrInvalid)
		}
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		keep, err := previousIDs(tx, a)
		if err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM themes WHERE study_id = ?", "DELETE FROM personas WHERE study_id = ?",
			"UPDATE quotes SET theme_id = 0, hidden = FALSE WHERE study_id = ? AND (theme_id <> 0 OR hidden)",
			"UPDATE participants SET persona_id = 0 WHERE study_id = ? AND persona_id <> 0"} {
			if err := tx.Exec(q, a.StudyID).Error; err != nil {
				return err
			}
		}
		ids, err := saveThemes(tx, a, keep.themes)
		if err != nil {
			return err
		}
		if err := savePersonas(tx, a, ids, keep.personas); err != nil {
			return err
		}
		if err := s.saveLabels(tx, a); err != nil {
			return err
		}
		var prev analysisRow
		tx.Where("study_id = ?", a.StudyID).Limit(1).Find(&prev)
		a.Version, a.RanAt = prev.Version+1, sqldb.Time(time.Now())
		return tx.Save(&analysisRow{StudyID: a.StudyID, Version: a.Version, RanAt: a.RanAt}).Error
	})
	if err != nil {
		return fmt.Errorf("store: save analysis of study %d: %w", a.StudyID, err)
	}
	return nil
}

// kept are the ids of the previous run that new themes and personas take
// over (index in the new run -> id).
type kept struct{ themes, personas map[int]int64 }

// previousIDs matches the new run's themes (same ring, by member quotes)
// and personas (by participants) to the stored ones.
func previousIDs(tx *gorm.DB, a *persona.Analysis) (kept, error) {
	k := kept{themes: map[int]int64{}, personas: map[int]int64{}}
	var trows []themeRow
	if err := tx.Where("study_id = ?", a.StudyID).Order("id").Find(&trows).Error; err != nil {
		return k, err
	}
	for _, ring := range append([]persona.Ring{persona.RingNone}, persona.Rings...) {
		var oldIDs []int64
		var old, cur [][]int64
		var curIdx []int
		for _, r := range trows {
			if persona.Ring(r.Ring) == ring {
				t := themeFromRow(r)
				oldIDs, old = append(oldIDs, r.ID), append(old, t.QuoteIDs)
			}
		}
		for i, t := range a.Themes {
			if t.Ring == ring {
				curIdx, cur = append(curIdx, i), append(cur, t.QuoteIDs)
			}
		}
		for n, o := range persona.MatchByOverlap(old, cur, 0.3) {
			k.themes[curIdx[n]] = oldIDs[o]
		}
	}
	var prows []personaRow
	if err := tx.Where("study_id = ?", a.StudyID).Order("id").Find(&prows).Error; err != nil {
		return k, err
	}
	var oldIDs []int64
	var old, cur [][]int64
	for _, r := range prows {
		oldIDs, old = append(oldIDs, r.ID), append(old, personaFromRow(r).ParticipantIDs)
	}
	for _, p := range a.Personas {
		cur = append(cur, p.ParticipantIDs)
	}
	for n, o := range persona.MatchByOverlap(old, cur, 0.3) {
		k.personas[n] = oldIDs[o]
	}
	return k, nil
}

func saveThemes(tx *gorm.DB, a *persona.Analysis, keep map[int]int64) (map[int64]int64, error) {
	ids := make(map[int64]int64, len(a.Themes))
	for i := range a.Themes {
		t := &a.Themes[i]
		local := t.ID
		t.StudyID = a.StudyID
		r := themeRow{ID: keep[i], StudyID: a.StudyID, Ring: string(t.Ring), Label: t.Label}
		if err := tx.Create(&r).Error; err != nil {
			return nil, err
		}
		ids[local], t.ID = r.ID, r.ID
		data, _ := json.Marshal(t)
		if err := tx.Model(&r).Update("data", string(data)).Error; err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func savePersonas(tx *gorm.DB, a *persona.Analysis, themeIDs map[int64]int64, keep map[int]int64) error {
	for i := range a.Personas {
		p := &a.Personas[i]
		p.StudyID = a.StudyID
		for ring, list := range p.Rings {
			for j, id := range list {
				list[j] = themeIDs[id]
			}
			p.Rings[ring] = list
		}
		counts := make(map[int64]int, len(p.ThemeCounts))
		for id, n := range p.ThemeCounts {
			counts[themeIDs[id]] = n
		}
		p.ThemeCounts = counts
		for j := range p.Distinct {
			if p.Distinct[j].ThemeID != 0 {
				p.Distinct[j].ThemeID = themeIDs[p.Distinct[j].ThemeID]
			}
		}
		r := personaRow{ID: keep[i], StudyID: a.StudyID, Name: p.Name, Data: "{}"}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		p.ID = r.ID
		data, _ := json.Marshal(p)
		if err := tx.Model(&r).Update("data", string(data)).Error; err != nil {
			return err
		}
		for lo := 0; lo < len(p.ParticipantIDs); lo += 500 {
			batch := p.ParticipantIDs[lo:min(lo+500, len(p.ParticipantIDs))]
			if err := tx.Exec("UPDATE participants SET persona_id = ? WHERE id IN ?", p.ID, batch).Error; err != nil {
				return err
			}
		}
	}
	return nil
}

// Themes lists a study's themes in the order the analysis ranked them.
func (s *Store) Themes(ctx context.Context, studyID int64) ([]persona.Theme, error) {
	var rows []themeRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: themes of study %d: %w", studyID, err)
	}
	out := make([]persona.Theme, 0, len(rows))
	for _, r := range rows {
		out = append(out, themeFromRow(r))
	}
	return out, nil
}

func themeFromRow(r themeRow) persona.Theme {
	var t persona.Theme
	_ = json.Unmarshal([]byte(r.Data), &t)
	t.ID, t.StudyID, t.Label, t.Ring = r.ID, r.StudyID, r.Label, persona.Ring(r.Ring)
	return t
}

// Theme returns one theme.
func (s *Store) Theme(ctx context.Context, id int64) (persona.Theme, error) {
	var r themeRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Theme{}, notFound("theme", id, err)
	}
	return themeFromRow(r), nil
}

// SaveTheme writes a theme's label and data (after an edit).
func (s *Store) SaveTheme(ctx context.Context, t persona.Theme) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("store: save theme %d: %w", t.ID, err)
	}
	data, _ := json.Marshal(t)
	res := s.db.WithContext(ctx).Model(&themeRow{}).Where("id = ?", t.ID).
		Updates(map[string]any{"label": t.Label, "ring": string(t.Ring), "data": string(data)})
	if res.Error != nil {
		return fmt.Errorf("store: save theme %d: %w", t.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: save theme %d: %w", t.ID, persona.ErrNotFound)
	}
	return nil
}

// Personas lists a study's personas.
func (s *Store) Personas(ctx context.Context, studyID int64) ([]persona.Profile, error) {
	var rows []personaRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: personas of study %d: %w", studyID, err)
	}
	out := make([]persona.Profile, 0, len(rows))
	for _, r := range rows {
		out = append(out, personaFromRow(r))
	}
	return out, nil
}

func personaFromRow(r personaRow) persona.Profile {
	var p persona.Profile
	_ = json.Unmarshal([]byte(r.Data), &p)
	p.ID, p.StudyID, p.Name = r.ID, r.StudyID, r.Name
	return p
}

// Persona returns one persona.
func (s *Store) Persona(ctx context.Context, id int64) (persona.Profile, error) {
	var r personaRow
	if err := s.db.WithContext(ctx).First(&r, id).Error; err != nil {
		return persona.Profile{}, notFound("persona", id, err)
	}
	return personaFromRow(r), nil
}

// SavePersona writes a persona's name, notes and data.
func (s *Store) SavePersona(ctx context.Context, p persona.Profile) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("store: save persona %d: %w", p.ID, err)
	}
	data, _ := json.Marshal(p)
	res := s.db.WithContext(ctx).Model(&personaRow{}).Where("id = ?", p.ID).
		Updates(map[string]any{"name": p.Name, "data": string(data)})
	if res.Error != nil {
		return fmt.Errorf("store: save persona %d: %w", p.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: save persona %d: %w", p.ID, persona.ErrNotFound)
	}
	return nil
}

// AnalysisInfo returns a study's last analysis version and time (zero when
// never analysed).
func (s *Store) AnalysisInfo(ctx context.Context, studyID int64) (version int, ranAt time.Time, err error) {
	var r analysisRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Limit(1).Find(&r).Error; err != nil {
		return 0, time.Time{}, fmt.Errorf("store: analysis of study %d: %w", studyID, err)
	}
	return r.Version, r.RanAt, nil
}

// AnalysisTimes gives, in one query, when each analysed study was last
// analysed; a study never analysed is absent.
func (s *Store) AnalysisTimes(ctx context.Context) (map[int64]time.Time, error) {
	var rows []analysisRow
	if err := s.db.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: analysis times: %w", err)
	}
	out := make(map[int64]time.Time, len(rows))
	for _, r := range rows {
		out[r.StudyID] = r.RanAt
	}
	return out, nil
}

// AddEdit records a researcher edit, to be re-applied by every later
// analysis.
func (s *Store) AddEdit(ctx context.Context, e persona.Edit) (persona.Edit, error) {
	e.CreatedAt = sqldb.Time(time.Now())
	data, _ := json.Marshal(e)
	r := editRow{StudyID: e.StudyID, Kind: string(e.Kind), Data: string(data), CreatedAt: e.CreatedAt}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return e, fmt.Errorf("store: add edit: %w", err)
	}
	e.ID = r.ID
	return e, nil
}

// Edits lists a study's edits, oldest first.
func (s *Store) Edits(ctx context.Context, studyID int64) ([]persona.Edit, error) {
	var rows []editRow
	if err := s.db.WithContext(ctx).Where("study_id = ?", studyID).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: edits of study %d: %w", studyID, err)
	}
	out := make([]persona.Edit, 0, len(rows))
	for _, r := range rows {
		var e persona.Edit
		if err := json.Unmarshal([]byte(r.Data), &e); err != nil {
			return nil, fmt.Errorf("store: edit %d: %w", r.ID, err)
		}
		e.ID = r.ID
		out = append(out, e)
	}
	return out, nil
}

// CreateTheme adds a theme (a split) and returns it with its id.
func (s *Store) CreateTheme(ctx context.Context, t persona.Theme) (persona.Theme, error) {
	if err := t.Validate(); err != nil {
		return t, fmt.Errorf("store: create theme: %w", err)
	}
	r := themeRow{StudyID: t.StudyID, Ring: string(t.Ring), Label: t.Label, Data: "{}"}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return t, fmt.Errorf("store: create theme: %w", err)
	}
	t.ID = r.ID
	return t, s.SaveTheme(ctx, t)
}

// DeleteTheme removes a theme (a merge) and clears its quotes' theme.
func (s *Store) DeleteTheme(ctx context.Context, id int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("UPDATE quotes SET theme_id = 0 WHERE theme_id = ?", id).Error; err != nil {
			return fmt.Errorf("store: delete theme %d: %w", id, err)
		}
		if err := tx.Delete(&themeRow{}, id).Error; err != nil {
			return fmt.Errorf("store: delete theme %d: %w", id, err)
		}
		return nil
	})
}

// SetQuotesTheme assigns quotes to a theme.
func (s *Store) SetQuotesTheme(ctx context.Context, ids []int64, themeID int64) error {
	for lo := 0; lo < len(ids); lo += 500 {
		batch := ids[lo:min(lo+500, len(ids))]
		if err := s.db.WithContext(ctx).Exec("UPDATE quotes SET theme_id = ? WHERE id IN ?", themeID, batch).Error; err != nil {
			return fmt.Errorf("store: set theme of quotes: %w", err)
		}
	}
	return nil
}

// SetQuoteHidden hides or shows a quote.
func (s *Store) SetQuoteHidden(ctx context.Context, id int64, hidden bool) error {
	res := s.db.WithContext(ctx).Model(&quoteRow{}).Where("id = ?", id).Update("hidden", hidden)
	if res.Error != nil {
		return fmt.Errorf("store: hide quote %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: hide quote %d: %w", id, persona.ErrNotFound)
	}
	return nil
}
