package api

import (
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

// themeQuotesShown is how many quotes each theme shows for editing.
const themeQuotesShown = 5

// themesPage lists the study's themes with their counts. Their quotes are
// loaded per theme when it is opened (themeQuotes): with every theme's
// quotes inline the demo's page was 1.2 MB with 1,462 controls.
func (s *Server) themesPage(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	themes, err := s.app.Themes(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	v := frontend.ThemesPage{Base: s.base(c, "Themes · "+st.Name, "themes"), StudyName: st.Name}
	v.StudyID = st.ID
	v.RingOpts = ringOptions()
	byRing := map[persona.Ring][]frontend.ThemeRow{}
	sort.SliceStable(themes, func(i, j int) bool { return themes[i].Participants > themes[j].Participants })
	sizing, err := s.app.SurveySizing(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	for _, t := range themes {
		row := themeRow(t)
		if sz, ok := sizing[t.ID]; ok {
			row.Survey, row.SurveyRange = surveyFigure(sz)
		}
		byRing[t.Ring] = append(byRing[t.Ring], row)
	}
	for _, r := range persona.Rings {
		v.Rings = append(v.Rings, frontend.ThemeRing{Ring: string(r), Title: r.Title(), Themes: byRing[r]})
	}
	if rows := byRing[persona.RingNone]; len(rows) > 0 {
		v.Rings = append(v.Rings, frontend.ThemeRing{Ring: "none", Title: "No ring", Themes: rows})
	}
	return s.render(c, http.StatusOK, "themes", v)
}

func themeRow(t persona.Theme) frontend.ThemeRow {
	return frontend.ThemeRow{ID: t.ID, Label: t.Label, Headline: t.Headline, Ring: string(t.Ring), Quotes: t.Quotes, Participants: t.Participants,
		Of: t.Of, Sources: t.Sources, Coverage: pct(t.Participants, t.Of), Recurring: t.Recurring}
}

func ringOptions() []frontend.Option {
	opts := []frontend.Option{{Value: "", Label: "No ring"}}
	for _, r := range persona.Rings {
		opts = append(opts, frontend.Option{Value: string(r), Label: r.Title()})
	}
	return opts
}

// themeQuotes is the HTML of one theme's quote editor (its first quotes,
// pinned and top ones first, and the split form), which the themes page
// loads when the theme is opened.
func (s *Server) themeQuotes(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	sample, err := s.app.ThemeSample(ctx, id, themeQuotesShown)
	if err != nil {
		return err
	}
	t, srcs, parts, top := sample.Theme, sample.Sources, sample.Participants, sample.Top
	v := frontend.ThemeQuotes{StudyID: t.StudyID, RingOpts: ringOptions(), Theme: themeRow(t)}
	for _, q := range sample.Quotes {
		src := srcs[q.SourceID]
		v.Theme.Items = append(v.Theme.Items, frontend.ThemeQuote{QuoteView: frontend.QuoteView{ID: q.ID, SourceID: q.SourceID,
			Text: q.Text, Participant: parts[q.ParticipantID].Label, Source: src.Name, Position: app.Position(q, src)},
			Ring: string(q.Ring), Hidden: q.Hidden, Top: top[q.ID]})
	}
	v.Theme.More = max(0, t.Quotes-len(v.Theme.Items))
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(http.StatusOK)
	return s.pages.RenderPart(c.Writer, "themes", "theme-quotes", v)
}
