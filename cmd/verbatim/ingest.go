package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/verbatimhq/verbatim/app"
)

func cmdIngest(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "Default", "study to add the files to (created if missing)")
	asJSON := fs.Bool("json", false, "print a JSON report")
	force := fs.Bool("force", false, "take in files that look like no transcript (interview guides, notes, summary tables) instead of skipping them")
	speakers := fs.String("speakers", "", speakersUsage)
	redactOn := fs.Bool("redact", false, "turn the study's redaction on (names, e-mails, phones, URLs become pseudonyms before quotes are cut; it stays on for later uploads)")
	var labels app.SourceLabels
	fs.StringVar(&labels.Wave, "wave", "", "research wave the files belong to (e.g. 2026-Q1)")
	fs.StringVar(&labels.Date, "date", "", "when the wave's files were collected, YYYY-MM-DD (with --wave)")
	fs.StringVar(&labels.Outcome, "outcome", "", "deal outcome of the files: won, lost or no-decision")
	fs.StringVar(&labels.Competitor, "competitor", "", "competitor of the deal (with --outcome)")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return errUsage
	}
	if len(paths) == 0 {
		fmt.Fprintln(e.stderr, "usage: verbatim ingest [--data DIR] [--study NAME] [--json] [--force] [--redact] [--speakers auto|same|separate] [--wave NAME [--date YYYY-MM-DD]] [--outcome won|lost|no-decision [--competitor X]] PATH...")
		return errUsage
	}
	if labels, err = labels.Clean(); err != nil {
		fmt.Fprintln(e.stderr, "verbatim ingest:", err)
		return errUsage
	}
	a, err := openApp(ctx, e, *data)
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.EnsureStudy(ctx, *study)
	if err != nil {
		return err
	}
	if err := setSpeakers(ctx, e, a, st.ID, *speakers); err != nil {
		return err
	}
	if *redactOn {
		if err := a.EnableRedaction(ctx, st.ID); err != nil {
			return err
		}
	}
	bar := newProgress(e.stderr, !*asJSON)
	results := a.IngestPathsWith(ctx, st.ID, paths, app.IngestOptions{Force: *force}, bar.step)
	bar.done()
	for i, r := range results {
		if err := a.LabelResult(ctx, r, labels); err != nil {
			results[i].Status, results[i].Error = app.StatusError, "stored, but its wave or outcome could not be recorded: "+err.Error()
		}
	}
	failed := 0
	for _, r := range results {
		if r.Status == app.StatusError {
			failed++
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"files": results}); err != nil {
			return err
		}
	} else {
		printSummary(e.stdout, results)
	}
	if failed > 0 || ctx.Err() != nil {
		return exitError(1)
	}
	return nil
}

func printSummary(w io.Writer, results []app.FileResult) {
	ok, dup, skipped, bad, quotes := 0, 0, 0, 0, 0
	for _, r := range results {
		switch r.Status {
		case app.StatusOK:
			ok++
			quotes += r.Quotes
			fmt.Fprintf(w, "ok         %s  (%s: %d participants, %d turns, %d quotes%s)\n", r.Path, r.Format, r.Participants, r.Turns, r.Quotes, nonAnswerNote(r.NonAnswers))
		case app.StatusDuplicate:
			dup++
			fmt.Fprintf(w, "duplicate  %s\n", r.Path)
		case app.StatusSkipped:
			skipped++
			fmt.Fprintf(w, "skipped    %s\n           %s (not a transcript; --force takes it in)\n", r.Path, r.Reason)
		default:
			bad++
			fmt.Fprintf(w, "error      %s\n           %s\n", r.Path, r.Error)
		}
		for _, warn := range r.Warnings {
			fmt.Fprintf(w, "           warning: %s\n", warn)
		}
	}
	fmt.Fprintf(w, "%d ingested (%d quotes), %d duplicates, %d skipped, %d failed\n", ok, quotes, dup, skipped, bad)
}

// progress draws a one-line bar on a terminal and nothing elsewhere.
type progress struct {
	w   io.Writer
	on  bool
	n   int
	bad int
}

func newProgress(w io.Writer, want bool) *progress {
	f, isFile := w.(*os.File)
	return &progress{w: w, on: want && isFile && isatty.IsTerminal(f.Fd())}
}

func (p *progress) step(r app.FileResult) {
	p.n++
	if r.Status == app.StatusError {
		p.bad++
	}
	if !p.on {
		return
	}
	name := r.Path
	if len(name) > 40 {
		name = "…" + name[len(name)-39:]
	}
	bar := strings.Repeat("█", min(p.n, 30))
	fmt.Fprintf(p.w, "\r\033[K%s %d files (%d failed)  %s", bar, p.n, p.bad, name)
}

func (p *progress) done() {
	if p.on && p.n > 0 {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// nonAnswerNote says how many survey answers were set aside as non-answers.
func nonAnswerNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d non-answers set aside", n)
}
