package main

import (
	"os"
	"sync"
	"testing"
)

// dataTemplates are data directories that several tests start from,
// each built once per test binary by the CLI itself and copied for every
// test that asks, since ingesting and analysing the samples again for
// each test costs more than the test.
var dataTemplates struct {
	mu   sync.Mutex
	dirs map[string]*dataTemplate
}

type dataTemplate struct {
	once sync.Once
	dir  string
	err  string
}

// copiedData is a fresh copy of the data directory build made under
// name (build runs once; it fails the test that ran it, and every later
// one, when it cannot build).
func copiedData(t *testing.T, name string, build func(t *testing.T, data string)) string {
	t.Helper()
	dataTemplates.mu.Lock()
	if dataTemplates.dirs == nil {
		dataTemplates.dirs = map[string]*dataTemplate{}
	}
	tpl := dataTemplates.dirs[name]
	if tpl == nil {
		tpl = &dataTemplate{}
		dataTemplates.dirs[name] = tpl
	}
	dataTemplates.mu.Unlock()
	tpl.once.Do(func() {
		dir, err := os.MkdirTemp("", "verbatim-cli-"+name+"-")
		if err != nil {
			tpl.err = err.Error()
			return
		}
		tpl.dir = dir
		built := false
		t.Run("build "+name, func(t *testing.T) {
			build(t, dir)
			built = !t.Failed()
		})
		if !built {
			tpl.err = "building the " + name + " data failed"
		}
	})
	if tpl.err != "" {
		t.Fatal(tpl.err)
	}
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(tpl.dir)); err != nil {
		t.Fatal(err)
	}
	return data
}

// interviewSamples is a fresh data directory with the sample interviews
// ingested into the study Demo by the CLI, not analysed (a copy of one
// made once): the analysed template, the stage timings and the share
// command start from it.
func interviewSamples(t *testing.T) string {
	t.Helper()
	return copiedData(t, "interviews", func(t *testing.T, data string) {
		if code, _, errs := runCLI(t, "ingest", "--data", data, "--study", "Demo", "../../samples/interviews"); code != 0 {
			t.Fatalf("ingest: %s", errs)
		}
	})
}

// copyDir copies the data directory from into the empty directory to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

// removeDataTemplates removes the templates once the tests are done.
func removeDataTemplates() {
	dataTemplates.mu.Lock()
	defer dataTemplates.mu.Unlock()
	for _, tpl := range dataTemplates.dirs {
		if tpl.dir != "" {
			os.RemoveAll(tpl.dir)
		}
	}
}
