package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// cmdWaves prints a study's themes wave by wave: every theme's share of
// each wave's buyers and the significant changes into the latest wave.
func cmdWaves(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("waves", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "Default", "study to report on")
	asJSON := fs.Bool("json", false, "print the whole report as JSON (the API's /studies/{id}/waves)")
	all := fs.Bool("all", false, "list every theme, not only those that changed significantly")
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	a, err := openApp(ctx, e, *data)
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.StudyByName(ctx, *study)
	if err != nil {
		return err
	}
	rep, err := a.Waves(ctx, st.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printWaves(e.stdout, rep, *all)
	return nil
}

func printWaves(w io.Writer, rep app.WaveReport, all bool) {
	if len(rep.Waves) == 0 {
		fmt.Fprintln(w, "No source is in a wave: ingest with --wave NAME, or set one on the source page.")
		return
	}
	for _, wv := range rep.Waves {
		fmt.Fprintf(w, "wave %-20s %s  %d sources, %d buyers\n", wv.Name, wv.Date, len(wv.SourceIDs), wv.Buyers)
	}
	if rep.Unassigned > 0 {
		fmt.Fprintf(w, "%d sources in no wave (left out)\n", rep.Unassigned)
	}
	shown := 0
	for _, t := range rep.Themes {
		if !all && t.Trend == "" {
			continue
		}
		shown++
		fmt.Fprintf(w, "\n%s (%s)", t.Label, persona.Ring(t.Ring).Title())
		if t.Trend != "" {
			c := t.Changes[len(t.Changes)-1]
			fmt.Fprintf(w, "  %s, p = %.3f (%s)", t.Trend, c.P, c.Test)
		}
		fmt.Fprintln(w)
		for _, sh := range t.Shares {
			fmt.Fprintf(w, "  %-20s %3d of %3d  %5.1f%%\n", sh.Wave, sh.Raised, sh.Of, 100*sh.Share)
		}
	}
	if shown == 0 {
		fmt.Fprintf(w, "\nNo theme changed significantly into the latest wave (p < %.2f); --all lists every theme.\n", rep.Alpha)
	}
}
