package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
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
// participant (the prospect) whose words become searchable quotes and flow
// into the next analysis.
func (a *App) AddNote(ctx context.Context, n Note) (FileResult, error) {
	n.Text, n.Account, n.Role = strings.TrimSpace(n.Text), strings.TrimSpace(n.Account), strings.TrimSpace(n.Role)
	switch {
	case n.Text == "" || len(n.Text) > 20000:
		return FileResult{}, fmt.Errorf("note: text must be 1-20,000 characters: %w", persona.ErrInvalid)
	case n.Account == "" || len(n.Account) > 200 || len(n.Role) > 200 || len(n.DealStage) > 100:
		return FileResult{}, fmt.Errorf("note: account is required (up to 200 characters): %w", persona.ErrInvalid)
	}
	if _, err := a.Store.Study(ctx, n.StudyID); err != nil {
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
	src, err := a.Store.Import(ctx, n.StudyID, imp)
	if err != nil {
		return FileResult{}, err
	}
	if err := a.indexSource(ctx, src); err != nil {
		return FileResult{}, err
	}
	return FileResult{Path: src.Name, Status: StatusOK, Format: "note", SourceID: src.ID, Participants: 1,
		Turns: 1, Quotes: len(imp.Quotes), Warnings: []string{}}, nil
}
