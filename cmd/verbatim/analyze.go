package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"

	"github.com/mattn/go-isatty"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/internal/gctune"
	"github.com/verbatimhq/verbatim/persona"
)

func cmdAnalyze(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "Default", "study to analyse")
	asJSON := fs.Bool("json", false, "print the themes and personas as JSON")
	speakers := fs.String("speakers", "", speakersUsage)
	recurring := recurringFlag(fs)
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole command to this file")
	stages := fs.String("stages", "", "write each stage's wall time, CPU time and busy goroutines to this file")
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	setRecurring, err := withRecurring(*recurring)
	if err != nil {
		return err
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	var sl *stageLog
	if *stages != "" {
		f, err := os.Create(*stages)
		if err != nil {
			return fmt.Errorf("stages: %w", err)
		}
		defer f.Close()
		sl = newStageLog(f)
		defer sl.close()
		sl.stage("open")
	}
	a, err := openApp(ctx, e, *data, setRecurring)
	if err != nil {
		return err
	}
	defer func() {
		sl.stage("close")
		a.Close()
	}()
	st, err := a.StudyByName(ctx, *study)
	if err != nil {
		return err
	}
	if err := setSpeakers(ctx, e, a, st.ID, *speakers); err != nil {
		return err
	}
	var progress func(string, int, int)
	if f, ok := e.stderr.(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		progress = func(stage string, done, total int) {
			if total > 0 {
				fmt.Fprintf(e.stderr, "\r\033[K%s %d/%d", stage, done, total)
			} else {
				fmt.Fprintf(e.stderr, "\r\033[K%s…", stage)
			}
		}
		defer fmt.Fprint(e.stderr, "\r\033[K")
	}
	if sl != nil {
		shown := progress
		progress = func(stage string, done, total int) {
			sl.stage(stage)
			if shown != nil {
				shown(stage, done, total)
			}
		}
	}
	// A large study's analysis holds its quotes and vector spaces at once:
	// keep the heap near them rather than twice them (see gctune.Limit),
	// and collect less often once they are released (gctune.AnalysisPercent).
	defer gctune.Limit(gctune.AnalysisLimit)()
	defer gctune.SetPercent(gctune.AnalysisPercent)()
	if _, err := a.Analyze(ctx, st.ID, progress); err != nil {
		return err
	}
	sl.stage("report")
	rep, err := a.Report(ctx, st.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	writeReport(e.stdout, rep, st.Name)
	return nil
}

// writeReport prints the analysis as analyze's text answer: the personas
// with their rings' theme ids, then each theme with its headline and up to
// two more quotes.
func writeReport(w io.Writer, rep app.Report, study string) {
	fmt.Fprintf(w, "%s, %s in %q\n", counted(len(rep.Themes), "theme"), counted(len(rep.Personas), "persona"), study)
	for _, p := range rep.Personas {
		fmt.Fprintf(w, "\npersona %d: %s (%s)\n", p.ID, p.Name, counted(p.Size, "participant"))
		for _, r := range persona.Rings {
			fmt.Fprintf(w, "  %-20s %v\n", r.Title(), p.Rings[r])
		}
	}
	fmt.Fprintln(w)
	for _, t := range rep.Themes {
		fmt.Fprintf(w, "theme %d [%s] %s — %s, %s\n", t.ID, t.Ring.Title(), t.Label, counted(t.Participants, "participant"), counted(t.Quotes, "quote"))
		if t.Headline != "" {
			fmt.Fprintf(w, "  headline: “%s”\n", persona.CleanVerbatim(t.Headline))
		}
		shown := 0
		for _, q := range t.TopQuotes {
			if shown == 2 {
				break
			}
			if q.Text == t.Headline {
				continue // printed as the headline
			}
			fmt.Fprintf(w, "    “%s” — %s (%s)\n", persona.CleanVerbatim(q.Text), q.Participant, q.Source)
			shown++
		}
		if t.Headline == "" && len(t.TopQuotes) == 0 {
			// None of its quotes may be shown alone (quote_show.go: too
			// short, cut off, small talk): say so rather than show a label
			// with nothing under it.
			fmt.Fprintf(w, "    (none of its %s stands alone as a quote)\n", counted(t.Quotes, "quote"))
		}
	}
}

// startCPUProfile writes a CPU profile to path until the returned stop.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// counted says n things in English: "1 participant", "4 participants".
func counted(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
