package app

import (
	"context"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/store"
)

// Two uploads to a redacting study prepared at the same time (each with
// the study's pseudonyms as stored when it began) never give two people
// one pseudonym, nor one person two: numbers are handed out by the store,
// one at a time per study.
func TestFilesRedactedAtOnceShareOnePseudonymMapping(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.CreateStudy(ctx, "uploads at once")
	if err != nil {
		t.Fatal(err)
	}
	redactOn(t, a, st.ID)
	call := func(name, file string) string {
		return "Interviewer: How did you choose your current tool? This is call " + file + ".\n" +
			name + ": The price was fair for a team of our size, and the onboarding was quick.\n" +
			"Interviewer: And the renewal?\n" +
			name + ": Renewals kept going up every single year, so we looked elsewhere.\n"
	}
	files := []struct{ file, speaker string }{
		{"a.txt", "Priya Raman"}, {"b.txt", "Marcus Bell"}, {"c.txt", "Jonas Whitfield"}, {"d.txt", "Jonas Whitfield"},
	}
	// Every file is prepared before any is stored, as by parallel uploads.
	var ready []prepared
	for _, f := range files {
		opt, err := a.withRedaction(ctx, st.ID, IngestOptions{Force: true})
		if err != nil || opt.redaction == nil {
			t.Fatalf("redaction: %v", err)
		}
		ready = append(ready, a.prepare(f.file, strings.NewReader(call(f.speaker, f.file)), opt))
	}
	label := map[string]string{} // speaker -> pseudonym
	byLabel := map[string]string{}
	for i, p := range ready {
		res := a.storePrepared(ctx, st.ID, p)
		if res.Status != StatusOK {
			t.Fatalf("%s: %+v", files[i].file, res)
		}
		parts, err := a.store.Participants(ctx, store.ParticipantFilter{SourceID: res.SourceID})
		if err != nil {
			t.Fatal(err)
		}
		for _, pp := range parts {
			if pp.Interviewer {
				continue
			}
			who := files[i].speaker
			if l, ok := label[who]; ok && l != pp.Label {
				t.Errorf("%s is %s in one file and %s in another", who, l, pp.Label)
			}
			if other, ok := byLabel[pp.Label]; ok && other != who {
				t.Errorf("%s and %s share the pseudonym %s", other, who, pp.Label)
			}
			label[who], byLabel[pp.Label] = pp.Label, who
		}
	}
	if len(label) != 3 {
		t.Errorf("pseudonyms %v; want one for each of the 3 people", label)
	}
}
