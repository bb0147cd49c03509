package app

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// settlingCoders makes two codes in the study, "Price pressure" (x) and
// "Trust" (y), for the two coders ann and bob to disagree on.
func settlingCoders(t *testing.T, a *App, studyID int64) (x, y persona.Code, ann, bob Actor) {
	t.Helper()
	ctx := context.Background()
	x, err := a.CreateCode(ctx, studyID, CodeInput{Name: "Price pressure", Ring: "barriers"})
	if err != nil {
		t.Fatal(err)
	}
	y, err = a.CreateCode(ctx, studyID, CodeInput{Name: "Trust"})
	if err != nil {
		t.Fatal(err)
	}
	return x, y, Actor{ID: 11, Name: "ann"}, Actor{ID: 12, Name: "bob"}
}

// settledDemo is a demo copy with two settled disagreements between ann
// and bob, on the first two of the returned quotes.
func settledDemo(t *testing.T) (*App, persona.Study, []persona.Quote) {
	t.Helper()
	a, st := demoCopy(t)
	ctx := context.Background()
	x, y, ann, bob := settlingCoders(t, a, st.ID)
	q := sourceQuotes(t, a, st.ID, 2)
	codeQuotes(t, a, q, []coded{{ann, 0, x.ID}, {bob, 0, y.ID}, {ann, 1, x.ID}, {bob, 1, y.ID}})
	for i := range q {
		if _, err := a.Settle(ctx, q[i].ID, ann.ID, bob.ID, persona.SettleFirst, ann); err != nil {
			t.Fatal(err)
		}
	}
	return a, st, q
}

// failQueries makes every read of table fail while *on is true.
func failQueries(t *testing.T, a *App, table string, on *bool) {
	t.Helper()
	err := a.store.DB().Gorm.Callback().Query().Before("gorm:query").Register("test:fail_"+table, func(db *gorm.DB) {
		if *on && db.Statement.Table == table {
			_ = db.AddError(errors.New("test: " + table + " unreadable"))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// An export whose reading of the settled quotes fails is an error naming
// what it was doing, not a project silently missing its settlements.
func TestQDPXExportFailsWhenSettledQuotesCannotBeRead(t *testing.T) {
	a, st, _ := settledDemo(t)
	failing := false
	failQueries(t, a, "quotes", &failing)
	var p qdpx.Project
	failing = true
	notes, err := a.qdaSettlements(context.Background(), st.ID, &p)
	failing = false
	if err == nil {
		t.Fatalf("settlements exported as %d notes though their quotes could not be read", len(p.Notes))
	}
	if !strings.Contains(err.Error(), "settlements") || !strings.Contains(err.Error(), "unreadable") {
		t.Errorf("error %q does not say it was exporting settlements and why it failed", err)
	}
	if len(notes) != 0 {
		t.Errorf("notes %v returned with the error", notes)
	}
}

// A settlement whose quote is gone is left out of the export (no note
// referred to from nowhere) and counted in the log; the others stay.
func TestQDPXExportSkipsSettlementsOfGoneQuotes(t *testing.T) {
	a, st, q := settledDemo(t)
	ctx := context.Background()
	var logs bytes.Buffer
	a.Log = slog.New(slog.NewTextHandler(&logs, nil))
	// The foreign key would take the settlement with the quote: delete the
	// quote on one connection with the keys off, as a concurrent re-cut
	// between listing settlements and reading their quotes leaves it.
	err := a.store.DB().Gorm.Connection(func(tx *gorm.DB) error {
		if err := tx.Exec("PRAGMA foreign_keys = OFF").Error; err != nil {
			return err
		}
		defer tx.Exec("PRAGMA foreign_keys = ON")
		return tx.Exec("DELETE FROM quotes WHERE id = ?", q[0].ID).Error
	})
	if err != nil {
		t.Fatal(err)
	}
	var p qdpx.Project
	notes, err := a.qdaSettlements(ctx, st.ID, &p)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := notes[q[0].ID]; ok {
		t.Errorf("the settlement of the gone quote %d was exported", q[0].ID)
	}
	if len(notes[q[1].ID]) != 1 || len(p.Notes) != 1 {
		t.Errorf("notes %v (%d in the project); want the one settlement of quote %d", notes, len(p.Notes), q[1].ID)
	}
	if !strings.Contains(logs.String(), "skipped=1") {
		t.Errorf("the log does not count the skipped settlement: %q", logs.String())
	}
}

// An import whose look-up of a settler or coder by name fails is an
// error, not a settlement stored as if no such user existed.
func TestQDPXImportFailsWhenUsersCannotBeRead(t *testing.T) {
	a, st, q := settledDemo(t)
	ctx := context.Background()
	note := qdpx.Note{GUID: "n1", Text: settlementNote{coders: [2]string{"ann", "bob"}, choice: persona.SettleSecond, by: "ann"}.text()}
	failing := false
	failQueries(t, a, "users", &failing)
	failing = true
	n, err := a.importQDASettlements(ctx, st.ID, []qdpx.Note{note}, map[string][]int64{"n1": {q[0].ID}})
	failing = false
	if err == nil || !strings.Contains(err.Error(), "unreadable") {
		t.Errorf("import stored %d settlements, error %v; want the user look-up's error", n, err)
	}
}
