package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"
)

// Applying redaction to stored text reaches the text kept of code examples
// held from a source that is away (deleted for a re-ingest that has not
// come yet): the codebook page lists them, so they must not keep what the
// study now redacts.
func TestRedactingStoredTextReachesExamplesHeldFromAnAwaySource(t *testing.T) {
	ctx := context.Background()
	a, study, res, code := anchoredStudy(t)
	q := mustQuote(t, a, res.SourceID, "price was fair")
	if _, err := a.UpdateCode(ctx, code.ID, CodeInput{Name: code.Name, Examples: []int64{q.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteSource(ctx, res.SourceID); err != nil {
		t.Fatal(err)
	}
	un, err := a.UnplacedHeldOf(ctx, study)
	if err != nil || len(un.Examples) != 1 {
		t.Fatalf("held %+v, %v; want the example", un, err)
	}
	const email = "dana.ortiz@example.com"
	if err := a.store.SetHeldText(ctx, un.Examples[0].ID, un.Examples[0].Text+" Write to "+email+".", un.Examples[0].SourceName); err != nil {
		t.Fatal(err)
	}
	// Another source, so the pass has something to read.
	if r := a.IngestWith(ctx, study, "other.txt", strings.NewReader(anchoredTranscript+"Dana: One more thing about pricing tiers.\n"), IngestOptions{Force: true}); r.Status != StatusOK {
		t.Fatalf("ingest: %+v", r)
	}
	redactOn(t, a, study)
	if _, err := a.RedactStored(ctx, study); err != nil {
		t.Fatal(err)
	}
	un, err = a.UnplacedHeldOf(ctx, study)
	if err != nil || len(un.Examples) != 1 {
		t.Fatalf("held after the pass %+v, %v", un, err)
	}
	if strings.Contains(un.Examples[0].Text, email) {
		t.Errorf("a held example keeps an e-mail address the study redacts: %q", un.Examples[0].Text)
	}
}

// A pseudonym the store cannot reserve while the pass reaches the held
// text of an away source stops the pass with that error, and the held text
// is left as it was: text redacted with a number another file may also
// hand out is never stored (redactKept).
func TestHeldTextStaysWhenItsPseudonymCannotBeReserved(t *testing.T) {
	ctx := context.Background()
	a, study, res, code := anchoredStudy(t)
	q := mustQuote(t, a, res.SourceID, "price was fair")
	if _, err := a.UpdateCode(ctx, code.ID, CodeInput{Name: code.Name, Examples: []int64{q.ID}}); err != nil {
		t.Fatal(err)
	}
	if r := a.IngestWith(ctx, study, "other.txt", strings.NewReader(anchoredTranscript+"Dana: One more thing about pricing tiers.\n"), IngestOptions{Force: true}); r.Status != StatusOK {
		t.Fatalf("ingest: %+v", r)
	}
	if err := a.DeleteSource(ctx, res.SourceID); err != nil {
		t.Fatal(err)
	}
	// A first pass numbers everything the sources say, so the second one
	// reserves nothing new until it reaches the held text.
	redactOn(t, a, study)
	if _, err := a.RedactStored(ctx, study); err != nil {
		t.Fatal(err)
	}
	un, err := a.UnplacedHeldOf(ctx, study)
	if err != nil || len(un.Examples) != 1 {
		t.Fatalf("held %+v, %v; want the example", un, err)
	}
	held := un.Examples[0].Text + " Write to dana.ortiz@example.com."
	if err := a.store.SetHeldText(ctx, un.Examples[0].ID, held, un.Examples[0].SourceName); err != nil {
		t.Fatal(err)
	}
	failing := false
	err = a.store.DB().Gorm.Callback().Create().Before("gorm:create").Register("test:fail_pseudonyms", func(db *gorm.DB) {
		if failing && db.Statement.Table == "pseudonyms" {
			_ = db.AddError(errors.New("test: pseudonyms unwritable"))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	failing = true
	_, err = a.RedactStored(ctx, study)
	failing = false
	if err == nil || !strings.Contains(err.Error(), "pseudonyms unwritable") {
		t.Errorf("pass error %v; want the failed reserve", err)
	}
	un, err = a.UnplacedHeldOf(ctx, study)
	if err != nil || len(un.Examples) != 1 {
		t.Fatalf("held after the pass %+v, %v", un, err)
	}
	if un.Examples[0].Text != held {
		t.Errorf("held text stored after a failed reserve: %q; want it unchanged %q", un.Examples[0].Text, held)
	}
}
