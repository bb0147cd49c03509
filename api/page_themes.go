package api

import (
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// themeQuotesShown is how many quotes each theme shows for editing.
const themeQuotesShown = 5

func (s *Server) themesPage(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	themes, err := s.app.Store.Themes(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	quotes, err := s.quotesByID(c, st.ID)
	if err != nil {
		return err
	}
	srcs, err := s.app.Store.Sources(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	srcByID := map[int64]persona.Source{}
	for _, src := range srcs {
		srcByID[src.ID] = src
	}
	parts, err := s.app.Store.Participants(c.Request.Context(), store.ParticipantFilter{StudyID: st.ID})
	if err != nil {
		return err
	}
	labels := map[int64]string{}
	for _, p := range parts {
		labels[p.ID] = p.Label
	}
	v := frontend.ThemesPage{Base: s.base(c, "Themes · "+st.Name, "themes"), StudyName: st.Name}
	v.StudyID = st.ID
	v.RingOpts = append(v.RingOpts, frontend.Option{Value: "", Label: "No ring"})
	byRing := map[persona.Ring][]frontend.ThemeRow{}
	sort.SliceStable(themes, func(i, j int) bool { return themes[i].Participants > themes[j].Participants })
	for _, t := range themes {
		row := frontend.ThemeRow{ID: t.ID, Label: t.Label, Headline: t.Headline, Ring: string(t.Ring), Quotes: t.Quotes, Participants: t.Participants,
			Of: t.Of, Sources: t.Sources, Coverage: pct(t.Participants, t.Of), Recurring: t.Recurring}
		top := map[int64]bool{}
		for _, id := range t.TopQuoteIDs {
			top[id] = true
		}
		for _, id := range append(append([]int64{}, t.TopQuoteIDs...), t.QuoteIDs...) {
			q, ok := quotes[id]
			if !ok || len(row.Items) == themeQuotesShown {
				continue
			}
			delete(quotes, id) // once per theme
			src := srcByID[q.SourceID]
			row.Items = append(row.Items, frontend.ThemeQuote{QuoteView: frontend.QuoteView{ID: q.ID, SourceID: q.SourceID,
				Text: q.Text, Participant: labels[q.ParticipantID], Source: src.Name, Position: app.Position(q, src)},
				Ring: string(q.Ring), Hidden: q.Hidden, Top: top[q.ID]})
		}
		row.More = max(0, t.Quotes-len(row.Items))
		byRing[t.Ring] = append(byRing[t.Ring], row)
	}
	for _, r := range persona.Rings {
		v.RingOpts = append(v.RingOpts, frontend.Option{Value: string(r), Label: r.Title()})
		v.Rings = append(v.Rings, frontend.ThemeRing{Ring: string(r), Title: r.Title(), Themes: byRing[r]})
	}
	if rows := byRing[persona.RingNone]; len(rows) > 0 {
		v.Rings = append(v.Rings, frontend.ThemeRing{Ring: "none", Title: "No ring", Themes: rows})
	}
	return s.render(c, http.StatusOK, "themes", v)
}

// quotesByID loads a study's quotes, page by page.
func (s *Server) quotesByID(c *gin.Context, studyID int64) (map[int64]persona.Quote, error) {
	out := map[int64]persona.Quote{}
	var after int64
	for {
		page, err := s.app.Store.Quotes(c.Request.Context(), store.QuoteFilter{StudyID: studyID, AfterID: after, Limit: 5000, NoTokens: true})
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			return out, nil
		}
		for _, q := range page {
			out[q.ID] = q
		}
		after = page[len(page)-1].ID
	}
}
