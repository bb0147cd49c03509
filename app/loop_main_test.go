package app

import (
	"os"
	"testing"
)

// TestMain removes the analysed demo data directory that the tests
// copy (demoCopy, demoApp), unless it was given ($VERBATIM_TEST_DEMO).
func TestMain(m *testing.M) {
	code := m.Run()
	if demoTemplate.dir != "" && !demoTemplate.given {
		os.RemoveAll(demoTemplate.dir)
	}
	os.Exit(code)
}
