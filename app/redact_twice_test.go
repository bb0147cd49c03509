package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/store"
)

// A source a pass rewrote but did not record as finished (a crash between
// the two) is read again when the pass resumes: a second pass over text
// already redacted changes nothing, so nothing is redacted twice.
func TestRedactStoredTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.CreateStudy(ctx, "twice")
	if err != nil {
		t.Fatal(err)
	}
	res := a.IngestWith(ctx, st.ID, "interview-dana-ortiz.txt", strings.NewReader(beforeRedaction), IngestOptions{Force: true})
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	if err := a.EnableRedaction(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if p, err := a.RedactStored(ctx, st.ID); err != nil || p.Changed != 1 {
		t.Fatalf("first pass %+v %v", p, err)
	}
	before, _ := a.store.Quotes(ctx, store.QuoteFilter{SourceID: res.SourceID})
	p, err := a.RedactStored(ctx, st.ID)
	if err != nil || p.Changed != 0 {
		t.Errorf("second pass %+v %v; want nothing changed", p, err)
	}
	after, _ := a.store.Quotes(ctx, store.QuoteFilter{SourceID: res.SourceID})
	for i := range before {
		if i < len(after) && before[i].Text != after[i].Text {
			t.Errorf("quote %d: %q became %q", before[i].ID, before[i].Text, after[i].Text)
		}
	}
	a.WaitAnalyses()
}
