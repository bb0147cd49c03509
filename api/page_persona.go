package api

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

// ringBlurbs say what each ring captures, in the reader's words.
var ringBlurbs = map[persona.Ring]string{
	persona.RingPriority: "Why they act now instead of living with the status quo.",
	persona.RingSuccess:  "The results they expect, in their own terms.",
	persona.RingBarriers: "What makes them doubt a solution or a vendor — the objections sales meets.",
	persona.RingJourney:  "How the decision unfolded: steps, people, sources they trusted.",
	persona.RingCriteria: "What they compared the options on.",
}

func (s *Server) buyerCount(ctx context.Context, studyID int64) (int, error) {
	return s.app.BuyerPeople(ctx, studyID)
}

func (s *Server) personasPage(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	personas, err := s.app.Personas(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	themes, err := s.app.Themes(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	label := map[int64]string{}
	for _, t := range themes {
		label[t.ID] = t.Label
	}
	v := frontend.Personas{Base: s.base(c, "Personas · "+st.Name, "personas"), StudyName: st.Name}
	v.StudyID = st.ID
	if v.Buyers, err = s.buyerCount(c.Request.Context(), st.ID); err != nil {
		return err
	}
	for _, p := range personas {
		card := frontend.PersonaCard{ID: p.ID, Name: p.Name, Size: p.Size, Of: v.Buyers}
		for _, d := range profile(p, 1) {
			if len(card.Traits) == 3 {
				break
			}
			sh := d.Values[0]
			sh.Key = d.Name
			card.Traits = append(card.Traits, sh)
		}
		for _, id := range p.Rings[persona.RingPriority] {
			if l, ok := label[id]; ok && len(card.TopThemes) < 2 {
				card.TopThemes = append(card.TopThemes, l)
			}
		}
		v.Cards = append(v.Cards, card)
	}
	return s.render(c, http.StatusOK, "personas", v)
}

// profile is a persona's attribute distributions, up to n values each,
// most telling attribute first; free-text-like attributes (a value per
// person, such as a timestamp) are left out.
func profile(p persona.Profile, n int) []frontend.AttrDist {
	var out []frontend.AttrDist
	top := map[string]int{}
	for name, counts := range p.Attributes {
		if len(counts) == 0 || len(counts) > 12 && len(counts)*2 > p.Size {
			continue
		}
		d := frontend.AttrDist{Name: name}
		for _, cnt := range counts[:min(n, len(counts))] {
			d.Values = append(d.Values, frontend.Share{Label: cnt.Value, N: cnt.N, Of: p.Size, Pct: pct(cnt.N, p.Size)})
		}
		top[name] = counts[0].N
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if top[out[i].Name] != top[out[j].Name] {
			return top[out[i].Name] > top[out[j].Name]
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func pct(n, of int) int {
	if of <= 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

func (s *Server) personaPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	page, err := s.app.PersonaPage(c.Request.Context(), id)
	if err != nil {
		return err
	}
	p := page.Persona
	v := frontend.PersonaPage{Base: s.base(c, p.Name, "personas"), ID: p.ID, StudyName: page.Study.Name,
		Name: p.Name, Notes: p.Notes, Size: p.Size, Profile: profile(p, 4)}
	v.StudyID = p.StudyID
	if v.Of, err = s.buyerCount(c.Request.Context(), p.StudyID); err != nil {
		return err
	}
	for _, r := range page.Roles {
		rv := frontend.RoleView{Role: r.Role, N: r.N, Of: r.Of, Pct: pct(r.N, r.Of)}
		for _, q := range r.Quotes {
			rv.Quotes = append(rv.Quotes, quoteView(q))
		}
		// A role one buyer states is that buyer's, not the persona's: such
		// roles share one line, so a persona of hundreds is not a column of
		// "1 of 1,250".
		if r.N > 1 {
			v.Roles = append(v.Roles, rv)
		} else {
			v.OneRoleEach = append(v.OneRoleEach, rv)
		}
	}
	for _, r := range page.Rings {
		rv := frontend.RingView{Ring: string(r.Ring), Title: r.Title, Blurb: ringBlurbs[r.Ring]}
		for _, t := range r.Themes {
			tv := frontend.ThemeView{ID: t.Theme.ID, Label: t.Theme.Label, Headline: t.Theme.Headline, Raised: t.Raised, Of: t.Of, Pct: pct(t.Raised, t.Of), Count: t.Theme.Quotes}
			if t.Survey != nil {
				tv.Survey, tv.SurveyRange = figureText(t.Survey), figureRange(t.Survey)
			}
			for _, q := range t.Quotes {
				tv.Quotes = append(tv.Quotes, quoteView(q))
			}
			rv.Themes = append(rv.Themes, tv)
		}
		v.Rings = append(v.Rings, rv)
	}
	for _, d := range page.Distinct {
		lift := strconv.FormatFloat(d.Lift, 'f', 1, 64)
		if d.Rest == 0 {
			lift = "only them" // no other buyer: a ratio over zero means nothing
		}
		v.Distinct = append(v.Distinct, frontend.LiftView{Label: strings.Replace(d.Label, "?: ", "? ", 1), Share: int(d.Share*100 + 0.5),
			Rest: int(d.Rest*100 + 0.5), Lift: lift})
	}
	for _, m := range page.Participants {
		files := m.Source
		for _, f := range m.Also {
			files += ", " + f.Source
		}
		v.Members = append(v.Members, frontend.KV{Key: m.Label, Value: files})
	}
	if v.News, err = s.personaNews(c.Request.Context(), p.ID); err != nil {
		return err
	}
	if v.WinLoss, err = s.winLossView(c.Request.Context(), p.ID, c.Query("outcome")); err != nil {
		return err
	}
	groups, err := s.app.PersonaAnswers(c.Request.Context(), p.ID)
	if err != nil {
		return err
	}
	for _, g := range groups {
		v.Answers = append(v.Answers, frontend.PersonaAnswerGroup{ThemeID: g.ThemeID, Label: g.Label, Answers: answerViews(c, g.Answers)})
	}
	if v.Codes, err = s.personaCodeViews(c, p.ID); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "persona", v)
}

func quoteView(q app.QuoteRef) frontend.QuoteView {
	return frontend.QuoteView{ID: q.ID, SourceID: q.SourceID, Text: q.Text, Participant: q.Participant, Source: q.Source, Position: q.Position}
}
