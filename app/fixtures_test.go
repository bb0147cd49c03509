package app

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/samples"
)

// demoApp is the analysed demo study in a data directory of the test's
// own: a copy of one template ingested and analysed once per test binary
// (demoCopy), as ingesting and analysing it for every test would be.
func demoApp(t *testing.T) (*App, persona.Study) {
	t.Helper()
	return demoCopy(t)
}

// demoDataEnv names a data directory holding the analysed demo, as
// internal/demodata writes it: make test builds it once, without the race
// detector, for the app and api tests of its race line (docs/HYGIENE.md,
// Session ciperf12). Unset, demoCopy builds the template itself.
const demoDataEnv = "VERBATIM_TEST_DEMO"

// demoTemplate is a data directory with the analysed demo, built once.
var demoTemplate struct {
	once  sync.Once
	dir   string
	given bool // dir is $VERBATIM_TEST_DEMO's: not this binary's to remove
	err   error
}

// demoCopy opens a fresh copy of the analysed demo: what demoApp gives,
// without ingesting and analysing it again for every test.
func demoCopy(t testing.TB) (*App, persona.Study) {
	t.Helper()
	ctx := context.Background()
	demoTemplate.once.Do(func() {
		if dir := os.Getenv(demoDataEnv); dir != "" {
			// make test built it once (internal/demodata); copies
			// are taken from it, it is never opened here.
			demoTemplate.dir, demoTemplate.given = dir, true
			return
		}
		dir, err := os.MkdirTemp("", "verbatim-app-demo-")
		if err != nil {
			demoTemplate.err = err
			return
		}
		demoTemplate.dir = dir
		a, err := Open(ctx, Config{DataDir: dir}, nil)
		if err != nil {
			demoTemplate.err = err
			return
		}
		_, demoTemplate.err = a.LoadDemo(ctx, samples.FS, samples.StudyName)
		if err := a.Close(); err != nil && demoTemplate.err == nil {
			demoTemplate.err = err
		}
	})
	if demoTemplate.err != nil {
		t.Fatal(demoTemplate.err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(demoTemplate.dir)); err != nil {
		t.Fatal(err)
	}
	a, err := Open(ctx, Config{DataDir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	st, err := a.store.StudyByName(ctx, samples.StudyName)
	if err != nil {
		t.Fatal(err)
	}
	return a, st
}

// headlineQuote is the quote a theme's headline of the study copies.
func headlineQuote(t *testing.T, a *App, studyID int64) persona.Quote {
	t.Helper()
	ctx := context.Background()
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range themes {
		if x.HeadlineQuoteID == 0 || x.Headline == "" {
			continue
		}
		if q, err := a.store.Quote(ctx, x.HeadlineQuoteID); err == nil {
			return q
		}
	}
	t.Fatal("no theme of the study has a headline; the test proves nothing")
	return persona.Quote{}
}

// shownHeadlines reads the study's themes, its report and every persona
// page, as a reader would see them now: the themes, and the headlines and
// pages joined in one text.
func shownHeadlines(t *testing.T, a *App, studyID int64) ([]persona.Theme, string) {
	t.Helper()
	ctx := context.Background()
	themes, err := a.Themes(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, x := range themes {
		shown = append(shown, x.Headline)
	}
	rep, err := a.Report(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range rep.Themes {
		shown = append(shown, x.Headline)
	}
	ps, err := a.store.Personas(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		page, err := a.CachedPersonaJSON(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		shown = append(shown, string(page))
	}
	return themes, strings.Join(shown, "\n")
}

// namedStudy opens a fresh App with a study of two interviews that name
// their buyers (beforeRedaction, then namesSecond), stored as written,
// and returns the first source's id.
func namedStudy(t *testing.T, name string) (*App, persona.Study, int64) {
	t.Helper()
	ctx := context.Background()
	a, st := freshStudy(t, name)
	var first int64
	for i, text := range []string{beforeRedaction, namesSecond} {
		res := a.IngestWith(ctx, st.ID, []string{"a.txt", "b.txt"}[i], strings.NewReader(text), IngestOptions{Force: true})
		if res.Status != StatusOK {
			t.Fatalf("ingest: %+v", res)
		}
		if i == 0 {
			first = res.SourceID
		}
	}
	return a, st, first
}

// storedText is what a source stores of its people and words, lower-case:
// participant labels, speakers and turn texts.
func storedText(t *testing.T, a *App, sourceID int64) string {
	t.Helper()
	ctx := context.Background()
	var stored []string
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{SourceID: sourceID})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		stored = append(stored, p.Label)
	}
	turns, err := a.store.Turns(ctx, sourceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range turns {
		stored = append(stored, tt.Speaker, tt.Text)
	}
	return strings.ToLower(strings.Join(stored, "\n"))
}
