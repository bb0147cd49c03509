package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

const anchoredTranscript = `Interviewer: How did you choose your current tool?
Dana: We picked it because the price was fair for a team of our size. The security review took three months though.
Interviewer: And for you, Sam?
Sam: Honestly the onboarding was painful and nobody trained us. We still export everything to spreadsheets every week.
Interviewer: Anything about the contract?
Dana: The yearly contract locked us in and we regretted it. Migration of old recordings was the hardest part.
Sam: Support answered within a day, which mattered to our team more than features.
`

// freshStudy opens an App in a temporary data directory (closed when the
// test ends) with one empty study of that name.
func freshStudy(t *testing.T, name string) (*App, persona.Study) {
	t.Helper()
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	st, err := a.CreateStudy(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	return a, st
}

// anchoredStudy ingests the transcript into a fresh study and returns the
// app, the study, the source and a code.
func anchoredStudy(t *testing.T) (*App, int64, FileResult, persona.Code) {
	t.Helper()
	ctx := context.Background()
	a, st := freshStudy(t, "anchors")
	res := a.IngestWith(ctx, st.ID, "call-dana-sam.txt", strings.NewReader(anchoredTranscript), IngestOptions{Force: true})
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	c, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "pain"})
	if err != nil {
		t.Fatal(err)
	}
	return a, st.ID, res, c
}

// quoteWith is the source's quote whose text holds s.
func quoteWith(t *testing.T, a *App, sourceID int64, s string) (persona.Quote, bool) {
	t.Helper()
	qs, err := a.store.Quotes(context.Background(), store.QuoteFilter{SourceID: sourceID, NoTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if strings.Contains(q.Text, s) {
			return q, true
		}
	}
	return persona.Quote{}, false
}

// codedTexts maps each coded quote's text to its coder names.
func codedTexts(t *testing.T, a *App, studyID int64) map[string][]string {
	t.Helper()
	ctx := context.Background()
	cs, err := a.store.Codings(ctx, store.CodingFilter{StudyID: studyID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, c := range cs {
		q, err := a.store.Quote(ctx, c.QuoteID)
		if err != nil {
			t.Fatal(err)
		}
		out[q.Text] = append(out[q.Text], c.Coder)
	}
	return out
}

func TestCodingsFollowTheTextThroughRecutting(t *testing.T) {
	ctx := context.Background()
	ann := Actor{ID: 7, Name: "ann"}
	coded := []string{"price was fair", "onboarding was painful", "yearly contract"}
	cases := []struct {
		name string
		// recut changes the source's quotes and returns the source now.
		recut func(t *testing.T, a *App, study, src int64) int64
		// placed are the coded texts expected on a quote afterwards;
		// unplaced those expected in the list for the researcher.
		placed, unplaced []string
	}{
		{"role change makes a coded buyer the interviewer", func(t *testing.T, a *App, study, src int64) int64 {
			sam := participantLabelled(t, a, src, "Sam")
			if _, err := a.SetRole(ctx, sam.ID, true); err != nil {
				t.Fatal(err)
			}
			return src
		}, []string{"price was fair", "yearly contract"}, []string{"onboarding was painful"}},
		{"role change and back", func(t *testing.T, a *App, study, src int64) int64 {
			sam := participantLabelled(t, a, src, "Sam")
			for _, interviewer := range []bool{true, false} {
				if _, err := a.SetRole(ctx, sam.ID, interviewer); err != nil {
					t.Fatal(err)
				}
			}
			return src
		}, coded, nil},
		{"re-ingest of the same file", func(t *testing.T, a *App, study, src int64) int64 {
			if err := a.DeleteSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			res := a.IngestWith(ctx, study, "call-dana-sam.txt", strings.NewReader(anchoredTranscript), IngestOptions{Force: true})
			if res.Status != StatusOK || res.CodingsPlaced != 3 || res.CodingsUnplaced != 0 {
				t.Fatalf("re-ingest: %+v; want 3 codings placed", res)
			}
			return res.SourceID
		}, coded, nil},
		{"re-ingest of an edited version", func(t *testing.T, a *App, study, src int64) int64 {
			if err := a.DeleteSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			edited := strings.Replace(anchoredTranscript, "nobody trained us", "nobody showed us anything", 1)
			edited = strings.Replace(edited, "Interviewer: How did", "Interviewer: Thanks for joining. How did", 1)
			res := a.IngestWith(ctx, study, "call-dana-sam.txt", strings.NewReader(edited), IngestOptions{Force: true})
			if res.Status != StatusOK || res.CodingsPlaced != 2 || res.CodingsUnplaced != 1 {
				t.Fatalf("re-ingest: %+v; want 2 codings placed, 1 not", res)
			}
			return res.SourceID
		}, []string{"price was fair", "yearly contract"}, []string{"onboarding was painful"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, study, res, code := anchoredStudy(t)
			before := map[string]int64{}
			for _, s := range coded {
				q, ok := quoteWith(t, a, res.SourceID, s)
				if !ok {
					t.Fatalf("no quote holds %q", s)
				}
				before[s] = q.ID
				if _, err := a.CodeQuote(ctx, q.ID, code.ID, ann); err != nil {
					t.Fatal(err)
				}
			}
			src := tc.recut(t, a, study, res.SourceID)
			got := codedTexts(t, a, study)
			for _, s := range tc.placed {
				q, ok := quoteWith(t, a, src, s)
				if !ok {
					t.Fatalf("no quote holds %q after re-cutting", s)
				}
				if q.ID == before[s] {
					t.Errorf("%q kept quote id %d; the test did not re-cut it", s, q.ID)
				}
				if cs := got[q.Text]; len(cs) != 1 || cs[0] != ann.Name {
					t.Errorf("%q is coded by %v after re-cutting; want [ann]", s, cs)
				}
			}
			un, err := a.UnplacedCodings(ctx, study, ann)
			if err != nil {
				t.Fatal(err)
			}
			if len(un) != len(tc.unplaced) {
				t.Fatalf("unplaced %+v; want %v", un, tc.unplaced)
			}
			for i, s := range tc.unplaced {
				if !strings.Contains(un[i].Text, s) || un[i].Code != "pain" || un[i].Coder != ann.Name || un[i].SourceName != "call-dana-sam.txt" {
					t.Errorf("unplaced %+v; want %q coded pain by ann", un[i], s)
				}
				if len(got) != len(tc.placed) {
					t.Errorf("coded quotes %v; want only %v", got, tc.placed)
				}
				if err := a.DismissUnplaced(ctx, study, un[i].ID); err != nil {
					t.Fatal(err)
				}
			}
			if un, _ := a.UnplacedCodings(ctx, study, ann); len(un) != 0 {
				t.Errorf("after dismissing: %+v", un)
			}
		})
	}
}

// participantLabelled is the source's participant of that label.
func participantLabelled(t *testing.T, a *App, sourceID int64, label string) persona.Participant {
	t.Helper()
	ps, err := a.store.Participants(context.Background(), store.ParticipantFilter{SourceID: sourceID})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Label == label {
			return p
		}
	}
	t.Fatalf("source %d has no participant %q", sourceID, label)
	return persona.Participant{}
}
