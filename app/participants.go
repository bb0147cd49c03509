package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// ParticipantEdit is a researcher's change to a participant; nil fields
// are left as they are.
type ParticipantEdit struct {
	Label      *string
	Attributes map[string]string
	// Role is "interviewer" or "buyer".
	Role *string
}

// Roles a participant can be given (ParticipantEdit.Role).
const (
	RoleInterviewer = "interviewer"
	RoleBuyer       = "buyer"
)

// EditParticipant applies a researcher's change to a participant and what
// follows from it: a new name or attributes re-index the study's quotes
// (search shows and filters by them); a new role re-derives the quotes of
// its source (SetRole) and schedules the study's analysis, whose groups
// depend on who the buyers are. It returns the participant as stored.
func (a *App) EditParticipant(ctx context.Context, id int64, e ParticipantEdit) (persona.Participant, error) {
	if e.Role != nil && *e.Role != RoleInterviewer && *e.Role != RoleBuyer {
		return persona.Participant{}, fmt.Errorf("participant %d: role must be %q or %q: %w", id, RoleInterviewer, RoleBuyer, persona.ErrInvalid)
	}
	p, err := a.store.Participant(ctx, id)
	if err != nil {
		return p, err
	}
	defer a.changed(p.StudyID, ChangeParticipants)
	if e.Label != nil || e.Attributes != nil {
		if e.Label != nil {
			l := strings.TrimSpace(*e.Label)
			if l == "" || len(l) > 200 {
				return p, fmt.Errorf("participant %d: label must be 1-200 characters: %w", id, persona.ErrInvalid)
			}
			p.Label = l
		}
		if e.Attributes != nil {
			p.Attributes = e.Attributes
		}
		if err := a.store.UpdateParticipant(ctx, p); err != nil {
			return p, err
		}
	}
	if e.Role != nil {
		if _, err := a.SetRole(ctx, id, *e.Role == RoleInterviewer); err != nil {
			return p, err
		}
		a.ScheduleAnalysis(p.StudyID)
	} else if err := a.ReindexStudy(ctx, p.StudyID); err != nil {
		return p, err
	}
	return a.store.Participant(ctx, id)
}
