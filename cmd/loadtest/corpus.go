package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// corpusDir, when set, makes the generator draw real sentences.
var corpusDir string

type sentence struct {
	text   string
	tokens []persona.Token
}

var corpus []sentence

// loadCorpus ingests every transcript and survey under dir into a scratch
// data directory (so the real parsers and prose tag them once) and keeps
// their buyer quotes as the sentences to draw from.
func loadCorpus(ctx context.Context, dir string) error {
	tmp, err := os.MkdirTemp("", "loadtest-corpus-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	a, err := app.Open(ctx, app.Config{DataDir: tmp}, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.EnsureStudy(ctx, "corpus")
	if err != nil {
		return err
	}
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.Contains(p, "transcripts") || strings.Contains(p, "interviews") || strings.HasSuffix(p, "survey_2025.csv")) && !strings.HasSuffix(p, "SOURCE.txt") {
			paths = append(paths, p)
		}
		return nil
	})
	a.IngestPaths(ctx, st.ID, paths, nil)
	return a.EachQuotePage(ctx, st.ID, 10000, true, func(qs []persona.Quote) error {
		for _, q := range qs {
			corpus = append(corpus, sentence{q.Text, q.Tokens})
		}
		return nil
	})
}
