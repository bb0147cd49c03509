package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// lateUpload names a third buyer; it is read (prepared) before the study
// redacts and stored later, as an upload that began before a researcher
// turned redaction on.
const lateUpload = `Interviewer: What did you try before?
Priya Raman: I am Priya Raman, I lead procurement. Mail me at priya.raman@example.org about the contract terms.
Interviewer: And the renewal?
Priya Raman: The renewal price went up again, so we are looking at other vendors this quarter.
`

// An ingest racing a redaction pass: whatever the order, every source
// stored while the study redacts ends redacted, and none is rewritten
// twice. A file prepared before redaction was on and stored during the
// pass or after it ended is redacted as it is stored; a file ingested
// during the pass with redaction on is redacted at ingest. The pass reads
// every source stored before it ends, once (listing the sources again at
// its end), and finds nothing more in those.
func TestIngestRacingARedactionPass(t *testing.T) {
	cases := []struct {
		name string
		// when the late file is stored: "during" (after the pass's first
		// source) or "after" (once the pass ended).
		when string
		// prepared says whether it was prepared before redaction was on.
		preparedBefore bool
	}{
		{"prepared before, stored during the pass", "during", true},
		{"prepared before, stored after the pass", "after", true},
		{"ingested during the pass with redaction on", "during", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			a, st, first := namedStudy(t, "race")
			var early prepared
			if c.preparedBefore {
				opt, err := a.withRedaction(ctx, st.ID, IngestOptions{Force: true})
				if err != nil || opt.redaction != nil {
					t.Fatalf("redaction before it is on: %v %v", opt.redaction, err)
				}
				early = a.prepare("c.txt", strings.NewReader(lateUpload), opt)
			}
			redactOn(t, a, st.ID)
			store := func() FileResult {
				if c.preparedBefore {
					return a.storePrepared(ctx, st.ID, early)
				}
				return a.IngestWith(ctx, st.ID, "c.txt", strings.NewReader(lateUpload), IngestOptions{Force: true})
			}
			var late FileResult
			reads := map[int64]int{}
			a.redacting.afterSource = func(_, sourceID int64) {
				reads[sourceID]++
				if sourceID == first && c.when == "during" {
					late = store()
				}
			}
			pass, err := a.RedactStored(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if c.when == "after" {
				late = store()
			}
			if late.Status != StatusOK {
				t.Fatalf("late file: %+v", late)
			}
			a.WaitAnalyses()
			if c.when == "during" {
				if reads[late.SourceID] != 1 {
					t.Errorf("the pass read the file stored during it %d times; want once", reads[late.SourceID])
				}
				if pass.Sources != 3 || pass.Done != 3 {
					t.Errorf("pass %+v; want 3 of 3 sources read", pass)
				}
				// The two stored before redaction; the late one was
				// redacted as it was stored, so the pass finds nothing
				// more in it.
				if pass.Changed != 2 {
					t.Errorf("pass changed %d sources; want 2", pass.Changed)
				}
			}
			for id, n := range reads {
				if n > 1 {
					t.Errorf("source %d read %d times by one pass", id, n)
				}
			}
			all := storedText(t, a, late.SourceID)
			for _, w := range []string{"priya", "raman", "example.org"} {
				if strings.Contains(all, w) {
					t.Errorf("the late file still stores %q", w)
				}
				if n := hits(t, a, st.ID, w); n != 0 {
					t.Errorf("%q still finds %d quotes", w, n)
				}
			}
			if err := a.CheckIndex(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}

// A REFI-QDA project imported into a redacting study is redacted: one
// read (prepared) before the study redacted and stored after, and one of
// Verbatim's own layout imported while it redacts (its sources were
// stored as written before: the e-mail stayed).
func TestProjectImportedIntoARedactingStudyIsRedacted(t *testing.T) {
	for _, before := range []bool{true, false} {
		t.Run(fmt.Sprintf("prepared before redaction %v", before), func(t *testing.T) {
			ctx := context.Background()
			a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			from, err := a.CreateStudy(ctx, "export")
			if err != nil {
				t.Fatal(err)
			}
			if res := a.IngestWith(ctx, from.ID, "c.txt", strings.NewReader(lateUpload), IngestOptions{Force: true}); res.Status != StatusOK {
				t.Fatalf("ingest: %+v", res)
			}
			var project strings.Builder
			if err := a.ExportQDPX(ctx, from.ID, &project); err != nil {
				t.Fatal(err)
			}
			st, err := a.CreateStudy(ctx, "import")
			if err != nil {
				t.Fatal(err)
			}
			var res FileResult
			if before {
				opt, err := a.withRedaction(ctx, st.ID, IngestOptions{Force: true})
				if err != nil {
					t.Fatal(err)
				}
				early := a.prepare("project.qdpx", strings.NewReader(project.String()), opt)
				redactOn(t, a, st.ID)
				res = a.storePrepared(ctx, st.ID, early)
			} else {
				redactOn(t, a, st.ID)
				res = a.IngestWith(ctx, st.ID, "project.qdpx", strings.NewReader(project.String()), IngestOptions{Force: true})
			}
			if res.Status != StatusOK || res.SourceID == 0 {
				t.Fatalf("import: %+v", res)
			}
			all := storedText(t, a, res.SourceID)
			if !strings.Contains(all, "procurement") {
				t.Fatalf("the imported source holds %q; the test proves nothing", all)
			}
			for _, w := range []string{"priya", "raman", "example.org"} {
				if strings.Contains(all, w) {
					t.Errorf("the project imported into a redacting study stores %q", w)
				}
				if n := hits(t, a, st.ID, w); n != 0 {
					t.Errorf("%q finds %d quotes", w, n)
				}
			}
		})
	}
}
