package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/verbatimhq/verbatim/app"
)

// cmdGaps stores a collateral document with a study and prints its
// content-gap check (the JSON of GET /api/v1/collateral/:id under --json).
func cmdGaps(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("gaps", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "study name or id (default: the most recently analysed)")
	personaID := fs.Int64("persona", 0, "check for this persona only (id; default: every persona)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	asMD := fs.Bool("markdown", false, "print the report as Markdown")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return errUsage
	}
	if len(files) != 1 {
		fmt.Fprintln(e.stderr, "usage: verbatim gaps [--data DIR] [--study NAME] [--persona ID] [--json|--markdown] FILE")
		return errUsage
	}
	body, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	a, st, err := openStudy(ctx, e, *data, *study, "gaps")
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.AddCollateral(ctx, st.ID, filepath.Base(files[0]), body, "cli")
	if err != nil {
		return err
	}
	rep, err := a.CheckCollateral(ctx, c.ID, *personaID)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case *asMD:
		fmt.Fprint(e.stdout, app.GapMarkdown(rep))
		return nil
	}
	printGaps(e, rep)
	return nil
}

func printGaps(e env, r *app.GapReport) {
	fmt.Fprintf(e.stdout, "%s against %q: %d passages, %.0f%% of its content words are the buyers' (%d of %d)\n",
		r.Collateral.Name, r.Study.Name, r.PassageCount, 100*r.BuyerLanguage, r.BuyerWords, r.Words)
	if len(r.VendorPhrases) > 0 {
		fmt.Fprint(e.stdout, "vendor phrases the buyers never use:")
		for i, v := range r.VendorPhrases {
			if i == 15 {
				fmt.Fprintf(e.stdout, " … (%d more)", len(r.VendorPhrases)-i)
				break
			}
			fmt.Fprintf(e.stdout, " %s", v.Text)
			if v.Count > 1 {
				fmt.Fprintf(e.stdout, "×%d", v.Count)
			}
		}
		fmt.Fprintln(e.stdout)
	}
	for _, p := range r.Personas {
		fmt.Fprintf(e.stdout, "\npersona %d: %s — coverage %.0f%% (%d of %d top themes, %d of %d buyer mentions)\n",
			p.PersonaID, p.Name, 100*p.Coverage, p.Addressed, p.Themes, p.Covered, p.Weight)
		for _, rr := range p.Rings {
			fmt.Fprintf(e.stdout, "  %s\n", rr.Title)
			for _, t := range rr.Themes {
				mark := "  missing  "
				if t.Addressed {
					mark = "  addressed"
				}
				fmt.Fprintf(e.stdout, "  %s %s (%d of %d)", mark, t.Label, t.Raised, t.Of)
				if t.Addressed {
					fmt.Fprintf(e.stdout, ": “%s”", t.Passage)
				}
				fmt.Fprintln(e.stdout)
			}
		}
	}
}
