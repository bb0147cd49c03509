package app

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// AttributesFile is the optional participant-attributes CSV of a demo
// folder (see ApplyAttributes).
const AttributesFile = "participants.csv"

// LoadDemo ingests every file of fsys into a new study named name, then
// analyses it. It does nothing when any study exists (first run only).
func (a *App) LoadDemo(ctx context.Context, fsys fs.FS, name string) (loaded bool, err error) {
	studies, err := a.Store.Studies(ctx)
	if err != nil || len(studies) > 0 {
		return false, err
	}
	st, err := a.Store.EnsureStudy(ctx, name)
	if err != nil {
		return false, err
	}
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Base(p) != "README.md" && p != AttributesFile {
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
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		return false, err
	}
	return true, nil
}
