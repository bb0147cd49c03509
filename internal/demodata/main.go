// Command demodata writes a data directory holding the analysed demo
// study, as app.LoadDemo builds it on a first start (without the
// collateral and users serve adds), for the tests to copy:
//
//	go run ./internal/demodata DIR
//
// make test builds it once, without the race detector, and names it in
// $VERBATIM_TEST_DEMO for the race line, whose app and api tests would
// otherwise each ingest and analyse the demo under the detector (~25 s of
// CPU each). It is a test fixture, not part of the product.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/samples"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/demodata DIR")
		os.Exit(2)
	}
	if err := build(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "demodata:", err)
		os.Exit(1)
	}
}

func build(dir string) error {
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DataDir: dir}, nil)
	if err != nil {
		return err
	}
	loaded, err := a.LoadDemo(ctx, samples.FS, samples.StudyName)
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err == nil && !loaded {
		err = fmt.Errorf("%s already holds a study", dir)
	}
	return err
}
