package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// Note is what a sales rep heard a prospect say on a call.
type Note struct {
	StudyID   int64  `json:"study_id"`
	Text      string `json:"text"`
	Account   string `json:"account"`
	Role      string `json:"role"`
	DealStage string `json:"deal_stage"`
	// By is the rep who posted it (set by the server).
	By string `json:"-"`
}

// AddNote stores a field note as a source of kind note with one
// participant (the prospect) whose words become searchable quotes. Each
// quote is put in a ring by the current ring model and in the nearest
// theme of that ring as it is posted, and indexed with them; the next
// analysis may move it.
func (a *App) AddNote(ctx context.Context, n Note) (FileResult, error) {
	n.Text, n.Account, n.Role = strings.TrimSpace(n.Text), strings.TrimSpace(n.Account), strings.TrimSpace(n.Role)
	switch {
	case n.StudyID == 0:
		return FileResult{}, fmt.Errorf("note: choose the study it belongs to (study_id): %w", persona.ErrInvalid)
	case n.Text == "" || len(n.Text) > 20000:
		return FileResult{}, fmt.Errorf("note: text must be 1-20,000 characters: %w", persona.ErrInvalid)
	case n.Account == "" || len(n.Account) > 200 || len(n.Role) > 200 || len(n.DealStage) > 100:
		return FileResult{}, fmt.Errorf("note: account is required (up to 200 characters): %w", persona.ErrInvalid)
	}
	if _, err := a.Study(ctx, n.StudyID); err != nil {
		return FileResult{}, err
	}
	now := time.Now().UTC()
	label := n.Account
	if n.Role != "" {
		label = n.Role + " at " + n.Account
	}
	attrs := map[string]string{"Account": n.Account, "Role": n.Role, "Deal stage": n.DealStage, "Reported by": n.By}
	for k, v := range attrs {
		if strings.TrimSpace(v) == "" {
			delete(attrs, k)
		}
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{n.Account, n.Role, n.DealStage, n.Text}, "\x00")))
	imp := &persona.Import{
		Source: persona.Source{Kind: persona.KindNote, Name: fmt.Sprintf("Field note: %s, %s", n.Account, now.Format("2006-01-02")),
			Format: "note", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(n.Text)), ImportedAt: now},
		Participants: []persona.Participant{{Label: label, Attributes: attrs}},
		Turns:        []persona.Turn{{ParticipantID: 0, Speaker: label, StartMS: -1, EndMS: -1, Text: n.Text, Line: 1}},
	}
	question := "Field note"
	if n.DealStage != "" {
		question += " (" + n.DealStage + ")"
	}
	imp.Quotes = persona.ExtractQuotes(a.Lang, []persona.Speech{{Turn: 0, Text: n.Text, Question: question, StartMS: -1, EndMS: -1}})
	for i := range imp.Quotes {
		imp.Quotes[i].Kind, imp.Quotes[i].Line = persona.KindNote, 1
	}
	src, err := a.store.Import(ctx, n.StudyID, imp)
	if err != nil {
		return FileResult{}, err
	}
	if err := a.labelNote(ctx, n.StudyID, imp.Quotes); err != nil {
		return FileResult{}, err
	}
	if err := a.indexSource(ctx, src); err != nil {
		return FileResult{}, err
	}
	return FileResult{Path: src.Name, Status: StatusOK, Format: "note", SourceID: src.ID, Participants: 1,
		Turns: 1, Quotes: len(imp.Quotes), Warnings: []string{}}, nil
}

// noteThemes serialises adding notes to themes: each is a read, change and
// write of the theme's member list.
var noteThemes sync.Mutex

// labelNote classifies a note's stored quotes into rings with the current
// model and adds each to the nearest theme of its ring in the study.
func (a *App) labelNote(ctx context.Context, studyID int64, quotes []persona.Quote) error {
	noteThemes.Lock()
	defer noteThemes.Unlock()
	rc, err := analysis.NewRingClassifier(nil)
	if err != nil {
		return fmt.Errorf("note: ring model: %w", err)
	}
	for _, q := range quotes {
		ring, conf := rc.Classify(q.Tokens, q.Question)
		t, ok, err := a.nearestTheme(ctx, studyID, ring, q.Text)
		if err != nil {
			return err
		}
		var themeID int64
		if ok {
			themeID = t.ID
			t.QuoteIDs = append(append([]int64{}, t.QuoteIDs...), q.ID)
			t.Quotes, t.Participants, t.Sources = t.Quotes+1, t.Participants+1, t.Sources+1
			if err := a.store.SaveTheme(ctx, t); err != nil {
				return err
			}
		}
		if err := a.store.SetQuoteLabel(ctx, q.ID, ring, conf, themeID); err != nil {
			return err
		}
	}
	return nil
}
