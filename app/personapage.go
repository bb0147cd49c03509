package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/store"
)

// PersonaPage is everything a persona page shows: who they are, the five
// rings with their top themes ("raised by n of m") and supporting quotes
// linked to their source, and what distinguishes them.
type PersonaPage struct {
	Persona      persona.Profile `json:"persona"`
	Study        persona.Study   `json:"study"`
	Rings        []RingSection   `json:"rings"`
	Distinct     []Distinction   `json:"distinct"`
	Participants []Member        `json:"participants"`
	// Roles are the roles members state about themselves, each with
	// the quotes saying it: who they are in their own words.
	Roles []StatedRole `json:"stated_roles"`
}

// StatedRole is a role n of a persona's members state, with their quotes.
type StatedRole struct {
	Role   string     `json:"role"`
	N      int        `json:"n"`
	Of     int        `json:"of"`
	Quotes []QuoteRef `json:"quotes"`
}

// RingSection is one ring of a persona.
type RingSection struct {
	Ring   persona.Ring   `json:"ring"`
	Title  string         `json:"title"`
	Themes []PersonaTheme `json:"themes"`
}

// PersonaTheme is a theme as one persona raises it.
type PersonaTheme struct {
	Theme  persona.Theme `json:"theme"`
	Raised int           `json:"raised"` // persona members who raised it
	Of     int           `json:"of"`     // persona size
	Quotes []QuoteRef    `json:"quotes"`
	// Survey sizes the theme by the study's survey, when it has one.
	Survey *SurveyFigure `json:"survey,omitempty"`
}

// QuoteRef is a supporting quote with its attribution and link target.
type QuoteRef struct {
	ID          int64  `json:"id"`
	Text        string `json:"text"`
	Participant string `json:"participant"`
	Source      string `json:"source"`
	SourceID    int64  `json:"source_id"`
	Position    string `json:"position"`
}

// Distinction is a theme or attribute value with high lift.
type Distinction struct {
	Label string  `json:"label"`
	Share float64 `json:"share"`
	Rest  float64 `json:"rest"`
	Lift  float64 `json:"lift"`
}

// Member is a persona member and the file they came from: what a reader
// of the page needs, without what the page already says (study, persona)
// or what is the same for every member (members are buyers). Persona pages
// are the most requested JSON, so every byte of a member counts (a
// 170-member page is ~20% smaller than with the whole participant).
//
// A person the study's speakers setting joins across files (the Project
// Manager of four meetings) is one member: the row of their first file,
// with Also the rows of the others, so the list has one line per person
// as "n buyers" counts them.
type Member struct {
	ID         int64             `json:"id"`
	Label      string            `json:"label"`
	SourceID   int64             `json:"source_id"`
	Source     string            `json:"source"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Also       []MemberFile      `json:"also,omitempty"`
}

// MemberFile is a person's row in another file.
type MemberFile struct {
	ID       int64  `json:"id"`
	SourceID int64  `json:"source_id"`
	Source   string `json:"source"`
}

// personMembers lists the persona's members one per person: the files'
// rows of a person the speakers setting joins go into one Member.
func personMembers(parts []persona.Participant, members map[int64]bool, srcs map[int64]persona.Source, mode persona.SpeakerIdentity) []Member {
	kinds := make(map[int64]persona.Kind, len(srcs))
	for id, s := range srcs {
		kinds[id] = s.Kind
	}
	to := persona.SamePerson(parts, kinds, mode)
	out := []Member{}
	at := map[int64]int{} // standing participant -> index in out
	for _, x := range parts {
		if !members[x.ID] {
			continue
		}
		head, ok := to[x.ID]
		if !ok {
			head = x.ID
		}
		if i, ok := at[head]; ok {
			out[i].Also = append(out[i].Also, MemberFile{ID: x.ID, SourceID: x.SourceID, Source: srcs[x.SourceID].Name})
			continue
		}
		at[head] = len(out)
		out = append(out, Member{ID: x.ID, Label: x.Label, SourceID: x.SourceID, Source: srcs[x.SourceID].Name, Attributes: x.Attributes})
	}
	return out
}

// PersonaPage assembles a persona's page.
func (a *App) PersonaPage(ctx context.Context, id int64) (PersonaPage, error) {
	p, err := a.store.Persona(ctx, id)
	if err != nil {
		return PersonaPage{}, err
	}
	page := PersonaPage{Persona: p, Rings: []RingSection{}, Distinct: []Distinction{}, Participants: []Member{}, Roles: []StatedRole{}}
	if page.Study, err = a.store.Study(ctx, p.StudyID); err != nil {
		return page, err
	}
	members := map[int64]bool{}
	for _, pid := range p.ParticipantIDs {
		members[pid] = true
	}
	srcs, err := a.sourceMap(ctx, p.StudyID)
	if err != nil {
		return page, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: p.StudyID})
	if err != nil {
		return page, err
	}
	labels := map[int64]string{}
	for _, x := range parts {
		labels[x.ID] = x.Label
	}
	page.Participants = personMembers(parts, members, srcs, page.Study.Speakers)
	sizing, err := a.SurveySizing(ctx, p.StudyID)
	if err != nil {
		return page, err
	}
	themeLabel := map[int64]string{}
	for _, ring := range persona.Rings {
		sec := RingSection{Ring: ring, Title: ring.Title(), Themes: []PersonaTheme{}}
		for _, tid := range p.Rings[ring] {
			t, err := a.cachedTheme(ctx, tid)
			if err != nil {
				continue
			}
			themeLabel[t.ID] = t.Label
			quotes, err := a.supportingQuotes(ctx, t, members, labels, srcs, 3)
			if err != nil {
				return page, err
			}
			t.QuoteIDs = nil // can be long; the page shows counts and quotes
			pt := PersonaTheme{Theme: t, Raised: p.ThemeCounts[t.ID], Of: p.Size, Quotes: quotes}
			if sz, ok := sizing[t.ID]; ok {
				pt.Survey = Figure(sz)
			}
			sec.Themes = append(sec.Themes, pt)
		}
		page.Rings = append(page.Rings, sec)
	}
	for _, d := range p.Distinct {
		label := fmt.Sprintf("%s: %s", d.Attribute, d.Value)
		if d.ThemeID != 0 {
			if l, ok := themeLabel[d.ThemeID]; ok {
				label = l
			} else if t, err := a.store.Theme(ctx, d.ThemeID); err == nil {
				label = t.Label
			}
		}
		page.Distinct = append(page.Distinct, Distinction{Label: label, Share: d.Share, Rest: d.Rest, Lift: d.Lift})
	}
	if page.Persona.Roles, page.Roles, err = a.statedRoles(ctx, p, labels, srcs); err != nil {
		return page, err
	}
	return page, nil
}

// statedRoles are the persona's stated roles with their quotes, as
// shownRoles tells them.
func (a *App) statedRoles(ctx context.Context, p persona.Profile, labels map[int64]string, srcs map[int64]persona.Source) ([]persona.StatedRole, []StatedRole, error) {
	byID, err := a.roleQuotes(ctx, []persona.Profile{p})
	if err != nil {
		return nil, nil, fmt.Errorf("app: stated roles of persona %d: %w", p.ID, err)
	}
	shown := shownRoles(p, byID)
	out := make([]StatedRole, 0, len(shown))
	for _, r := range shown {
		sr := StatedRole{Role: r.Role, N: r.N, Of: p.Size, Quotes: make([]QuoteRef, 0, len(r.QuoteIDs))}
		for _, id := range r.QuoteIDs {
			q := byID[id]
			src := srcs[q.SourceID]
			sr.Quotes = append(sr.Quotes, QuoteRef{ID: q.ID, Text: q.Text, Participant: labels[q.ParticipantID], Source: src.Name, SourceID: src.ID, Position: Position(q, src)})
		}
		out = append(out, sr)
	}
	return shown, out, nil
}

// roleQuotes loads the quotes of the profiles' stated roles, by id.
func (a *App) roleQuotes(ctx context.Context, ps []persona.Profile) (map[int64]persona.Quote, error) {
	var ids []int64
	for _, p := range ps {
		for _, r := range p.Roles {
			ids = append(ids, r.QuoteIDs...)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	quotes, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return quotesByID(quotes), nil
}

// shownRoles are the persona's stated roles as they may be shown now:
// leaving out a quote hidden or erased since the analysis (and a role
// none of whose quotes may still be shown), each role told anew from the
// quote's text as stored now. A redaction pass rewrites the quotes but
// not the analysis's roles until the next analysis, and a role told from
// the original text may hold what it removed ("an Initech engineer").
func shownRoles(p persona.Profile, byID map[int64]persona.Quote) []persona.StatedRole {
	out := []persona.StatedRole{}
	at := map[string]int{}
	for _, r := range p.Roles {
		for _, id := range r.QuoteIDs {
			q, ok := byID[id]
			if !ok || q.Hidden || q.StudyID != p.StudyID {
				continue
			}
			role, ok := analysis.StatedRole(q.Text)
			if !ok {
				continue
			}
			i, seen := at[role]
			if !seen {
				i = len(out)
				at[role] = i
				out = append(out, persona.StatedRole{Role: role})
			}
			out[i].QuoteIDs = append(out[i].QuoteIDs, q.ID)
			out[i].N++
		}
	}
	slices.SortStableFunc(out, func(a, b persona.StatedRole) int { return cmp.Compare(b.N, a.N) })
	return out
}

// withShownRoles replaces each profile's stated roles by those that may
// be shown now (shownRoles): the analysis's may name what a hidden quote
// or a redaction since says.
func (a *App) withShownRoles(ctx context.Context, ps []persona.Profile) error {
	byID, err := a.roleQuotes(ctx, ps)
	if err != nil {
		return fmt.Errorf("app: stated roles: %w", err)
	}
	for i := range ps {
		if len(ps[i].Roles) > 0 {
			ps[i].Roles = shownRoles(ps[i], byID)
		}
	}
	return nil
}

func (a *App) sourceMap(ctx context.Context, studyID int64) (map[int64]persona.Source, error) {
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]persona.Source, len(srcs))
	for _, s := range srcs {
		m[s.ID] = s
	}
	return m, nil
}

// supportingQuotes picks up to n of a theme's quotes said by the persona's
// members: the theme's representatives first, then its other quotes that
// may be shown as representative (quote_show.go), one per participant.
func (a *App) supportingQuotes(ctx context.Context, t persona.Theme, members map[int64]bool, labels map[int64]string, srcs map[int64]persona.Source, n int) ([]QuoteRef, error) {
	ids := append(append([]int64{}, t.TopQuoteIDs...), t.QuoteIDs...)
	if len(ids) > 400 {
		ids = ids[:400]
	}
	quotes, err := a.store.QuotesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []QuoteRef{}
	seen := map[int64]bool{}
	top := map[int64]bool{}
	for _, id := range t.TopQuoteIDs {
		top[id] = true
	}
	for _, q := range quotes {
		if len(out) == n {
			break
		}
		if q.Hidden || seen[q.ParticipantID] || (len(members) > 0 && !members[q.ParticipantID]) || !top[q.ID] && !a.quotable(q) {
			continue
		}
		seen[q.ParticipantID] = true
		src := srcs[q.SourceID]
		out = append(out, QuoteRef{ID: q.ID, Text: q.Text, Participant: labels[q.ParticipantID], Source: src.Name, SourceID: src.ID, Position: Position(q, src)})
	}
	return out, nil
}

// ThemePage is a theme with its quotes.
type ThemePage struct {
	Theme  persona.Theme `json:"theme"`
	Top    []QuoteRef    `json:"top_quotes"`
	Quotes []QuoteRef    `json:"quotes"`
}

// ThemePage assembles a theme with its representatives and up to limit of
// its quotes.
func (a *App) ThemePage(ctx context.Context, id int64, limit int) (ThemePage, error) {
	t, err := a.store.Theme(ctx, id)
	if err != nil {
		return ThemePage{}, err
	}
	srcs, err := a.sourceMap(ctx, t.StudyID)
	if err != nil {
		return ThemePage{}, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: t.StudyID})
	if err != nil {
		return ThemePage{}, err
	}
	labels := map[int64]string{}
	for _, x := range parts {
		labels[x.ID] = x.Label
	}
	page := ThemePage{Theme: t}
	refs := func(ids []int64) ([]QuoteRef, error) {
		qs, err := a.store.QuotesByID(ctx, ids)
		out := []QuoteRef{}
		for _, q := range qs {
			src := srcs[q.SourceID]
			out = append(out, QuoteRef{ID: q.ID, Text: q.Text, Participant: labels[q.ParticipantID], Source: src.Name, SourceID: src.ID, Position: Position(q, src)})
		}
		return out, err
	}
	if page.Top, err = refs(t.TopQuoteIDs); err != nil {
		return page, err
	}
	ids := t.QuoteIDs
	if len(ids) > limit {
		ids = ids[:limit]
	}
	page.Quotes, err = refs(ids)
	return page, err
}
