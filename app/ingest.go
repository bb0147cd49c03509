package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
)

// Statuses of an ingested file.
const (
	StatusOK        = "ok"
	StatusDuplicate = "duplicate"
	StatusError     = "error"
)

// FileResult is the outcome of ingesting one file (the `ingest --json`
// contract, also returned per file by the upload API).
type FileResult struct {
	Path         string   `json:"path"`
	Status       string   `json:"status"`
	Format       string   `json:"format,omitempty"`
	SourceID     int64    `json:"source_id,omitempty"`
	Participants int      `json:"participants"`
	Turns        int      `json:"turns"`
	Quotes       int      `json:"quotes"`
	Warnings     []string `json:"warnings"`
	Error        string   `json:"error,omitempty"`
}

// Ingest parses, stores and indexes one file into a study. The file is
// stored in one transaction, so a failure stores nothing; the index is
// updated after the commit and repaired at the next start after a crash.
func (a *App) Ingest(ctx context.Context, studyID int64, name string, r io.Reader) FileResult {
	res := FileResult{Path: name, Warnings: []string{}}
	data, err := io.ReadAll(io.LimitReader(r, a.cfg.MaxFileSize+1))
	if err != nil {
		return fail(res, fmt.Errorf("read %s: %w", name, err))
	}
	base := filepath.Base(name)
	doc, err := ingest.ParseWith(base, bytes.NewReader(data), ingest.Options{MaxSize: a.cfg.MaxFileSize})
	if err != nil {
		return fail(res, err)
	}
	res.Format = doc.Format
	imp := ingest.Build(base, data, doc, a.Lang)
	res.Warnings = append(res.Warnings, doc.Warnings...)
	src, err := a.Store.Import(ctx, studyID, imp)
	if errors.Is(err, persona.ErrDuplicate) {
		res.Status, res.SourceID = StatusDuplicate, src.ID
		res.Warnings = append(res.Warnings, fmt.Sprintf("already imported as source %d (%s)", src.ID, src.Name))
		return res
	}
	if err != nil {
		return fail(res, err)
	}
	res.SourceID = src.ID
	res.Participants, res.Turns, res.Quotes = buyers(imp.Participants), len(imp.Turns), len(imp.Quotes)
	if err := a.indexSource(ctx, src); err != nil {
		// Stored but not yet searchable; the next start indexes it.
		a.Log.Error("index source", slog.Int64("source_id", src.ID), slog.String("error", err.Error()))
		res.Warnings = append(res.Warnings, "stored, but indexing failed; it will be indexed at the next start")
	}
	res.Status = StatusOK
	a.Log.Info("ingested", slog.Int64("source_id", src.ID), slog.String("format", doc.Format),
		slog.Int("turns", res.Turns), slog.Int("quotes", res.Quotes))
	return res
}

func fail(res FileResult, err error) FileResult {
	res.Status, res.Error = StatusError, err.Error()
	return res
}

func buyers(ps []persona.Participant) int {
	n := 0
	for _, p := range ps {
		if !p.Interviewer {
			n++
		}
	}
	return n
}

// IngestPaths ingests files and folders (recursively, in name order).
// progress, if not nil, is called after each file.
func (a *App) IngestPaths(ctx context.Context, studyID int64, paths []string, progress func(FileResult)) []FileResult {
	var out []FileResult
	for _, f := range expand(paths) {
		if ctx.Err() != nil {
			break
		}
		var res FileResult
		if f.err != nil {
			res = fail(FileResult{Path: f.path, Warnings: []string{}}, f.err)
		} else {
			res = a.ingestFile(ctx, studyID, f.path)
		}
		out = append(out, res)
		if progress != nil {
			progress(res)
		}
	}
	return out
}

func (a *App) ingestFile(ctx context.Context, studyID int64, path string) FileResult {
	fh, err := os.Open(path)
	if err != nil {
		return fail(FileResult{Path: path, Warnings: []string{}}, err)
	}
	defer fh.Close()
	res := a.Ingest(ctx, studyID, path, fh)
	return res
}

type pathOrErr struct {
	path string
	err  error
}

// expand lists the files under paths, skipping hidden files and README.md.
func expand(paths []string) []pathOrErr {
	var out []pathOrErr
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			out = append(out, pathOrErr{p, err})
			continue
		}
		if !info.IsDir() {
			out = append(out, pathOrErr{path: p})
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && path != p {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && !strings.EqualFold(name, "README.md") && !strings.EqualFold(name, "SOURCE.txt") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			out = append(out, pathOrErr{p, err})
		}
		sort.Strings(files)
		for _, f := range files {
			out = append(out, pathOrErr{path: f})
		}
	}
	return out
}
