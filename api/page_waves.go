package api

import (
	"context"
	"fmt"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

// waveChartThemes is how many themes the study page charts: the most
// raised, then any other whose latest change is significant.
const waveChartThemes = 9

// maxQuoteLinks bounds the numbered quote links in one cell; the API's
// JSON lists all of them.
const maxQuoteLinks = 25

// wavesView is the study page's research-wave section, nil when no source
// of the study has a wave.
func (s *Server) wavesView(ctx context.Context, studyID int64) (*frontend.WavesView, error) {
	rep, err := s.app.Waves(ctx, studyID)
	if err != nil || len(rep.Waves) == 0 {
		return nil, err
	}
	v := &frontend.WavesView{Unassigned: rep.Unassigned}
	for _, w := range rep.Waves {
		v.Waves = append(v.Waves, frontend.WaveHead{Name: w.Name, Date: w.Date, Sources: len(w.SourceIDs), Buyers: w.Buyers})
	}
	var series []frontend.WaveSeries
	for i, t := range rep.Themes {
		if i >= waveChartThemes && t.Trend == "" {
			continue
		}
		ws := frontend.WaveSeries{Label: t.Label, Trend: t.Trend}
		if n := len(t.Changes); n > 0 {
			ws.P = t.Changes[n-1].P
		}
		row := frontend.WaveRow{Label: t.Label, Trend: t.Trend}
		for _, sh := range t.Shares {
			ws.Points = append(ws.Points, frontend.WavePoint{Wave: sh.Wave, Raised: sh.Raised, Of: sh.Of})
			row.Cells = append(row.Cells, frontend.WaveCell{Raised: sh.Raised, Of: sh.Of, Pct: pct(sh.Raised, sh.Of), Quotes: quoteLinks(sh.Quotes)})
		}
		chart := frontend.NewWaveChart([]frontend.WaveSeries{ws})
		if len(chart.Panels) == 1 {
			row.TrendText = chart.Panels[0].TrendText
		}
		series = append(series, ws)
		v.Rows = append(v.Rows, row)
	}
	v.Chart = frontend.NewWaveChart(series)
	return v, nil
}

// quoteLinks numbers links to quotes in their sources.
func quoteLinks(qs []app.QuoteLoc) []frontend.QuoteLink {
	out := make([]frontend.QuoteLink, 0, min(len(qs), maxQuoteLinks))
	for i, q := range qs[:min(len(qs), maxQuoteLinks)] {
		out = append(out, frontend.QuoteLink{N: i + 1, Href: fmt.Sprintf("/sources/%d#quote-%d", q.SourceID, q.ID)})
	}
	return out
}

// personaNews is the persona page's "new in the latest wave" card, nil when
// the study has fewer than two waves.
func (s *Server) personaNews(ctx context.Context, personaID int64) (*frontend.PersonaNews, error) {
	news, err := s.app.PersonaWaves(ctx, personaID)
	if err != nil || news.Latest == "" {
		return nil, err
	}
	v := &frontend.PersonaNews{Latest: news.Latest, Earlier: strings.Join(news.Earlier, ", "),
		MembersLatest: news.MembersLatest, MembersEarlier: news.MembersEarlier}
	for _, t := range news.New {
		v.New = append(v.New, frontend.NewThemeView{Label: t.Label, Ring: string(t.Ring), Raised: t.Raised, Quotes: quoteLinks(t.Quotes)})
	}
	return v, nil
}

// sourceMetaView is the source page's wave and outcome card.
func (s *Server) sourceMetaView(c *gin.Context, sourceID int64) (frontend.SourceMeta, error) {
	m, err := s.app.SourceMeta(c.Request.Context(), sourceID)
	if err != nil {
		return frontend.SourceMeta{}, err
	}
	u, _ := currentUser(c)
	v := frontend.SourceMeta{SourceID: sourceID, Wave: m.Wave, Date: m.Date, Outcome: string(m.Outcome),
		OutcomeTitle: m.Outcome.Title(), Competitor: m.Competitor,
		CanWave: u.Role.Can(account.PermEdit), CanOutcome: u.Role.Can(account.PermNote)}
	v.Outcomes = append(v.Outcomes, frontend.Option{Value: "", Label: "Not recorded", Selected: m.Outcome == persona.OutcomeNone})
	for _, o := range persona.Outcomes {
		v.Outcomes = append(v.Outcomes, frontend.Option{Value: string(o), Label: o.Title(), Selected: m.Outcome == o})
	}
	switch c.Query("saved") {
	case "wave":
		v.Saved = "Wave saved."
	case "outcome":
		v.Saved = "Outcome saved."
	}
	return v, nil
}
