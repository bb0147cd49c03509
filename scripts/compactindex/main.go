// Command compactindex merges a data directory's bleve index into one
// segment and waits for it (verbatim's own compaction runs in the
// background and stops with the process). For measurements that must
// start from a compacted index (docs/SCALE.md):
//
//	go run ./scripts/compactindex DATA/index
//
// Like verbatim, it recreates an index of another mapping version empty.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/verbatimhq/verbatim/search/bleveindex"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compactindex INDEXDIR")
		os.Exit(2)
	}
	ix, fresh, err := bleveindex.Open(os.Args[1])
	if err != nil || fresh {
		fmt.Fprintln(os.Stderr, "compactindex: no usable index at", os.Args[1], err)
		os.Exit(1)
	}
	defer ix.Close()
	before, _ := ix.Segments()
	if err := ix.Compact(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "compactindex:", err)
		os.Exit(1)
	}
	after, _ := ix.Segments()
	fmt.Printf("segments: %d -> %d\n", before, after)
}
