package app

import (
	"os"
	"testing"
)

// TestMain removes the analysed demo data directory that the tests
// copy (demoCopy, demoApp).
func TestMain(m *testing.M) {
	code := m.Run()
	if demoTemplate.dir != "" {
		os.RemoveAll(demoTemplate.dir)
	}
	os.Exit(code)
}
