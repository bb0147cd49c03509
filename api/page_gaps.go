package api

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/gaps"
)

func (s *Server) gapsPage(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	return s.renderGaps(c, st, http.StatusOK, "")
}

func (s *Server) renderGaps(c *gin.Context, st persona.Study, status int, msg string) error {
	docs, err := s.app.CollateralList(c.Request.Context(), st.ID)
	if err != nil {
		return err
	}
	v := frontend.GapsPage{Base: s.base(c, "Content-gap check · "+st.Name, "gaps"), StudyName: st.Name, Error: msg}
	v.StudyID = st.ID
	for _, d := range docs {
		v.Documents = append(v.Documents, frontend.GapDoc{ID: d.ID, Name: d.Name, Format: d.Format, Size: sizeText(d.Size), Added: ago(d.CreatedAt)})
	}
	return s.render(c, status, "gaps", v)
}

// gapsForm stores the uploaded document and shows its check; a document
// the check cannot read comes back to the form with the reason.
func (s *Server) gapsForm(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	name, data, err := s.readCollateral(c)
	if err == nil {
		var doc persona.Collateral
		u := accountUser(c)
		if doc, err = s.app.AddCollateral(c.Request.Context(), st.ID, name, data, u.Name); err == nil {
			s.audit(c, u, "collateral_add", "collateral "+itoa(doc.ID), "study "+itoa(st.ID))
			c.Redirect(http.StatusSeeOther, "/collateral/"+itoa(doc.ID))
			return nil
		}
	}
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		return s.renderGaps(c, st, ae.status, ae.msg)
	case errors.Is(err, persona.ErrInvalid):
		return s.renderGaps(c, st, http.StatusBadRequest, humanMessage(err))
	}
	return err
}

func (s *Server) gapPage(c *gin.Context) error      { return s.renderGap(c, "gap") }
func (s *Server) gapPrintPage(c *gin.Context) error { return s.renderGap(c, "gap-print") }

func (s *Server) renderGap(c *gin.Context, page string) error {
	rep, err := s.gapReport(c)
	if err != nil {
		return err
	}
	v := gapView(rep)
	v.Base = s.base(c, rep.Collateral.Name+" · content gaps", "gaps")
	v.StudyID = rep.Study.ID
	personas, err := s.app.Personas(c.Request.Context(), rep.Study.ID)
	if err != nil {
		return err
	}
	v.PersonaID, _ = strconv.ParseInt(c.Query("persona"), 10, 64)
	v.PersonaOpts = []frontend.Option{{Value: "0", Label: "All personas", Selected: v.PersonaID == 0}}
	for _, p := range personas {
		v.PersonaOpts = append(v.PersonaOpts, frontend.Option{Value: itoa(p.ID), Label: p.Name, Selected: p.ID == v.PersonaID})
	}
	return s.render(c, http.StatusOK, page, v)
}

// gapView is the page's view of a report.
func gapView(rep *app.GapReport) frontend.GapPage {
	v := frontend.GapPage{ID: rep.Collateral.ID, StudyName: rep.Study.Name, Name: rep.Collateral.Name, Format: rep.Collateral.Format,
		Passages: rep.PassageCount, Words: rep.Words, BuyerWords: rep.BuyerWords, BuyerLanguage: pct(rep.BuyerWords, rep.Words)}
	for _, p := range rep.VendorPhrases {
		v.VendorPhrases = append(v.VendorPhrases, frontend.GapPhrase{Text: p.Text, Count: p.Count, Cliche: p.Cliche})
	}
	for _, p := range rep.Personas {
		gp := frontend.GapPersona{ID: p.PersonaID, Name: p.Name, Coverage: int(math.Round(100 * p.Coverage)), Addressed: p.Addressed,
			Of: p.Themes, Covered: p.Covered, Weight: p.Weight}
		for _, r := range p.Rings {
			gr := frontend.GapRing{Ring: string(r.Ring), Title: r.Title}
			for _, t := range r.Themes {
				gt := frontend.GapTheme{ID: t.ThemeID, Label: t.Label, Raised: t.Raised, Of: t.Of, Addressed: t.Addressed, Passage: t.Passage,
					Score: strconv.FormatFloat(t.Score, 'f', 2, 64), Threshold: strconv.FormatFloat(t.Threshold, 'f', 2, 64), NearerTo: t.NearerTo}
				for _, q := range t.Quotes {
					gt.Quotes = append(gt.Quotes, frontend.QuoteView{ID: q.ID, SourceID: q.SourceID, Text: q.Text, Participant: q.Participant, Source: q.Source, Position: q.Position})
				}
				gr.Themes = append(gr.Themes, gt)
			}
			gp.Rings = append(gp.Rings, gr)
		}
		for _, m := range p.Missing {
			gp.Missing = append(gp.Missing, frontend.GapPhrase{Text: m.Text, Note: fmt.Sprintf("theme %q, raised by %d", m.Label, m.Raised)})
		}
		v.Personas = append(v.Personas, gp)
	}
	return v
}

func (s *Server) surveyPage(c *gin.Context) error {
	t, ts, err := s.themeSurveyData(c)
	if err != nil {
		return err
	}
	st, err := s.app.Study(c.Request.Context(), t.StudyID)
	if err != nil {
		return err
	}
	fig, rng := surveyFigure(ts.ThemeSize)
	v := frontend.SurveyPage{Base: s.base(c, t.Label+" · survey", "personas"), ThemeID: t.ID, StudyName: st.Name,
		Label: t.Label, Ring: string(t.Ring), Figure: fig, Range: rng}
	v.StudyID = t.StudyID
	for _, cl := range ts.Closed {
		v.Closed = append(v.Closed, frontend.KV{Key: cl.Question + ": " + cl.Value,
			Value: fmt.Sprintf("chosen by %d of %d (%s)", cl.Chose.K, cl.Chose.N, percentPM(cl.Chose))})
	}
	for _, q := range ts.Quotes {
		v.Quotes = append(v.Quotes, quoteView(q))
	}
	return s.render(c, http.StatusOK, "survey", v)
}

// surveyFigure is a theme's sizing in words ("raised by 4 of 14
// interviewees; 31% ± 7% of 174 surveyed") and its exact interval.
func surveyFigure(sz gaps.ThemeSize) (figure, interval string) {
	f := app.Figure(sz)
	return figureText(f), figureRange(f)
}

func figureText(f *app.SurveyFigure) string {
	iv := gaps.Interval{K: f.Surveyed, N: f.Of, Share: f.Share, Low: f.Low, High: f.High}
	return fmt.Sprintf("raised by %d of %d interviewees; %s of %d surveyed", f.Interviewees, f.InterviewsOf, percentPM(iv), f.Of)
}

func figureRange(f *app.SurveyFigure) string {
	return fmt.Sprintf("%d of %d respondents' open answers express it; 95%% Wilson interval %.0f%%–%.0f%%.", f.Surveyed, f.Of, 100*f.Low, 100*f.High)
}

// percentPM is a share as "31% ± 7%" (half the Wilson interval's width).
func percentPM(iv gaps.Interval) string {
	return fmt.Sprintf("%.0f%% ± %.0f%%", 100*iv.Share, 100*iv.PlusMinus())
}
