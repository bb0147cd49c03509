package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// barrierTheme is a perceived-barrier theme on a persona's page.
func barrierTheme(t *testing.T, a *App, st persona.Study) (persona.Profile, int64) {
	t.Helper()
	personas, err := a.store.Personas(context.Background(), st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range personas {
		if ids := p.Rings[persona.RingBarriers]; len(ids) > 0 {
			return p, ids[0]
		}
	}
	t.Fatal("no demo persona has a perceived barrier")
	return persona.Profile{}, 0
}

func TestFieldAnswersOnThemesAndPersonas(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	p, theme := barrierTheme(t, a, st)
	sam, kim, admin := Actor{ID: 1, Name: "sam"}, Actor{ID: 2, Name: "kim"}, Actor{ID: 3, Name: "root", Admin: true}

	first, err := a.AddAnswer(ctx, theme, "  I showed the per-seat maths against two hires.  ", " CFO,   pricing call ", sam)
	if err != nil {
		t.Fatal(err)
	}
	if first.Text != "I showed the per-seat maths against two hires." || first.Context != "CFO, pricing call" || first.By != "sam" || first.StudyID != st.ID {
		t.Errorf("stored %+v", first)
	}
	second, err := a.AddAnswer(ctx, theme, "Offered a paid pilot.", "", kim)
	if err != nil {
		t.Fatal(err)
	}
	list, err := a.ThemeAnswers(ctx, theme)
	if err != nil || len(list) != 2 || list[0].ID != second.ID {
		t.Fatalf("answers %+v (%v); want both, newest first", list, err)
	}
	groups, err := a.PersonaAnswers(ctx, p.ID)
	if err != nil || len(groups) != 1 || groups[0].ThemeID != theme || len(groups[0].Answers) != 2 {
		t.Fatalf("persona answers %+v (%v)", groups, err)
	}

	bad := []struct {
		name, text, context string
		theme               int64
		err                 error
	}{
		{"empty", "   ", "", theme, persona.ErrInvalid},
		{"too long", strings.Repeat("x", persona.MaxAnswerText+1), "", theme, persona.ErrInvalid},
		{"long context", "ok", strings.Repeat("y", persona.MaxAnswerContext+1), theme, persona.ErrInvalid},
		{"no theme", "ok", "", 999999, persona.ErrNotFound},
	}
	for _, c := range bad {
		if _, err := a.AddAnswer(ctx, c.theme, c.text, c.context, sam); !errors.Is(err, c.err) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.err)
		}
	}
	if _, err := a.DeleteAnswer(ctx, first.ID, kim); !errors.Is(err, persona.ErrForbidden) {
		t.Errorf("kim deletes sam's answer: %v, want forbidden", err)
	}
	if _, err := a.DeleteAnswer(ctx, first.ID, sam); err != nil {
		t.Errorf("sam deletes his answer: %v", err)
	}
	if _, err := a.DeleteAnswer(ctx, second.ID, admin); err != nil {
		t.Errorf("an admin deletes kim's answer: %v", err)
	}
	if list, _ := a.ThemeAnswers(ctx, theme); len(list) != 0 {
		t.Errorf("%d answers left", len(list))
	}
}

// A re-analysis keeps theme ids (store.SaveAnalysis matches themes), so
// the answers stay on their objection.
func TestFieldAnswersSurviveReanalysis(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	_, theme := barrierTheme(t, a, st)
	if _, err := a.AddAnswer(ctx, theme, "Offered a paid pilot.", "", Actor{ID: 1, Name: "sam"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		t.Fatal(err)
	}
	if list, err := a.ThemeAnswers(ctx, theme); err != nil || len(list) != 1 {
		t.Fatalf("after re-analysis: %d answers, %v", len(list), err)
	}
}
