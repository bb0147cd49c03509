package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona/agreement"
	"github.com/verbatimhq/verbatim/persona/codebook"
)

// cliActor reads codings as no coder: a blind round's codings stay hidden
// until it is revealed.
var cliActor = app.Actor{ID: -1, Name: "cli"}

// cmdCodebook imports or exports a study's codebook.
func cmdCodebook(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || !slices.Contains([]string{"import", "export", "examples", "suggest"}, args[0]) {
		fmt.Fprintln(e.stderr, "usage: verbatim codebook import [--data DIR] [--study NAME] [--replace] FILE.csv|FILE.qdc\n"+
			"       verbatim codebook export [--data DIR] [--study NAME] [--format csv|qdc] [-o FILE]\n"+
			"       verbatim codebook examples [--data DIR] [--study NAME] FILE.csv   (columns code|tag and quote|text|content: example quotes for the codes)\n"+
			"       verbatim codebook suggest [--data DIR] [--study NAME]   (code the rest from the researchers' examples)")
		return errUsage
	}
	sub := args[0]
	fs := flag.NewFlagSet("codebook "+sub, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "study (default: the most recently analysed)")
	replace := fs.Bool("replace", false, "import: update the codes whose names the codebook already has")
	format := fs.String("format", "", "export: csv or qdc (default: from -o's extension, else csv)")
	out := fs.String("o", "", "export: write to FILE instead of standard output")
	pos, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return errUsage
	}
	withFile := sub == "import" || sub == "examples"
	if withFile && len(pos) != 1 || !withFile && len(pos) != 0 {
		fs.Usage()
		return errUsage
	}
	a, st, err := openStudy(ctx, e, *data, *study, "codebook "+sub)
	if err != nil {
		return err
	}
	defer a.Close()
	if sub == "suggest" {
		rep, err := a.SuggestCodes(ctx, st.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%q: %d quotes, %d seeds, %d coded from them, %d left uncoded for the themes (%d ms)\n",
			st.Name, rep.Quotes, rep.Seeds, rep.Coded, rep.Uncoded, rep.TookMS)
		return nil
	}
	if sub == "examples" {
		return codebookExamples(ctx, e, a, st.ID, st.Name, pos[0])
	}
	if sub == "import" {
		b, err := os.ReadFile(pos[0])
		if err != nil {
			return err
		}
		res, err := a.ImportCodebook(ctx, st.ID, pos[0], b, *replace)
		if err != nil {
			return fmt.Errorf("%s: %w", pos[0], err)
		}
		fmt.Fprintf(e.stdout, "%s (%s) into %q: %d read, %d added, %d updated, %d already there\n",
			filepath.Base(pos[0]), res.Format, st.Name, res.Read, res.Added, res.Updated, res.Kept)
		for _, w := range res.Warnings {
			fmt.Fprintln(e.stdout, "  warning:", w)
		}
		return nil
	}
	f := *format
	if f == "" {
		f = app.CodebookCSV
		if strings.EqualFold(filepath.Ext(*out), ".qdc") {
			f = app.CodebookQDC
		}
	}
	if *out == "" {
		return a.ExportCodebook(ctx, st.ID, f, e.stdout)
	}
	file, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := a.ExportCodebook(ctx, st.ID, f, file); err != nil {
		file.Close()
		os.Remove(*out)
		return err
	}
	return file.Close()
}

// codebookExamples gives the study's codes the example quotes an
// examples file names by their text, so that a codebook imported from a
// file (which carries no quotes) can seed `codebook suggest`.
func codebookExamples(ctx context.Context, e env, a *app.App, studyID int64, study, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := codebook.ReadExamplesCSV(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	res, err := a.AddExamples(ctx, studyID, rows)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintf(e.stdout, "%s into %q: %d rows read, %d example quotes added to %d codes\n", filepath.Base(file), study, res.Read, res.Added, res.Codes)
	for _, w := range res.Warnings {
		fmt.Fprintln(e.stdout, "  warning:", w)
	}
	return nil
}

// cmdAgreement prints a study's inter-coder agreement.
func cmdAgreement(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("agreement", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "study (default: the most recently analysed)")
	asJSON := fs.Bool("json", false, "print the report as JSON (the API's /studies/{id}/agreement)")
	if pos, err := parseInterspersed(fs, args); err != nil || len(pos) > 0 {
		return errUsage
	}
	a, st, err := openStudy(ctx, e, *data, *study, "agreement")
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.Agreement(ctx, st.ID, cliActor)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printAgreement(e.stdout, rep)
	return nil
}

func fig(f agreement.Figure) string {
	if !f.Defined {
		return "     —"
	}
	return fmt.Sprintf("%6.3f", f.Value)
}

func figs(f app.Figures) string {
	k := "     —"
	if f.Kappa != nil {
		k = fig(*f.Kappa)
	}
	p := "     —"
	if f.Percent.Defined {
		p = fmt.Sprintf("%5.1f%%", 100*f.Percent.Value)
	}
	return fmt.Sprintf("%s  %s  %s", p, k, fig(f.Alpha))
}

func printAgreement(w io.Writer, rep app.AgreementReport) {
	fmt.Fprintf(w, "Study %q\n", rep.Study.Name)
	if rep.Blind {
		fmt.Fprintln(w, "A blind coding round is open: its codings are left out until every coder marks it done.")
	}
	if len(rep.Comparisons) == 0 {
		fmt.Fprintln(w, "No coders to compare: code quotes (two researchers, or one researcher and themes promoted to codes).")
		return
	}
	for _, c := range rep.Comparisons {
		names := make([]string, len(c.Coders))
		for i, cd := range c.Coders {
			names[i] = cd.Name
		}
		fmt.Fprintf(w, "\n%s: %d quotes coded by any of them, %d compared (coders of their source)\n", strings.Join(names, " vs "), c.Units, c.Compared)
		fmt.Fprintf(w, "  %-32s %7s  %6s  %6s  %6s\n", "code", "applied", "agree", "kappa", "alpha")
		fmt.Fprintf(w, "  %-32s %7s  %s\n", "all codes", "", figs(c.Overall))
		for _, code := range c.Codes {
			name := code.Name
			if len([]rune(name)) > 32 {
				name = string([]rune(name)[:31]) + "…"
			}
			fmt.Fprintf(w, "  %-32s %7d  %s\n", name, code.Applied, figs(code.Figures))
		}
	}
	fmt.Fprintf(w, "\n%s\n", rep.Unit)
}
