package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

// A theme's headline is a copy of one quote's text. Once its speaker is
// deleted, the headline is not shown any more, also before the
// re-analysis the deletion queues has run.
func TestDeletedParticipantsHeadlineIsNotShown(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	q := headlineQuote(t, a, st.ID)
	// The re-analysis waits until the checks are done.
	a.analyzeMu.Lock()
	if _, _, _, err := a.DeleteParticipant(ctx, q.ParticipantID); err != nil {
		a.analyzeMu.Unlock()
		t.Fatal(err)
	}
	assertQuoteForgotten(t, a, st.ID, q)
}

// Originals an admin chose to keep are the real names, e-mails and
// numbers behind the pseudonyms. Deleting a participant deletes those
// only their words showed; one that the rest of the source still shows
// (the interviewer says her name) stays.
func TestDeletingAParticipantDropsTheOriginalsOnlyTheyShowed(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.CreateStudy(ctx, "kept originals")
	if err != nil {
		t.Fatal(err)
	}
	priv, err := a.Privacy(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	priv.Redact, priv.KeepOriginals = true, true
	if _, err := a.SetPrivacy(ctx, priv); err != nil {
		t.Fatal(err)
	}
	text := "Interviewer: Thanks for joining, Dana. How did you choose your current tool?\n" +
		"Dana Ortiz: We picked it because the price was fair for a team of our size. Write to me at dana.ortiz@example.com if you need the numbers.\n" +
		"Interviewer: And the onboarding?\n" +
		"Dana Ortiz: Honestly the onboarding was painful, so I called +44 20 7946 0958 every week.\n"
	res := a.IngestWith(ctx, st.ID, "call.txt", strings.NewReader(text), IngestOptions{Force: true})
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	before, err := a.Originals(ctx, res.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	has := func(os []persona.Original, s string) bool {
		for _, o := range os {
			if strings.Contains(o.Original, s) {
				return true
			}
		}
		return false
	}
	for _, s := range []string{"Dana", "example.com", "7946"} {
		if !has(before, s) {
			t.Fatalf("originals %+v lack %q; the test proves nothing", before, s)
		}
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{SourceID: res.SourceID})
	if err != nil {
		t.Fatal(err)
	}
	var buyer persona.Participant
	for _, p := range parts {
		if !p.Interviewer {
			buyer = p
		}
	}
	if _, _, _, err := a.DeleteParticipant(ctx, buyer.ID); err != nil {
		t.Fatal(err)
	}
	a.WaitAnalyses()
	after, err := a.Originals(ctx, res.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"example.com", "7946"} {
		if has(after, s) {
			t.Errorf("after deleting her, the kept originals still hold %q: %+v", s, after)
		}
	}
	if !has(after, "Dana") {
		t.Errorf("the interviewer's text still shows her pseudonym, yet its original went: %+v", after)
	}
}

// failingDeletes is an index whose Delete always fails.
type failingDeletes struct{ search.Indexer }

func (failingDeletes) Delete(context.Context, []int64) error {
	return errors.New("index unavailable")
}

// When a deletion fails part-way (here the index refuses), the quotes whose
// rows did go still leave the stored themes: their text is not shown as a
// headline until the next analysis. Before, the error returned first.
func TestAFailedDeletionStillForgetsTheQuotesThatWent(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	q := headlineQuote(t, a, st.ID)
	a.index = failingDeletes{a.index}
	if _, _, _, err := a.DeleteParticipant(ctx, q.ParticipantID); err == nil {
		t.Fatal("the deletion reported no error; the test proves nothing")
	}
	if _, err := a.store.Quote(ctx, q.ID); !errors.Is(err, persona.ErrNotFound) {
		t.Fatalf("the quote's row is still there (%v); the test proves nothing", err)
	}
	a.analyzeMu.Lock()
	assertQuoteForgotten(t, a, st.ID, q)
}

// assertQuoteForgotten fails t when a theme, as stored or as shown before
// the re-analysis runs, still holds deleted quote q. It reads the themes
// under analyzeMu (held by the caller), releases it, and waits for the
// scheduled re-analysis.
func assertQuoteForgotten(t *testing.T, a *App, studyID int64, q persona.Quote) {
	t.Helper()
	themes, shown := shownHeadlines(t, a, studyID)
	a.analyzeMu.Unlock()
	a.WaitAnalyses()
	for _, x := range themes {
		for _, id := range append(x.TopQuoteIDs, x.HeadlineQuoteID) {
			if id == q.ID {
				t.Errorf("theme %d still refers to the deleted quote %d", x.ID, q.ID)
			}
		}
	}
	if strings.Contains(shown, q.Text) {
		t.Errorf("the deleted quote %q is still shown as a headline before the re-analysis", q.Text)
	}
}
