package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/agreement"
)

// codeRingOptions are the ring choices of a code form.
func codeRingOptions(selected persona.Ring) []frontend.Option {
	out := []frontend.Option{{Value: "", Label: "No ring", Selected: selected == persona.RingNone}}
	for _, r := range persona.Rings {
		out = append(out, frontend.Option{Value: string(r), Label: r.Title(), Selected: r == selected})
	}
	return out
}

// idList reads comma- or space-separated ids; a word that is no id is an
// error.
func idList(s string) ([]int64, error) {
	var out []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		id, err := strconv.ParseInt(strings.TrimPrefix(f, "#"), 10, 64)
		if err != nil || id <= 0 {
			return nil, badRequest(fmt.Sprintf("%.20q is not a quote id", f))
		}
		out = append(out, id)
	}
	return out, nil
}

func joinInts(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = itoa(id)
	}
	return strings.Join(parts, ", ")
}

// codebookView builds the codebook page.
func (s *Server) codebookView(c *gin.Context, studyID int64) (frontend.CodebookPage, error) {
	cb, err := s.app.Codebook(c.Request.Context(), studyID, actor(c))
	if err != nil {
		return frontend.CodebookPage{}, err
	}
	v := frontend.CodebookPage{Base: s.base(c, "Codebook · "+cb.Study.Name, "codebook"), StudyName: cb.Study.Name, Rings: codeRingOptions(persona.RingNone)}
	v.StudyID = cb.Study.ID
	seeded, ran, err := s.app.SeededCounts(c.Request.Context(), studyID)
	if err != nil {
		return v, err
	}
	v.SeededRan = ran
	for _, e := range cb.Codes {
		cv := frontend.CodeView{ID: e.Code.ID, Name: e.Code.Name, Ring: string(e.Code.Ring), RingTitle: ringTitle(e.Code.Ring),
			Definition: e.Code.Definition, WhenToUse: e.Code.WhenToUse, WhenNotToUse: e.Code.WhenNotToUse,
			ExampleIDs: joinInts(e.Code.ExampleQuoteIDs), Codings: e.Codings, Quotes: e.Quotes, Seeded: seeded[e.Code.ID], Rings: codeRingOptions(e.Code.Ring)}
		for _, q := range e.Examples {
			cv.Examples = append(cv.Examples, quoteView(q))
		}
		v.Codes = append(v.Codes, cv)
	}
	if !v.Can.Code {
		return v, nil
	}
	un, err := s.app.UnplacedCodings(c.Request.Context(), studyID, actor(c))
	if err != nil {
		return v, err
	}
	for _, u := range un {
		v.Unplaced = append(v.Unplaced, frontend.UnplacedView{ID: u.ID, Code: u.Code, Coder: u.Coder, Text: u.Text,
			SourceName: u.SourceName, SourceID: u.SourceID, Start: u.Start, End: u.End, Turn: u.TurnSeq})
	}
	held, err := s.app.UnplacedHeldOf(c.Request.Context(), studyID)
	if err != nil {
		return v, err
	}
	for _, u := range held.Examples {
		v.UnplacedExamples = append(v.UnplacedExamples, frontend.UnplacedView{ID: u.ID, Code: u.Code, Text: u.Text,
			SourceName: u.SourceName, SourceID: u.SourceID, Start: u.Start, End: u.End, Turn: u.TurnSeq})
	}
	for _, u := range held.Suggestions {
		v.UnplacedSuggestions = append(v.UnplacedSuggestions, frontend.UnplacedSuggestionsView{SourceSHA: u.SourceSHA,
			SourceName: u.SourceName, SourceID: u.SourceID, Count: u.Count, Reviewed: u.Reviewed})
	}
	return v, nil
}

// unplacedDismissForm dismisses a coding that could not be placed.
func (s *Server) unplacedDismissForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	anchor, err := strconv.ParseInt(c.PostForm("id"), 10, 64)
	if err != nil || anchor <= 0 {
		return badRequest("id: the coding to dismiss")
	}
	if err := s.app.DismissUnplaced(c.Request.Context(), id, anchor); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "coding_dismiss", "study "+itoa(id), "unplaced coding "+itoa(anchor))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/codebook#unplaced-codings", id))
	return nil
}

func (s *Server) codebookPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.codebookView(c, id)
	if err != nil {
		return err
	}
	v.Imported = c.Query("imported")
	if len(v.Imported) > 300 {
		v.Imported = ""
	}
	return s.render(c, http.StatusOK, "codebook", v)
}

// codeFormInput reads a code form.
func codeFormInput(c *gin.Context) (app.CodeInput, frontend.CodeForm, error) {
	f := frontend.CodeForm{Name: c.PostForm("name"), Definition: c.PostForm("definition"), WhenToUse: c.PostForm("when_to_use"),
		WhenNotToUse: c.PostForm("when_not_to_use"), Examples: c.PostForm("examples")}
	ex, err := idList(f.Examples)
	return app.CodeInput{Name: f.Name, Ring: c.PostForm("ring"), Definition: f.Definition, WhenToUse: f.WhenToUse,
		WhenNotToUse: f.WhenNotToUse, Examples: ex}, f, err
}

// codebookFailed re-renders the codebook with an error (and the new-code
// form kept).
func (s *Server) codebookFailed(c *gin.Context, studyID int64, form frontend.CodeForm, ring string, err error) error {
	v, verr := s.codebookView(c, studyID)
	if verr != nil {
		return verr
	}
	v.Form, v.Error = form, plainError(err)
	r, _ := persona.ParseRing(ring)
	v.Rings = codeRingOptions(r)
	return s.render(c, http.StatusBadRequest, "codebook", v)
}

func (s *Server) codeCreateForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	in, form, err := codeFormInput(c)
	if err == nil {
		var code persona.Code
		if code, err = s.app.CreateCode(c.Request.Context(), id, in); err == nil {
			s.audit(c, accountUser(c), "code_create", "code "+itoa(code.ID), "study "+itoa(id))
			c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/codebook#code-%d", id, code.ID))
			return nil
		}
	}
	return s.codebookFailed(c, id, form, in.Ring, err)
}

func (s *Server) codeUpdateForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	old, err := s.app.Code(c.Request.Context(), id)
	if err != nil {
		return err
	}
	in, _, err := codeFormInput(c)
	if err == nil {
		if _, err = s.app.UpdateCode(c.Request.Context(), id, in); err == nil {
			s.audit(c, accountUser(c), "code_update", "code "+itoa(id), "")
			c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/codebook#code-%d", old.StudyID, id))
			return nil
		}
	}
	return s.codebookFailed(c, old.StudyID, frontend.CodeForm{}, "", err)
}

func (s *Server) codeDeleteForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := s.app.DeleteCode(c.Request.Context(), id)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "code_delete", "code "+itoa(id), "")
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/codebook", code.StudyID))
	return nil
}

func (s *Server) promoteThemeForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := s.app.PromoteTheme(c.Request.Context(), id)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "code_create", "code "+itoa(code.ID), "theme "+itoa(id))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/codebook#code-%d", code.StudyID, code.ID))
	return nil
}

func (s *Server) codebookImportForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	name, data, replace, err := s.codebookUpload(c)
	if err != nil {
		return s.codebookFailed(c, id, frontend.CodeForm{}, "", err)
	}
	res, err := s.app.ImportCodebook(c.Request.Context(), id, name, data, replace)
	if err != nil {
		return s.codebookFailed(c, id, frontend.CodeForm{}, "", fmt.Errorf("%s: %w", name, err))
	}
	s.audit(c, accountUser(c), "codebook_import", "study "+itoa(id), fmt.Sprintf("%s: %d added, %d updated", res.Format, res.Added, res.Updated))
	msg := fmt.Sprintf("Imported %s: %d read, %d added, %d updated, %d already there.", name, res.Read, res.Added, res.Updated, res.Kept)
	if len(res.Warnings) > 0 {
		msg += " " + strings.Join(res.Warnings, " ")
	}
	if len(msg) > 300 {
		msg = msg[:297] + "..."
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/codebook?imported=%s", id, url.QueryEscape(msg)))
	return nil
}

// localBack keeps a return address only when it is a path on this site.
func localBack(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "\\\r\n") || len(s) > 300 {
		return ""
	}
	return s
}

func chips(codes []persona.Code) []frontend.CodeChip {
	out := make([]frontend.CodeChip, len(codes))
	for i, c := range codes {
		out[i] = frontend.CodeChip{ID: c.ID, Name: c.Name, Ring: string(c.Ring)}
	}
	return out
}

func (s *Server) quoteCodePage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	qc, err := s.app.QuoteCoding(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	v := frontend.QuoteCodePage{Base: s.base(c, "Code a quote · "+qc.Study.Name, "codebook"), StudyName: qc.Study.Name,
		Quote: quoteView(qc.Quote), Ring: string(qc.Ring), RingTitle: ringTitle(qc.Ring), Theme: qc.Theme,
		Mine: chips(qc.Mine), Verbatim: chips(qc.Verbatim), Blind: qc.Blind, Back: localBack(c.Query("back"))}
	v.StudyID = qc.Study.ID
	if v.Back == "" {
		v.Back = fmt.Sprintf("/sources/%d#quote-%d", qc.Quote.SourceID, qc.Quote.ID)
	}
	for _, o := range qc.Others {
		v.Others = append(v.Others, frontend.CoderChips{Coder: o.Coder, Codes: chips(o.Codes)})
	}
	mine := map[int64]bool{}
	for _, m := range qc.Mine {
		mine[m.ID] = true
	}
	for _, code := range qc.Codebook {
		if !mine[code.ID] {
			label := code.Name
			if code.Ring != persona.RingNone {
				label += " (" + code.Ring.Title() + ")"
			}
			v.Options = append(v.Options, frontend.Option{Value: itoa(code.ID), Label: label})
		}
	}
	return s.render(c, http.StatusOK, "quote-code", v)
}

// quoteCodeForm applies (or, with remove, takes off) a code and returns to
// the quote's coding page.
func (s *Server) quoteCodeForm(c *gin.Context) error { return s.quoteCoding(c, false) }

func (s *Server) quoteUncodeForm(c *gin.Context) error { return s.quoteCoding(c, true) }

func (s *Server) quoteCoding(c *gin.Context, remove bool) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	code, err := strconv.ParseInt(c.PostForm("code_id"), 10, 64)
	if err != nil || code <= 0 {
		return badRequest("pick a code")
	}
	if remove {
		err = s.app.UncodeQuote(c.Request.Context(), id, code, actor(c))
	} else {
		_, err = s.app.CodeQuote(c.Request.Context(), id, code, actor(c))
	}
	if err != nil {
		return err
	}
	next := fmt.Sprintf("/quotes/%d/code", id)
	if b := localBack(c.PostForm("back")); b != "" {
		next += "?back=" + url.QueryEscape(b)
	}
	c.Redirect(http.StatusSeeOther, next)
	return nil
}

// figure formats a coefficient: two decimals, "—" when undefined.
func figure(f agreement.Figure) string {
	if !f.Defined {
		return "—"
	}
	return strconv.FormatFloat(f.Value, 'f', 2, 64)
}

func figureRow(name string, applied int, f app.Figures) frontend.FigureRow {
	r := frontend.FigureRow{Name: name, Applied: applied, Percent: "—", Kappa: "—", Alpha: figure(f.Alpha)}
	if f.Percent.Defined {
		r.Percent = strconv.Itoa(int(f.Percent.Value*100+0.5)) + "%"
	}
	if f.Kappa != nil {
		r.Kappa = figure(*f.Kappa)
	}
	return r
}

func (s *Server) agreementView(c *gin.Context, studyID int64) (frontend.AgreementPage, error) {
	ctx := c.Request.Context()
	me := actor(c)
	rep, err := s.app.Agreement(ctx, studyID, me)
	if err != nil {
		return frontend.AgreementPage{}, err
	}
	v := frontend.AgreementPage{Base: s.base(c, "Agreement · "+rep.Study.Name, "codebook"), StudyName: rep.Study.Name, Unit: rep.Unit, Blind: rep.Blind}
	v.StudyID = rep.Study.ID
	for _, cmp := range rep.Comparisons {
		names := make([]string, len(cmp.Coders))
		for i, cd := range cmp.Coders {
			names[i] = cd.Name
		}
		cv := frontend.ComparisonView{Title: strings.Join(names, " and "), Units: cmp.Units, Compared: cmp.Compared, TwoCoders: len(cmp.Coders) == 2}
		if len(cmp.Coders) > 2 {
			cv.Title = "All researchers: " + strings.Join(names, ", ")
		}
		applied := 0
		for _, code := range cmp.Codes {
			applied += code.Applied
			cv.Codes = append(cv.Codes, figureRow(code.Name, code.Applied, code.Figures))
		}
		cv.Overall = figureRow("All codes", applied, cmp.Overall)
		if len(cmp.Coders) == 2 && cmp.Coders[1].ID != app.ConsensusCoder {
			cv.DisagreeURL = fmt.Sprintf("/studies/%d/disagreements?first=%d&second=%d", rep.Study.ID, cmp.Coders[0].ID, cmp.Coders[1].ID)
		}
		v.Comparisons = append(v.Comparisons, cv)
	}
	rounds, err := s.app.Rounds(ctx, studyID)
	if err != nil {
		return v, err
	}
	srcs, err := s.app.RoundSources(ctx, studyID)
	if err != nil {
		return v, err
	}
	names := map[int64]string{}
	for _, src := range srcs {
		names[src.ID] = src.Name
		v.Sources = append(v.Sources, frontend.Option{Value: itoa(src.ID), Label: src.Name})
	}
	for _, r := range rounds {
		rv := frontend.RoundView{ID: r.ID, Started: when(r.CreatedAt), Open: r.Blind(), Sources: "the whole study"}
		if len(r.SourceIDs) > 0 {
			var ns []string
			for _, id := range r.SourceIDs {
				ns = append(ns, names[id])
			}
			rv.Sources = strings.Join(ns, ", ")
		}
		if r.RevealedAt != nil {
			rv.Revealed = when(*r.RevealedAt)
		}
		for _, cd := range r.Coders {
			state := "coding"
			if cd.DoneAt != nil {
				state = "done"
			}
			rv.Coders = append(rv.Coders, frontend.KV{Key: cd.Name, Value: state})
			if r.Blind() && cd.ID == me.ID {
				v.InOpenRound, v.Done = true, cd.DoneAt != nil
			}
		}
		v.HasOpen = v.HasOpen || r.Blind()
		v.Rounds = append(v.Rounds, rv)
	}
	return v, nil
}

func (s *Server) agreementPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.agreementView(c, id)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "agreement", v)
}

func (s *Server) roundForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var names []string
	for _, n := range strings.Split(c.PostForm("coders"), ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	var sources []int64
	for _, v := range c.PostFormArray("source_ids") {
		if sid, err := strconv.ParseInt(v, 10, 64); err == nil {
			sources = append(sources, sid)
		}
	}
	coders, err := s.roundCoders(c, names)
	if err == nil {
		var r persona.CodingRound
		if r, err = s.app.StartRound(c.Request.Context(), id, coders, sources, actor(c)); err == nil {
			s.audit(c, accountUser(c), "coding_round_start", "study "+itoa(id), "round "+itoa(r.ID))
			c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/agreement", id))
			return nil
		}
	}
	v, verr := s.agreementView(c, id)
	if verr != nil {
		return verr
	}
	v.Error = plainError(err)
	return s.render(c, http.StatusBadRequest, "agreement", v)
}

func (s *Server) roundDoneForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.MarkRoundDone(c.Request.Context(), id, c.PostForm("done") != "0", actor(c)); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/agreement", id))
	return nil
}

func (s *Server) disagreementsPage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	first, err := coderParam(c, "first")
	if err != nil {
		return err
	}
	second, err := coderParam(c, "second")
	if err != nil {
		return err
	}
	d, err := s.app.Disagreements(c.Request.Context(), id, first, second, actor(c))
	if err != nil {
		return err
	}
	v := frontend.DisagreementsPage{Base: s.base(c, "Disagreements · "+d.Study.Name, "codebook"), StudyName: d.Study.Name,
		First: d.First.Name, Second: d.Second.Name, FirstID: d.First.ID, SecondID: d.Second.ID, Units: d.Units, Settled: d.Settled}
	v.StudyID = d.Study.ID
	names := map[int64]string{d.First.ID: d.First.Name, d.Second.ID: d.Second.Name}
	for _, it := range d.Items {
		dv := frontend.DisagreementView{Quote: quoteView(it.Quote), First: chips(it.First), Second: chips(it.Second)}
		if st := it.Settlement; st != nil {
			dv.Settled = settledText(st, names)
		}
		v.Items = append(v.Items, dv)
	}
	return s.render(c, http.StatusOK, "disagreements", v)
}

// settledText says how a disagreement was settled.
func settledText(st *persona.Settlement, names map[int64]string) string {
	what := map[string]string{persona.SettleBoth: "both coders’ codes", persona.SettleNone: "no code",
		persona.SettleFirst: names[st.Coders[0]] + "’s codes", persona.SettleSecond: names[st.Coders[1]] + "’s codes"}[st.Choice]
	return fmt.Sprintf("Settled by %s on %s: %s, now the consensus coding.", st.By, when(st.CreatedAt), what)
}

func (s *Server) settleForm(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	first, err1 := strconv.ParseInt(c.PostForm("first"), 10, 64)
	second, err2 := strconv.ParseInt(c.PostForm("second"), 10, 64)
	if err1 != nil || err2 != nil {
		return badRequest("name the two coders")
	}
	choice := c.PostForm("choice")
	st, err := s.app.Settle(c.Request.Context(), id, first, second, choice, actor(c))
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "coding_settle", "quote "+itoa(id), choice)
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/studies/%d/disagreements?first=%d&second=%d#quote-%d", st.StudyID, first, second, id))
	return nil
}

// personaCodeViews are a persona's codes for its page.
func (s *Server) personaCodeViews(c *gin.Context, personaID int64) ([]frontend.PersonaCodeView, error) {
	codes, err := s.app.PersonaCodes(c.Request.Context(), personaID, actor(c))
	if err != nil {
		return nil, err
	}
	var out []frontend.PersonaCodeView
	for _, pc := range codes {
		v := frontend.PersonaCodeView{ID: pc.Code.ID, Name: pc.Code.Name, Ring: string(pc.Code.Ring), Definition: pc.Code.Definition,
			Raised: pc.Raised, Of: pc.Of, Pct: pct(pc.Raised, pc.Of)}
		for _, q := range pc.Quotes {
			v.Quotes = append(v.Quotes, quoteView(q))
		}
		out = append(out, v)
	}
	return out, nil
}
