package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
)

// twoCalls is one buyer, Dana Ortiz, interviewed in two files, and another
// buyer in the second; each of Dana's turns holds a word only she says in
// that file (zephyrine, quillwort).
func twoCalls(i int) string {
	own := []string{"zephyrine", "quillwort"}[i]
	s := fmt.Sprintf(`Interviewer: How do you run invoicing today?
Dana Ortiz: We keep the %s spreadsheet for every invoice and it breaks at each quarter close, which costs us days.
Interviewer: What would you change first?
Dana Ortiz: Honestly the approval step, because the %s export never matches the bank statement we get.
`, own, own)
	if i == 1 {
		s += `Interviewer: How do you run invoicing today?
Lee Park: We keep the marmoset ledger for every invoice and it breaks at each quarter close, which costs us days.
Interviewer: What would you change first?
Lee Park: Honestly the approval step, because the marmoset export never matches the bank statement we get.
`
	}
	return s
}

// danaLeft is 1 when the second file's Dana is another person under mode.
func danaLeft(mode persona.SpeakerIdentity) int {
	if mode == persona.SpeakersSeparate {
		return 1
	}
	return 0
}

// A person the study joins across files (the same name in two files, under
// the default "auto" and under "same") is deleted from every file: the
// words they said in either are not found, no turn of theirs is left, the
// index agrees with the database, and the other buyer stays. Under
// "separate" each file's speaker is a person of their own, and only the
// row asked for goes. Before, only the row asked for went in every mode.
func TestDeletingAJoinedPersonRemovesEveryFilesTurns(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, mode := range []persona.SpeakerIdentity{persona.SpeakersAuto, persona.SpeakersSame, persona.SpeakersSeparate} {
		t.Run(string(mode), func(t *testing.T) {
			st, err := a.CreateStudy(ctx, "calls "+string(mode))
			if err != nil {
				t.Fatal(err)
			}
			if err := a.SetStudySpeakers(ctx, st.ID, mode); err != nil {
				t.Fatal(err)
			}
			var srcs []int64
			for i := range 2 {
				res := a.IngestWith(ctx, st.ID, fmt.Sprintf("call%d.txt", i+1), strings.NewReader(twoCalls(i)), IngestOptions{Force: true})
				if res.Status != StatusOK {
					t.Fatalf("ingest: %+v", res)
				}
				srcs = append(srcs, res.SourceID)
			}
			for _, w := range []string{"zephyrine", "quillwort", "marmoset"} {
				if hits(t, a, st.ID, w) == 0 {
					t.Fatalf("%s not found before the deletion; the test proves nothing", w)
				}
			}
			parts, err := a.store.Participants(ctx, store.ParticipantFilter{SourceID: srcs[0]})
			if err != nil {
				t.Fatal(err)
			}
			var dana int64
			for _, p := range parts {
				if p.Label == "Dana Ortiz" {
					dana = p.ID
				}
			}
			files, err := a.SamePersonFiles(ctx, st.ID, srcs[0])
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.Join(files[dana], ","), map[int]string{0: "call2.txt", 1: ""}[danaLeft(mode)]; got != want {
				t.Errorf("the source page says Dana's rows in %q go too; want %q", got, want)
			}
			_, rows, n, err := a.DeleteParticipant(ctx, dana)
			if err != nil || n == 0 {
				t.Fatalf("delete: %d quotes, %v", n, err)
			}
			if want := 2 - min(danaLeft(mode), 1); len(rows) != want || rows[0] != dana {
				t.Errorf("deleted rows %v; want %d, %d first", rows, want, dana)
			}
			a.WaitAnalyses()
			if n := hits(t, a, st.ID, "zephyrine"); n != 0 {
				t.Errorf("the deleted row's words still find %d quotes", n)
			}
			left := danaLeft(mode)
			if n := hits(t, a, st.ID, "quillwort"); min(n, 1) != left {
				t.Errorf("what Dana said in the other file finds %d quotes; want %d", n, left)
			}
			turns, err := a.store.Turns(ctx, srcs[1])
			if err != nil {
				t.Fatal(err)
			}
			danas := 0
			for _, tu := range turns {
				if tu.Speaker == "Dana Ortiz" {
					danas++
				}
			}
			if min(danas, 1) != left {
				t.Errorf("the other file keeps %d turns of Dana; want them %s", danas, map[int]string{0: "gone", 1: "kept"}[left])
			}
			if hits(t, a, st.ID, "marmoset") == 0 {
				t.Errorf("the other buyer's words are gone too")
			}
			if err := a.CheckIndex(ctx); err != nil {
				t.Errorf("index and database disagree: %v", err)
			}
		})
	}
}
