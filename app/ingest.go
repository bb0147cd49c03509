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
	"runtime"
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
	// StatusSkipped is a file that parsed but looks like no transcript (an
	// interview guide, third-person notes, a summary table); Reason says
	// why. IngestOptions.Force takes it in.
	StatusSkipped = "skipped"
)

// IngestOptions change how files are taken in.
type IngestOptions struct {
	// Force takes in files that look like no transcript instead of
	// skipping them.
	Force bool

	// redaction is the study's, set by withRedaction when it redacts.
	redaction *ingest.Redaction
}

// FileResult is the outcome of ingesting one file (the `ingest --json`
// contract, also returned per file by the upload API).
type FileResult struct {
	Path         string `json:"path"`
	Status       string `json:"status"`
	Format       string `json:"format,omitempty"`
	SourceID     int64  `json:"source_id,omitempty"`
	Participants int    `json:"participants"`
	Turns        int    `json:"turns"`
	Quotes       int    `json:"quotes"`
	// NonAnswers counts a survey's answers that say there is nothing to
	// say ("N/A", "Can't think of anything"); they give no quote.
	NonAnswers int      `json:"non_answers,omitempty"`
	Warnings   []string `json:"warnings"`
	Error      string   `json:"error,omitempty"`
	// Reason says why a file was skipped.
	Reason string `json:"reason,omitempty"`
	// CodingsPlaced counts researchers' codings of an earlier copy of
	// this file put back on its quotes; CodingsUnplaced those that could
	// not be (listed on the codebook page).
	CodingsPlaced   int `json:"codings_placed,omitempty"`
	CodingsUnplaced int `json:"codings_unplaced,omitempty"`
	// HeldPlaced counts the code examples and seeded-coding suggestions
	// of an earlier copy put back on its quotes, and those that could not.
	HeldPlaced
}

// Ingest parses, stores and indexes one file into a study. The file is
// stored in one transaction, so a failure stores nothing; the index is
// updated after the commit and repaired at the next start after a crash.
func (a *App) Ingest(ctx context.Context, studyID int64, name string, r io.Reader) FileResult {
	return a.IngestWith(ctx, studyID, name, r, IngestOptions{})
}

// IngestWith is Ingest with options.
func (a *App) IngestWith(ctx context.Context, studyID int64, name string, r io.Reader, opt IngestOptions) FileResult {
	opt, err := a.withRedaction(ctx, studyID, opt)
	if err != nil {
		return fail(FileResult{Path: name, Warnings: []string{}}, err)
	}
	return a.storePrepared(ctx, studyID, a.prepare(name, r, opt))
}

// prepared is a parsed file turned into domain objects, not yet stored.
type prepared struct {
	res FileResult
	imp *persona.Import
	// qda is a REFI-QDA project's bytes: several sources and their
	// codings, stored by importQDA instead of as one source.
	qda []byte
	opt IngestOptions
	// originals are what redaction replaced, when the study keeps them.
	originals []persona.Original
}

// prepare reads, parses and segments/tags a file: the CPU-heavy half of
// ingest, safe to run for several files at once.
func (a *App) prepare(name string, r io.Reader, opt IngestOptions) prepared {
	res := FileResult{Path: name, Warnings: []string{}}
	data, err := io.ReadAll(io.LimitReader(r, a.cfg.MaxFileSize+1))
	if err != nil {
		return prepared{res: fail(res, fmt.Errorf("read %s: %w", name, err))}
	}
	base := filepath.Base(name)
	if isQDA(base, data) {
		return prepared{res: res, qda: data, opt: opt}
	}
	doc, err := ingest.ParseWith(base, bytes.NewReader(data), ingest.Options{MaxSize: a.cfg.MaxFileSize, Force: opt.Force})
	var pe *ingest.Error
	if errors.Is(err, ingest.ErrNotTranscript) && errors.As(err, &pe) {
		res.Status, res.Reason = StatusSkipped, pe.Msg
		return prepared{res: res}
	}
	if err != nil {
		return prepared{res: fail(res, err)}
	}
	res.Format = doc.Format
	res.Warnings = append(res.Warnings, doc.Warnings...)
	imp, originals := ingest.BuildWith(base, data, doc, a.Lang, opt.redaction)
	return prepared{res: res, imp: imp, opt: opt, originals: originals}
}

// store writes a prepared file in one transaction and indexes it.
func (a *App) storePrepared(ctx context.Context, studyID int64, p prepared) FileResult {
	res, imp := p.res, p.imp
	if p.qda != nil {
		// A project is parsed here, not when prepared: it takes the
		// study's redaction as it is now (turned on since, perhaps).
		opt := p.opt
		if opt.redaction == nil {
			var err error
			if opt, err = a.withRedaction(ctx, studyID, opt); err != nil {
				return fail(res, err)
			}
		}
		return a.importQDA(ctx, studyID, res.Path, p.qda, opt)
	}
	if imp == nil {
		return res
	}
	if err := a.savePseudonyms(ctx, studyID, p.opt); err != nil {
		return fail(res, err)
	}
	imp.Source.NonAnswers = persona.NonAnswers(imp)
	src, err := a.store.Import(ctx, studyID, imp)
	if err == nil {
		err = a.saveOriginals(ctx, studyID, src.ID, p.originals)
	}
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
	res.NonAnswers = imp.Source.NonAnswers
	if p.opt.redaction == nil {
		// Prepared before the study redacted (an upload begun before a
		// researcher turned redaction on): redacted now, before anything
		// reads it. A pass running now would read it too (it lists the
		// sources again at its end); one that has ended would not.
		if src, err = a.redactLate(ctx, src); err != nil {
			return fail(res, err)
		}
	}
	if res.CodingsPlaced, res.CodingsUnplaced, err = a.reattachCodings(ctx, src); err != nil {
		a.Log.Error("re-attach codings", slog.Int64("source_id", src.ID), slog.String("error", err.Error()))
		res.Warnings = append(res.Warnings, "earlier codings of this file could not be re-attached; they are listed on the codebook page")
	}
	if res.HeldPlaced, err = a.reattachHeld(ctx, src); err != nil {
		a.Log.Error("re-attach examples and suggestions", slog.Int64("source_id", src.ID), slog.String("error", err.Error()))
		res.Warnings = append(res.Warnings, "earlier code examples or suggestions of this file could not be re-attached; they are listed on the codebook page")
	}
	if err := a.indexSource(ctx, src); err != nil {
		// Stored but not yet searchable; the next start indexes it.
		a.Log.Error("index source", slog.Int64("source_id", src.ID), slog.String("error", err.Error()))
		res.Warnings = append(res.Warnings, "stored, but indexing failed; it will be indexed at the next start")
	}
	res.Status = StatusOK
	a.Log.Info("ingested", slog.Int64("source_id", src.ID), slog.String("format", res.Format),
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
// Files are parsed and tagged in parallel while one writer stores them in
// order, one transaction each. progress, if not nil, is called after each
// file.
func (a *App) IngestPaths(ctx context.Context, studyID int64, paths []string, progress func(FileResult)) []FileResult {
	return a.IngestPathsWith(ctx, studyID, paths, IngestOptions{}, progress)
}

// IngestPathsWith is IngestPaths with options.
func (a *App) IngestPathsWith(ctx context.Context, studyID int64, paths []string, opt IngestOptions, progress func(FileResult)) []FileResult {
	files := expand(paths)
	opt, err := a.withRedaction(ctx, studyID, opt)
	if err != nil {
		out := make([]FileResult, len(files))
		for i, f := range files {
			out[i] = fail(FileResult{Path: f.path, Warnings: []string{}}, err)
		}
		return out
	}
	ready := make([]chan prepared, len(files))
	for i := range ready {
		ready[i] = make(chan prepared, 1)
	}
	sem := make(chan struct{}, max(2, runtime.GOMAXPROCS(0))+1)
	go func() {
		for i, f := range files {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() { ready[i] <- a.prepareFile(ctx, f, opt) }()
		}
	}()
	var out []FileResult
	for i := range files {
		var p prepared
		select {
		case p = <-ready[i]:
		case <-ctx.Done():
			return out
		}
		<-sem // at most cap(sem) prepared files wait in memory
		if ctx.Err() != nil {
			break
		}
		res := a.storePrepared(ctx, studyID, p)
		out = append(out, res)
		if progress != nil {
			progress(res)
		}
	}
	return out
}

func (a *App) prepareFile(ctx context.Context, f pathOrErr, opt IngestOptions) prepared {
	res := FileResult{Path: f.path, Warnings: []string{}}
	if f.err != nil {
		return prepared{res: fail(res, f.err)}
	}
	if ctx.Err() != nil {
		return prepared{res: fail(res, ctx.Err())}
	}
	fh, err := os.Open(f.path)
	if err != nil {
		return prepared{res: fail(res, err)}
	}
	defer fh.Close()
	return a.prepare(f.path, fh, opt)
}

type pathOrErr struct {
	path string
	err  error
}

// expand lists the files under paths, skipping hidden files and README.md
// (a folder's description, not a transcript).
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
			if !d.IsDir() && !strings.EqualFold(name, "README.md") {
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

// ImportParsed stores an already parsed source in a study without
// indexing it now: the next analysis indexes the new quotes (or the next
// start, after a crash). Bulk generators use it (cmd/loadtest).
func (a *App) ImportParsed(ctx context.Context, studyID int64, imp *persona.Import) (persona.Source, error) {
	defer a.changed(studyID, ChangeSources)
	return a.store.Import(ctx, studyID, imp)
}

// redactLate redacts a source stored from a file prepared without
// redaction when its study redacts by now, and returns it as stored.
func (a *App) redactLate(ctx context.Context, src persona.Source) (persona.Source, error) {
	p, _, err := a.store.Privacy(ctx, src.StudyID)
	if err != nil || !p.Redact {
		return src, err
	}
	if _, err := a.redactSource(ctx, src, ""); err != nil {
		return src, fmt.Errorf("redact source %d stored after its study began to redact: %w", src.ID, err)
	}
	return a.store.Source(ctx, src.ID)
}
