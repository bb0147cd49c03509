package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

// cmdAttributes sets participants' attributes from a CSV with columns
// source,label,ATTRIBUTE... (e.g. the interviewees' role and company size).
func cmdAttributes(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("attributes", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	study := fs.String("study", "Default", "study whose participants to update")
	files, err := parseInterspersed(fs, args)
	if err != nil || len(files) != 1 {
		fmt.Fprintln(e.stderr, "usage: verbatim attributes [--data DIR] [--study NAME] FILE.csv  (columns: source,label,ATTRIBUTE...)")
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
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := a.ApplyAttributes(ctx, st.ID, f)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	fmt.Fprintf(e.stdout, "updated %d participants\n", n)
	return nil
}
