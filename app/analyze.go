package app

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Progress reports an analysis stage.
type Progress struct {
	Running bool   `json:"running"`
	Stage   string `json:"stage"`
	Done    int    `json:"done"`
	Total   int    `json:"total"`
	Error   string `json:"error,omitempty"`
	Version int    `json:"version"`
}

// progressBoard keeps the latest progress per study for the status API.
type progressBoard struct {
	mu sync.Mutex
	m  map[int64]Progress
}

func (b *progressBoard) set(study int64, p Progress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[int64]Progress{}
	}
	b.m[study] = p
}

func (b *progressBoard) get(study int64) (Progress, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p, ok := b.m[study]
	return p, ok
}

// AnalysisStatus is the latest progress of a study's analysis, in this
// process or, when none ran here, in whichever replica ran it.
func (a *App) AnalysisStatus(ctx context.Context, studyID int64) Progress {
	if p, ok := a.progress.get(studyID); ok && (p.Running || !a.replicated()) {
		return p
	}
	if p, ok := a.sharedProgress(ctx, studyID); ok {
		return p
	}
	if p, ok := a.progress.get(studyID); ok {
		return p
	}
	v, _, _ := a.store.AnalysisInfo(ctx, studyID)
	return Progress{Stage: "idle", Version: v}
}

// Analyze runs the analysis of a study: rings, themes and personas from the
// buyers' quotes, with researchers' edits re-applied; stores the results
// (versioned) and updates the index so quotes filter by ring, theme and
// persona. progress may be nil.
func (a *App) Analyze(ctx context.Context, studyID int64, progress func(stage string, done, total int)) (*persona.Analysis, error) {
	a.analyzeMu.Lock()
	defer a.analyzeMu.Unlock()
	// One analysis of a study at a time across replicas.
	release, err := a.lockStudyAnalysis(ctx, studyID)
	if err != nil {
		return nil, fmt.Errorf("analyze study %d: wait for another replica's analysis: %w", studyID, err)
	}
	defer release()
	seq := a.dueSeq(studyID)
	report := func(stage string, done, total int) {
		p := Progress{Running: true, Stage: stage, Done: done, Total: total}
		a.progress.set(studyID, p)
		a.shareProgress(studyID, p)
		if progress != nil {
			progress(stage, done, total)
		}
	}
	res, err := a.analyze(ctx, studyID, report)
	final := Progress{Stage: "done"}
	if err != nil {
		final = Progress{Stage: "failed", Error: "analysis failed"}
		a.Log.Error("analyze", slog.Int64("study_id", studyID), slog.String("error", err.Error()))
	} else {
		final.Version = res.Version
		a.clearDue(studyID, seq)
	}
	a.progress.set(studyID, final)
	a.shareProgress(studyID, final)
	return res, err
}

func (a *App) analyze(ctx context.Context, studyID int64, report func(string, int, int)) (*persona.Analysis, error) {
	report("loading", 0, 0)
	in, joined, err := a.analysisInput(ctx, studyID)
	if err != nil {
		return nil, err
	}
	in.Progress = report
	res, err := analysis.Run(in)
	if err != nil {
		return nil, fmt.Errorf("analyze study %d: %w", studyID, err)
	}
	joinPeople(res, joined)
	// The quotes and their tokens (most of the memory of a large study)
	// are not needed to save and re-index: let them go now.
	quotes := len(in.Quotes)
	in = analysis.Input{}
	report("saving", 0, 0)
	before, err := a.facetsBeforeSave(ctx, studyID)
	if err != nil {
		return nil, err
	}
	if err := a.store.SaveAnalysis(ctx, res); err != nil {
		return nil, err
	}
	report("indexing", 0, 0)
	if err := a.reindexChanged(ctx, studyID, before); err != nil {
		return nil, err
	}
	a.changed(studyID, ChangeAnalysis)
	a.compactIndex(quotes)
	a.warmPersonaPages(ctx, studyID)
	a.Log.Info("analyzed", slog.Int64("study_id", studyID), slog.Int("themes", len(res.Themes)),
		slog.Int("personas", len(res.Personas)), slog.Int("version", res.Version))
	return res, nil
}

// analysisInput reads what a study's analysis needs, the participants
// that are one person (the study's Speakers setting) joined: it also
// returns, per participant standing for a person, the others it joins.
func (a *App) analysisInput(ctx context.Context, studyID int64) (analysis.Input, map[int64][]int64, error) {
	in := analysis.Input{StudyID: studyID, SourceNames: map[int64]string{}}
	in.Options.MinParticipants = a.recurring()
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return in, nil, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: true})
	if err != nil {
		return in, nil, err
	}
	in.Participants = parts
	buyer := make(map[int64]bool, len(parts))
	for _, p := range parts {
		buyer[p.ID] = true
	}
	in.Quotes, err = a.store.AnalysisQuotes(ctx, studyID, func(p int64) bool { return buyer[p] })
	if err != nil {
		return in, nil, err
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return in, nil, err
	}
	kinds := make(map[int64]persona.Kind, len(srcs))
	for _, s := range srcs {
		in.SourceNames[s.ID] = s.Name
		kinds[s.ID] = s.Kind
	}
	joined := samePeople(&in, kinds, st.Speakers)
	in.Edits, err = a.store.Edits(ctx, studyID)
	return in, joined, err
}

// QueueAnalysis marks a study's analysis as about to run, so status polls
// made before it starts see it.
func (a *App) QueueAnalysis(studyID int64) {
	a.markDue(studyID) // resumed at the next start if a crash comes first
	a.progress.set(studyID, Progress{Running: true, Stage: "queued"})
}

// indexState is what reindexChanged compares against: the facets of a
// study's quotes before an analysis is saved, and its sources that were
// not marked indexed then.
type indexState struct {
	facets    []store.QuoteFacets
	unindexed map[int64]bool
}

// facetsBeforeSave reads the index state of a study and then flags all its
// sources for re-indexing, so a crash between saving the analysis and
// re-indexing leaves them to the repair at the next start.
func (a *App) facetsBeforeSave(ctx context.Context, studyID int64) (indexState, error) {
	st := indexState{unindexed: map[int64]bool{}}
	pending, err := a.store.UnindexedSources(ctx)
	if err != nil {
		return st, err
	}
	for _, s := range pending {
		if s.StudyID == studyID {
			st.unindexed[s.ID] = true
		}
	}
	if st.facets, err = a.store.StudyQuoteFacets(ctx, studyID); err != nil {
		return st, err
	}
	return st, a.store.MarkStudyUnindexed(ctx, studyID)
}

// reindexChanged re-indexes the sources of a study that hold a quote whose
// ring, theme, hidden flag or persona differs from before the analysis was
// saved, or a new quote, or that were not marked indexed then; the others
// are marked indexed again as they were. Theme and persona ids are kept
// across runs when they match, so a re-analysis that moved few quotes
// re-indexes few sources instead of every quote of the study.
func (a *App) reindexChanged(ctx context.Context, studyID int64, before indexState) error {
	after, err := a.store.StudyQuoteFacets(ctx, studyID)
	if err != nil {
		return err
	}
	changed := changedSources(before.facets, after)
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return err
	}
	var redo []persona.Source
	for _, src := range srcs {
		if !changed[src.ID] && !before.unindexed[src.ID] {
			if err := a.store.MarkIndexed(ctx, src.ID, true); err != nil {
				return err
			}
			continue
		}
		redo = append(redo, src)
	}
	if err := a.indexSources(ctx, redo); err != nil {
		return err
	}
	a.Log.Info("reindexed after analysis", slog.Int64("study_id", studyID), slog.Int("sources", len(redo)), slog.Int("of", len(srcs)))
	return nil
}

// changedSources are the sources of quotes in after (both in id order)
// that are new or whose facets differ from before.
func changedSources(before, after []store.QuoteFacets) map[int64]bool {
	changed := map[int64]bool{}
	i := 0
	for _, f := range after {
		for i < len(before) && before[i].ID < f.ID {
			i++
		}
		if i == len(before) || before[i] != f {
			changed[f.SourceID] = true
		}
	}
	return changed
}
