package app

import (
	"log/slog"
	"sync"
)

// Change names what a write changed in a study. Every cache of a study
// (persona pages and their JSON, decoded themes, personas and what they
// value, survey sizing) is invalidated whatever the change; the name is
// for the log and for listeners (OnChange).
type Change string

// The changes a write reports.
const (
	ChangeStudy        Change = "study"        // created, renamed
	ChangeSources      Change = "sources"      // stored, deleted, re-derived
	ChangeParticipants Change = "participants" // name, attributes, role
	ChangeQuotes       Change = "quotes"       // ring, pin, hide, re-indexed
	ChangeThemes       Change = "themes"       // rename, merge, split
	ChangePersonas     Change = "personas"     // name, notes
	ChangeLabels       Change = "labels"       // a source's wave, date, outcome
	ChangeAnswers      Change = "answers"      // field answers to objections
	ChangeCollateral   Change = "collateral"   // documents for the gap check
	ChangeAnalysis     Change = "analysis"     // a new analysis saved
	ChangeCodings      Change = "codings"      // researchers' and consensus codings, their anchors
	ChangeTrackers     Change = "trackers"     // objection trackers and their visits
)

// changeListeners are the functions OnChange registered.
type changeListeners struct {
	mu  sync.Mutex
	fns []func(studyID int64, what Change)
}

// changed is the one place a write invalidates what is cached of a study:
// every mutating operation of App calls it (after its write, also when
// the write failed half way, so a cache never outlives the data it was
// built from). It bumps the study's epoch, which every cache checks, and
// tells the listeners.
func (a *App) changed(studyID int64, what Change) {
	a.Invalidate(studyID)
	a.Log.Debug("study changed", slog.Int64("study_id", studyID), slog.String("change", string(what)))
	a.listeners.mu.Lock()
	fns := a.listeners.fns
	a.listeners.mu.Unlock()
	for _, fn := range fns {
		fn(studyID, what)
	}
}

// Invalidate drops everything cached of a study. Writes through App do it
// themselves; call it when a study changed elsewhere (another process
// writing to the same database).
func (a *App) Invalidate(studyID int64) {
	a.cache.mu.Lock()
	if a.cache.study == nil {
		a.cache.study = map[int64]int64{}
	}
	a.cache.study[studyID]++
	a.cache.any++
	a.cache.mu.Unlock()
}

// InvalidateAll drops everything cached of every study (after messages
// from other replicas may have been lost).
func (a *App) InvalidateAll() {
	a.cache.mu.Lock()
	a.cache.all++
	a.cache.mu.Unlock()
}

// OnChange registers fn to be called after every write to a study (for
// instance to tell other processes to Invalidate theirs). fn must not
// block.
func (a *App) OnChange(fn func(studyID int64, what Change)) {
	a.listeners.mu.Lock()
	defer a.listeners.mu.Unlock()
	a.listeners.fns = append(a.listeners.fns, fn)
}
