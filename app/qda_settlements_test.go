package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// settledAs is a settlement as a reader of two studies can compare it:
// the quote's text, the coder whose codes were chosen (or "both",
// "none"), the settled code names and who settled.
type settledAs struct{ text, chose, codes, by string }

func studySettlements(t *testing.T, a *App, studyID int64) map[settledAs]bool {
	t.Helper()
	ctx := context.Background()
	ss, err := a.store.Settlements(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	byID, _, err := a.studyCodes(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	names := map[int64]string{}
	cs, err := a.visibleCodings(ctx, studyID, Actor{ID: VerbatimCoder})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		names[c.CoderID] = c.Coder
	}
	out := map[settledAs]bool{}
	for _, s := range ss {
		q, err := a.store.Quote(ctx, s.QuoteID)
		if err != nil {
			t.Fatal(err)
		}
		chose := s.Choice
		switch s.Choice {
		case persona.SettleFirst:
			chose = names[s.Coders[0]]
		case persona.SettleSecond:
			chose = names[s.Coders[1]]
		}
		var codes []string
		for _, id := range s.CodeIDs {
			codes = append(codes, byID[id].Name)
		}
		sort.Strings(codes)
		out[settledAs{q.Text, chose, strings.Join(codes, "; "), s.By}] = true
	}
	return out
}

// Settlements travel in the .qdpx export as notes referred to from the
// settled quotes' selections, and a fresh data directory importing it has
// the same settlements (which coder's codes were chosen, the codes, who
// settled) and so the same figures against the consensus.
func TestQDPXCarriesSettlements(t *testing.T) {
	a, st := demoCopy(t)
	ctx := context.Background()
	x, y, ann, bob := settlingCoders(t, a, st.ID)
	q := sourceQuotes(t, a, st.ID, 4)
	codeQuotes(t, a, q, []coded{{ann, 0, x.ID}, {ann, 1, y.ID}, {ann, 2, x.ID}, {bob, 0, y.ID}, {bob, 1, y.ID}, {bob, 1, x.ID}, {bob, 2, y.ID}, {ann, 3, y.ID}})
	// One settlement of each choice; the "none" one is on a quote bob did
	// not code and no theme may hold, so its selection exists for the note.
	for i, choice := range []string{persona.SettleFirst, persona.SettleSecond, persona.SettleBoth, persona.SettleNone} {
		first, second := ann, bob
		if i == 1 {
			first, second = bob, ann // stored in the pair's order, read back the same
		}
		if _, err := a.Settle(ctx, q[i].ID, first.ID, second.ID, choice, ann); err != nil {
			t.Fatal(err)
		}
	}
	want := studySettlements(t, a, st.ID)
	if len(want) != 4 {
		t.Fatalf("settlements %v; want 4", want)
	}
	wantCodings := studyCodings(t, a, st.ID)

	p, b, cp, res := qdpxCopy(t, a, st.ID)
	if len(p.Notes) != 4 {
		t.Fatalf("the file has %d notes; want one per settlement", len(p.Notes))
	}
	refs := 0
	for _, s := range p.Sources {
		for _, sel := range s.Selections {
			refs += len(sel.NoteGUIDs)
		}
	}
	if refs != 4 || !strings.Contains(p.Notes[0].Text, "settled by ann") {
		t.Errorf("%d selections refer to a note; first note %q", refs, p.Notes[0].Text)
	}

	if res.Status != StatusOK || !strings.Contains(strings.Join(res.Warnings, "|"), "4 settled disagreements") {
		t.Fatalf("import: %+v", res)
	}
	got := studySettlements(t, b, cp.ID)
	for s := range want {
		if !got[s] {
			t.Errorf("the copy lacks the settlement %+v (has %v)", s, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("the copy has %d settlements; want %d", len(got), len(want))
	}
	gotCodings := studyCodings(t, b, cp.ID)
	for c := range wantCodings {
		if !gotCodings[c] {
			t.Errorf("the copy lacks the coding %+v", c)
		}
	}
	// The consensus is compared on the settled quotes, as in the original.
	consensus := func(a *App, studyID int64) map[string]string {
		rep, err := a.Agreement(ctx, studyID, Actor{ID: 99})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, c := range rep.Comparisons {
			if len(c.Coders) == 2 && c.Coders[1].Name == ConsensusCoderName && c.Coders[0].Name != VerbatimCoderName {
				out[c.Coders[0].Name] = fmt.Sprintf("%.3f over %d", c.Overall.Percent.Value, c.Compared)
			}
		}
		return out
	}
	wc, gc := consensus(a, st.ID), consensus(b, cp.ID)
	if len(wc) != 2 {
		t.Fatalf("the original compares %v with the consensus; want ann and bob", wc)
	}
	for k, v := range wc {
		if gc[k] != v {
			t.Errorf("%s vs Consensus: %s in the copy; %s in the original", k, gc[k], v)
		}
	}
}
