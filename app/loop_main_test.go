package app

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/samples"
)

// TestMain removes the analysed demo data directory the wave, win/loss,
// answer and tracker tests copy (demoCopy).
func TestMain(m *testing.M) {
	code := m.Run()
	if demoTemplate.dir != "" {
		os.RemoveAll(demoTemplate.dir)
	}
	os.Exit(code)
}

// demoTemplate is a data directory with the analysed demo, built once.
var demoTemplate struct {
	once sync.Once
	dir  string
	err  error
}

// demoCopy opens a fresh copy of the analysed demo: what demoApp gives,
// without ingesting and analysing it again for every test.
func demoCopy(t testing.TB) (*App, persona.Study) {
	t.Helper()
	ctx := context.Background()
	demoTemplate.once.Do(func() {
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
