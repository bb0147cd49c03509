package app

import (
	"context"
	"fmt"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// Actor is the user acting: who writes a field answer or owns a tracker.
type Actor struct {
	ID   int64
	Name string
	// Admin may delete anyone's answer; others only their own.
	Admin bool
}

// AddAnswer attaches what a rep answered to an objection theme.
func (a *App) AddAnswer(ctx context.Context, themeID int64, text, context string, by Actor) (persona.FieldAnswer, error) {
	text, context, err := persona.CleanAnswer(text, context)
	if err != nil {
		return persona.FieldAnswer{}, err
	}
	t, err := a.store.Theme(ctx, themeID)
	if err != nil {
		return persona.FieldAnswer{}, err
	}
	defer a.changed(t.StudyID, ChangeAnswers)
	return a.store.AddAnswer(ctx, persona.FieldAnswer{StudyID: t.StudyID, ThemeID: t.ID, ThemeLabel: t.Label, Text: text,
		Context: context, UserID: by.ID, By: by.Name, CreatedAt: time.Now().UTC()})
}

// ThemeAnswers lists a theme's field answers, newest first.
func (a *App) ThemeAnswers(ctx context.Context, themeID int64) ([]persona.FieldAnswer, error) {
	if _, err := a.store.Theme(ctx, themeID); err != nil {
		return nil, err
	}
	return a.store.Answers(ctx, []int64{themeID})
}

// DeleteAnswer deletes a field answer: its author's, or any for an admin.
func (a *App) DeleteAnswer(ctx context.Context, id int64, by Actor) (persona.FieldAnswer, error) {
	ans, err := a.store.Answer(ctx, id)
	if err != nil {
		return ans, err
	}
	if !by.Admin && ans.UserID != by.ID {
		return ans, fmt.Errorf("answer %d was written by someone else: %w", id, persona.ErrForbidden)
	}
	defer a.changed(ans.StudyID, ChangeAnswers)
	return ans, a.store.DeleteAnswer(ctx, id)
}

// PersonaAnswers are the field answers to a persona's perceived-barrier
// themes, per theme in the persona page's order.
type PersonaAnswers struct {
	ThemeID int64                 `json:"theme_id"`
	Label   string                `json:"label"`
	Answers []persona.FieldAnswer `json:"answers"`
}

// PersonaAnswers lists the answers to the persona's objections: its
// perceived-barrier themes on the persona page.
func (a *App) PersonaAnswers(ctx context.Context, personaID int64) ([]PersonaAnswers, error) {
	p, err := a.store.Persona(ctx, personaID)
	if err != nil {
		return nil, err
	}
	ids := p.Rings[persona.RingBarriers]
	all, err := a.store.Answers(ctx, ids)
	if err != nil {
		return nil, err
	}
	by := map[int64][]persona.FieldAnswer{}
	for _, x := range all {
		by[x.ThemeID] = append(by[x.ThemeID], x)
	}
	out := []PersonaAnswers{}
	for _, id := range ids {
		if len(by[id]) == 0 {
			continue
		}
		label := by[id][0].ThemeLabel
		if t, err := a.cachedTheme(ctx, id); err == nil {
			label = t.Label
		}
		out = append(out, PersonaAnswers{ThemeID: id, Label: label, Answers: by[id]})
	}
	return out, nil
}
