package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
)

// AttributesFile is the optional participant-attributes CSV of a demo
// folder (see ApplyAttributes).
const AttributesFile = "participants.csv"

// OutcomesFile is the optional deal-outcome CSV of a demo folder: columns
// source, outcome (won, lost, no-decision) and competitor.
const OutcomesFile = "outcomes.csv"

// LoadDemo ingests every file of fsys into a new study named name, then
// analyses it. It does nothing when any study exists (first run only).
func (a *App) LoadDemo(ctx context.Context, fsys fs.FS, name string) (loaded bool, err error) {
	studies, err := a.store.Studies(ctx)
	if err != nil || len(studies) > 0 {
		return false, err
	}
	st, err := a.EnsureStudy(ctx, name)
	if err != nil {
		return false, err
	}
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Base(p) != "README.md" && p != AttributesFile && p != OutcomesFile {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return false, err
	}
	sort.Strings(files)
	for _, p := range files {
		f, err := fsys.Open(p)
		if err != nil {
			return false, err
		}
		res := a.Ingest(ctx, st.ID, path.Base(p), f)
		f.Close()
		if res.Status == StatusError {
			return false, fmt.Errorf("demo file %s: %s", p, res.Error)
		}
	}
	if f, err := fsys.Open(AttributesFile); err == nil {
		_, err = a.ApplyAttributes(ctx, st.ID, f)
		f.Close()
		if err != nil {
			return false, err
		}
	}
	if f, err := fsys.Open(OutcomesFile); err == nil {
		err = a.applyOutcomes(ctx, st.ID, f)
		f.Close()
		if err != nil {
			return false, err
		}
	}
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		return false, err
	}
	return true, nil
}

// applyOutcomes records the deal outcome of each source a CSV names
// (columns source, outcome, competitor; a header row first).
func (a *App) applyOutcomes(ctx context.Context, studyID int64, r io.Reader) error {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", OutcomesFile, err)
	}
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return err
	}
	byName := map[string]int64{}
	for _, s := range srcs {
		byName[s.Name] = s.ID
	}
	for i, row := range rows {
		if i == 0 {
			continue // header
		}
		if len(row) != 3 {
			return fmt.Errorf("%s line %d: want source,outcome,competitor", OutcomesFile, i+1)
		}
		id, ok := byName[row[0]]
		if !ok {
			return fmt.Errorf("%s line %d: no source %q in the study", OutcomesFile, i+1, row[0])
		}
		if _, err := a.SetSourceOutcome(ctx, id, row[1], row[2]); err != nil {
			return fmt.Errorf("%s line %d: %w", OutcomesFile, i+1, err)
		}
	}
	return nil
}
