package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/verbatimhq/verbatim/persona/analysis"
)

func cmdEval(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	labels := fs.String("labels", "", "CSV file of labelled texts")
	textCol := fs.String("text-col", "text", "column holding the text")
	labelCol := fs.String("label-col", "label", "column holding the human label")
	k := fs.Int("k", 0, "number of groups (0 chooses it automatically)")
	seed := fs.Int64("seed", 1, "random seed")
	asJSON := fs.Bool("json", false, `print {"n","k","nmi","ari","acc"}`)
	if _, err := parseInterspersed(fs, args); err != nil {
		return errUsage
	}
	if *labels == "" {
		fmt.Fprintln(e.stderr, "usage: verbatim eval --labels FILE.csv --text-col COL --label-col COL [--k N] [--json]")
		return errUsage
	}
	f, err := os.Open(*labels)
	if err != nil {
		return err
	}
	defer f.Close()
	texts, truth, err := analysis.ReadLabels(f, *textCol, *labelCol)
	if err != nil {
		return fmt.Errorf("%s: %w", *labels, err)
	}
	start := time.Now()
	res, err := analysis.Evaluate(texts, truth, analysis.EvalOptions{K: *k, Seed: *seed})
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(res)
	}
	fmt.Fprintf(e.stdout, "texts %d  k %d  NMI %.3f  ARI %.3f  ACC %.3f  (%.1fs)\n",
		res.N, res.K, res.NMI, res.ARI, res.ACC, time.Since(start).Seconds())
	return nil
}
