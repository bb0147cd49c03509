package api

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
)

func (s *Server) studiesPage(c *gin.Context) error {
	studies, err := s.app.Studies(c.Request.Context())
	if err != nil {
		return err
	}
	v := frontend.Studies{Base: s.base(c, "Studies", "studies")}
	for _, st := range studies {
		card, _, _, err := s.studyCard(c.Request.Context(), st)
		if err != nil {
			return err
		}
		v.Studies = append(v.Studies, card)
	}
	if len(studies) == 1 {
		v.StudyID = studies[0].ID
	}
	return s.render(c, http.StatusOK, "studies", v)
}

// studyCard is a study with its counts, themes and personas.
func (s *Server) studyCard(ctx context.Context, st persona.Study) (frontend.StudyCard, []persona.Theme, []persona.Profile, error) {
	card := frontend.StudyCard{ID: st.ID, Name: st.Name}
	stats, err := s.app.StudyStats(ctx, st.ID)
	if err != nil {
		return card, nil, nil, err
	}
	card.Sources, card.Participants, card.Quotes = stats.Sources, stats.Participants, stats.Quotes
	themes, err := s.app.Themes(ctx, st.ID)
	if err != nil {
		return card, nil, nil, err
	}
	personas, err := s.app.Personas(ctx, st.ID)
	if err != nil {
		return card, nil, nil, err
	}
	card.Themes, card.Personas = len(themes), len(personas)
	p := s.app.AnalysisStatus(ctx, st.ID)
	card.Running = p.Running
	version, ranAt, err := s.app.AnalysisInfo(ctx, st.ID)
	switch {
	case err != nil:
		return card, nil, nil, err
	case version == 0:
		card.LastAnalysis = "Not analysed yet"
	default:
		card.LastAnalysis = fmt.Sprintf("Analysed %s (version %d)", ago(ranAt), version)
	}
	return card, themes, personas, nil
}

// studyFromPath loads the :id study.
func (s *Server) studyFromPath(c *gin.Context) (persona.Study, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return persona.Study{}, err
	}
	return s.app.Study(c.Request.Context(), id)
}

func (s *Server) studyPage(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	card, themes, personas, err := s.studyCard(c.Request.Context(), st)
	if err != nil {
		return err
	}
	v := frontend.Study{Base: s.base(c, st.Name, "studies"), Study: card, Stage: s.app.AnalysisStatus(c.Request.Context(), st.ID).Stage}
	v.StudyID = st.ID
	top := topThemes(themes, 10)
	items := make([]frontend.BarItem, len(top))
	for i, t := range top {
		items[i] = frontend.BarItem{Label: t.Label, Value: t.Participants, Note: persona.Ring(t.Ring).Title()}
	}
	v.Chart = frontend.NewBarChart(items)
	v.Heatmap = heatmap(top, personas)
	for _, p := range personas {
		v.Personas = append(v.Personas, frontend.PersonaLink{ID: p.ID, Name: p.Name, Size: p.Size})
	}
	if v.Sources, err = s.sourceRows(c.Request.Context(), st.ID); err != nil {
		return err
	}
	for _, r := range v.Sources {
		v.NonAnswers += r.NonAnswers
	}
	if v.Waves, err = s.wavesView(c.Request.Context(), st.ID); err != nil {
		return err
	}
	if v.Shared, err = s.sharedWith(c, st.ID); err != nil {
		return err
	}
	if v.Can.Edit {
		if v.Privacy, err = s.privacyView(c, st.ID); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "study", v)
}

// topThemes are the n themes raised by the most buyers.
func topThemes(themes []persona.Theme, n int) []persona.Theme {
	out := append([]persona.Theme{}, themes...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Participants != out[j].Participants {
			return out[i].Participants > out[j].Participants
		}
		return out[i].ID < out[j].ID
	})
	return out[:min(n, len(out))]
}

func heatmap(themes []persona.Theme, personas []persona.Profile) frontend.Heatmap {
	if len(personas) == 0 || len(themes) == 0 {
		return frontend.Heatmap{}
	}
	rows := make([]frontend.Axis, len(themes))
	for i, t := range themes {
		rows[i] = frontend.Axis{Label: t.Label}
	}
	cols := make([]frontend.Axis, len(personas))
	for j, p := range personas {
		cols[j] = frontend.Axis{Label: p.Name}
	}
	return frontend.NewHeatmap(rows, cols, func(r, c int) float64 {
		p := personas[c]
		if p.Size == 0 {
			return 0
		}
		return float64(p.ThemeCounts[themes[r].ID]) / float64(p.Size)
	})
}

// sourceRows lists a study's sources with buyer and quote counts; quote
// counts come from the index's facets rather than loading every quote.
func (s *Server) sourceRows(ctx context.Context, studyID int64) ([]frontend.SourceRow, error) {
	srcs, err := s.app.Sources(ctx, studyID)
	if err != nil {
		return nil, err
	}
	parts, err := s.app.Buyers(ctx, studyID)
	if err != nil {
		return nil, err
	}
	buyers := map[int64]int{}
	for _, p := range parts {
		buyers[p.SourceID]++
	}
	quotes, err := s.app.SourceQuoteCounts(ctx, studyID, len(srcs))
	if err != nil {
		return nil, err
	}
	nonAnswers, err := s.app.NonAnswerCounts(ctx, srcs)
	if err != nil {
		return nil, err
	}
	rows := make([]frontend.SourceRow, len(srcs))
	for i, src := range srcs {
		rows[i] = frontend.SourceRow{ID: src.ID, Name: src.Name, Kind: string(src.Kind), Format: src.Format,
			Imported: when(src.ImportedAt), Participants: buyers[src.ID], Quotes: quotes[src.ID], Warnings: len(src.Warnings),
			NonAnswers: nonAnswers[src.ID]}
	}
	return rows, nil
}

func (s *Server) uploadView(c *gin.Context, st persona.Study) frontend.Upload {
	v := frontend.Upload{Base: s.base(c, "Upload to "+st.Name, "upload"), StudyName: st.Name,
		MaxFiles: s.cfg.MaxUploadFiles, MaxSize: sizeText(s.cfg.MaxUploadSize), Speakers: string(st.Speakers)}
	v.StudyID = st.ID
	return v
}

// sizeText writes a byte count the way the upload page advertises it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (s *Server) uploadPage(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "upload", s.uploadView(c, st))
}

// uploadForm is the upload without JavaScript: the same ingest as the API,
// with the results rendered on the page.
func (s *Server) uploadForm(c *gin.Context) error {
	st, err := s.studyFromPath(c)
	if err != nil {
		return err
	}
	end := s.app.BeginUpload(st.ID)
	results, err := s.ingestMultipart(c, st.ID)
	ok := s.accepted(c, results, end)
	if err != nil {
		return err
	}
	v := s.uploadView(c, st)
	for _, r := range results {
		v.Results = append(v.Results, uploadResult(r))
	}
	if ok > 0 {
		v.Stage = s.app.AnalysisStatus(c.Request.Context(), st.ID).Stage
	}
	return s.render(c, http.StatusOK, "upload", v)
}

func uploadResult(r app.FileResult) frontend.UploadResult {
	u := frontend.UploadResult{File: r.Path, Status: r.Status, Format: r.Format, SourceID: r.SourceID, Quotes: r.Quotes, Message: r.Error}
	if r.Status == app.StatusSkipped {
		u.Message = r.Reason + `; tick "Take in files that look like no transcript" to import it anyway`
	}
	if u.Message == "" && len(r.Warnings) > 0 {
		for i, w := range r.Warnings {
			if i > 0 {
				u.Message += "; "
			}
			u.Message += w
		}
	}
	return u
}
