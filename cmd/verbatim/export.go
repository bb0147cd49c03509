package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/verbatimhq/verbatim/app"
)

// cmdExport writes a study's data: "export quotes" lists every quote with
// its source, participant, ring, theme and persona, as CSV (escaped as the
// API's quotes.csv) or JSON.
func cmdExport(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && args[0] == "study" {
		return cmdExportStudy(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "quotes" {
		fmt.Fprintln(e.stderr, "usage: verbatim export quotes [--data DIR] [--study NAME] [--format csv|json]")
		fmt.Fprintln(e.stderr, "       verbatim export study [--data DIR] [--study NAME] --format qdpx -o FILE")
		return errUsage
	}
	fs := flag.NewFlagSet("export quotes", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "study name or id (default: the most recently analysed)")
	format := fs.String("format", "csv", "csv or json")
	rest, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return errUsage
	}
	if len(rest) > 0 || (*format != "csv" && *format != "json") {
		fmt.Fprintln(e.stderr, "usage: verbatim export quotes [--data DIR] [--study NAME] [--format csv|json]")
		return errUsage
	}
	a, st, err := openStudy(ctx, e, *data, *study, "export quotes")
	if err != nil {
		return err
	}
	defer a.Close()
	if *format == "json" {
		quotes := []app.ExportQuote{}
		if err := a.ExportQuotes(ctx, st.ID, func(q app.ExportQuote) error { quotes = append(quotes, q); return nil }); err != nil {
			return err
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Study  app.StudyRef      `json:"study"`
			Quotes []app.ExportQuote `json:"quotes"`
		}{app.StudyRef{ID: st.ID, Name: st.Name}, quotes})
	}
	w := csv.NewWriter(e.stdout)
	if err := w.Write(app.ExportQuoteColumns); err != nil {
		return err
	}
	if err := a.ExportQuotes(ctx, st.ID, func(q app.ExportQuote) error { return w.Write(q.Row()) }); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

const exportStudyUsage = "usage: verbatim export study [--data DIR] [--study NAME] --format qdpx -o FILE"

// cmdExportStudy writes a study as a REFI-QDA project (.qdpx) that NVivo,
// ATLAS.ti, MAXQDA and QualCoder open: sources, the rings and themes as
// codes, themed quotes as codings, buyers as cases.
func cmdExportStudy(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("export study", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "", "study name or id (default: the most recently analysed)")
	format := fs.String("format", "qdpx", "qdpx (REFI-QDA project)")
	out := fs.String("o", "", "file to write (- for standard output)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return errUsage
	}
	if len(rest) > 0 || *format != "qdpx" || *out == "" {
		fmt.Fprintln(e.stderr, exportStudyUsage)
		return errUsage
	}
	a, st, err := openStudy(ctx, e, *data, *study, "export study")
	if err != nil {
		return err
	}
	defer a.Close()
	if *out == "-" {
		return a.ExportQDPX(ctx, st.ID, e.stdout)
	}
	// Write beside the target and rename, so a failed export leaves no
	// half-written file under the name asked for.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".verbatim-export-*")
	if err != nil {
		return fmt.Errorf("export study: %w", err)
	}
	defer os.Remove(tmp.Name())
	_ = tmp.Chmod(0o644)
	if err := a.ExportQDPX(ctx, st.ID, tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("export study %q: %w", st.Name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export study: %w", err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("export study: %w", err)
	}
	fmt.Fprintf(e.stderr, "wrote %s (REFI-QDA project of study %q)\n", *out, st.Name)
	return nil
}
