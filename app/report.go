package app

import (
	"context"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/gaps"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Report is a study's analysis in the `analyze --json` shape, a contract
// other tools rely on.
type Report struct {
	Themes   []ReportTheme   `json:"themes"`
	Personas []ReportPersona `json:"personas"`
}

// ReportTheme is one theme in a Report.
type ReportTheme struct {
	ID           int64         `json:"id"`
	Label        string        `json:"label"`
	Headline     string        `json:"headline,omitempty"`
	Ring         persona.Ring  `json:"ring"`
	Participants int           `json:"participants"`
	Quotes       int           `json:"quotes"`
	TopQuotes    []ReportQuote `json:"top_quotes"`
	// Survey sizes an interview theme by the study's survey (absent when
	// no interviewee raised it or the study has no survey).
	Survey *gaps.ThemeSize `json:"survey,omitempty"`
}

// ReportQuote is a supporting quote in a Report.
type ReportQuote struct {
	ID          int64  `json:"id"`
	Text        string `json:"text"`
	Participant string `json:"participant"`
	Source      string `json:"source"`
}

// ReportPersona is one persona in a Report.
type ReportPersona struct {
	ID           int64                    `json:"id"`
	Name         string                   `json:"name"`
	Size         int                      `json:"size"`
	Participants []ReportParticipant      `json:"participants"`
	Rings        map[persona.Ring][]int64 `json:"rings"`
	// StatedRoles are the roles members state about themselves, as the
	// persona page shows them (most stated first, each with one quote per
	// member saying it).
	StatedRoles []ReportRole `json:"stated_roles"`
}

// ReportRole is a role some persona members state, with their quotes.
type ReportRole struct {
	Role   string        `json:"role"`
	N      int           `json:"n"`
	Of     int           `json:"of"`
	Quotes []ReportQuote `json:"quotes"`
}

// ReportParticipant names a persona member and the file they came from.
type ReportParticipant struct {
	Label  string `json:"label"`
	Source string `json:"source"`
}

// Report builds the report of a study's stored analysis.
func (a *App) Report(ctx context.Context, studyID int64) (Report, error) {
	rep := Report{Themes: []ReportTheme{}, Personas: []ReportPersona{}}
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return rep, err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return rep, err
	}
	srcName := map[int64]string{}
	for _, s := range srcs {
		srcName[s.ID] = s.Name
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
	if err != nil {
		return rep, err
	}
	byID := map[int64]persona.Participant{}
	labels := map[int64]string{}
	for _, p := range parts {
		byID[p.ID], labels[p.ID] = p, p.Label
	}
	sizing, err := a.SurveySizing(ctx, studyID)
	if err != nil {
		return rep, err
	}
	for _, t := range themes {
		rt := ReportTheme{ID: t.ID, Label: t.Label, Headline: t.Headline, Ring: t.Ring, Participants: t.Participants, Quotes: t.Quotes, TopQuotes: []ReportQuote{}}
		quotes, err := a.store.QuotesByID(ctx, t.TopQuoteIDs)
		if err != nil {
			return rep, err
		}
		for _, q := range quotes {
			rt.TopQuotes = append(rt.TopQuotes, ReportQuote{ID: q.ID, Text: q.Text, Participant: byID[q.ParticipantID].Label, Source: srcName[q.SourceID]})
		}
		if sz, ok := sizing[t.ID]; ok {
			rt.Survey = &sz
		}
		rep.Themes = append(rep.Themes, rt)
	}
	personas, err := a.store.Personas(ctx, studyID)
	if err != nil {
		return rep, err
	}
	for _, p := range personas {
		rp := ReportPersona{ID: p.ID, Name: p.Name, Size: p.Size, Participants: []ReportParticipant{}, Rings: map[persona.Ring][]int64{}}
		for _, r := range persona.Rings {
			rp.Rings[r] = append([]int64{}, p.Rings[r]...)
		}
		for _, id := range p.ParticipantIDs {
			pp := byID[id]
			rp.Participants = append(rp.Participants, ReportParticipant{Label: pp.Label, Source: srcName[pp.SourceID]})
		}
		if rp.StatedRoles, err = a.reportRoles(ctx, p, labels); err != nil {
			return rep, err
		}
		rep.Personas = append(rep.Personas, rp)
	}
	return rep, nil
}

// reportRoles are a persona's stated roles as its page shows them.
func (a *App) reportRoles(ctx context.Context, p persona.Profile, labels map[int64]string) ([]ReportRole, error) {
	out := []ReportRole{}
	if len(p.Roles) == 0 {
		return out, nil
	}
	srcs, err := a.sourceMap(ctx, p.StudyID)
	if err != nil {
		return out, err
	}
	_, shown, err := a.statedRoles(ctx, p, labels, srcs)
	if err != nil {
		return out, err
	}
	for _, r := range shown {
		rr := ReportRole{Role: r.Role, N: r.N, Of: r.Of, Quotes: make([]ReportQuote, 0, len(r.Quotes))}
		for _, q := range r.Quotes {
			rr.Quotes = append(rr.Quotes, ReportQuote{ID: q.ID, Text: q.Text, Participant: q.Participant, Source: q.Source})
		}
		out = append(out, rr)
	}
	return out, nil
}
