package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// twoSpeakers is one transcript source: a buyer with two quotes and an
// interviewer with none.
func twoSpeakers(sha string) *persona.Import {
	return &persona.Import{
		Source:       persona.Source{Kind: persona.KindTranscript, Name: "a.txt", Format: "txt", SHA256: sha, Size: 10, ImportedAt: time.Unix(1700000000, 0).UTC()},
		Participants: []persona.Participant{{Label: "[Person 1]", Attributes: map[string]string{"company": "Acme"}}, {Label: "Interviewer", Interviewer: true}},
		Turns: []persona.Turn{
			{ParticipantID: 1, Speaker: "Interviewer", Seq: 0, StartMS: -1, EndMS: -1, Text: "What matters?", Line: 1},
			{ParticipantID: 0, Speaker: "[Person 1]", Seq: 1, StartMS: -1, EndMS: -1, Text: "Price matters. Support matters.", Line: 2},
		},
		Quotes: []persona.Quote{
			{Kind: persona.KindTranscript, ParticipantID: 0, TurnID: 1, Text: "Price matters.", Start: 0, End: 14, AtMS: -1, Line: 2},
			{Kind: persona.KindTranscript, ParticipantID: 0, TurnID: 1, Text: "Support matters.", Start: 15, End: 31, AtMS: -1, Line: 2},
		},
	}
}

func TestConformancePrivacySettingsAndPseudonyms(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, err := s.CreateStudy(ctx, "Private")
		if err != nil {
			t.Fatal(err)
		}
		p, key, err := s.Privacy(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Redact || p.KeepOriginals || !slices.Equal(p.Kinds, redact.DefaultKinds) || len(key) != 32 {
			t.Fatalf("fresh privacy = %+v, key %d bytes; want off, default kinds, a 32-byte key", p, len(key))
		}
		_, again, err := s.Privacy(ctx, st.ID)
		if err != nil || string(again) != string(key) {
			t.Fatalf("second read: key changed (%v)", err)
		}
		other, _ := s.CreateStudy(ctx, "Other")
		if _, k2, _ := s.Privacy(ctx, other.ID); string(k2) == string(key) {
			t.Error("two studies share a secret")
		}
		for _, tc := range []struct {
			name string
			in   persona.Privacy
			err  error
		}{
			{"on with kinds", persona.Privacy{StudyID: st.ID, Redact: true, Kinds: []redact.Kind{redact.Person, redact.Email}, KeepOriginals: true, KeepWords: []string{"Azure", "Google Cloud"}}, nil},
			{"keep word with a comma", persona.Privacy{StudyID: st.ID, KeepWords: []string{"a,b"}}, persona.ErrInvalid},
			{"unknown kind", persona.Privacy{StudyID: st.ID, Kinds: []redact.Kind{"<script>"}}, persona.ErrInvalid},
			{"no such study", persona.Privacy{StudyID: 9999}, persona.ErrNotFound},
		} {
			got, err := s.SetPrivacy(ctx, tc.in)
			if !errors.Is(err, tc.err) {
				t.Errorf("%s: err %v, want %v", tc.name, err, tc.err)
				continue
			}
			if tc.err == nil && (got.Redact != tc.in.Redact || got.KeepOriginals != tc.in.KeepOriginals || !slices.Equal(got.Kinds, tc.in.Kinds) || !slices.Equal(got.KeepWords, tc.in.KeepWords)) {
				t.Errorf("%s: saved %+v, want %+v", tc.name, got, tc.in)
			}
		}
		if _, k3, _ := s.Privacy(ctx, st.ID); string(k3) != string(key) {
			t.Error("SetPrivacy changed the secret")
		}

		entries := []redact.Entry{{Kind: redact.Person, Hash: "aa", N: 1}, {Kind: redact.Email, Hash: "bb", N: 1}}
		if err := s.SavePseudonyms(ctx, st.ID, entries); err != nil {
			t.Fatal(err)
		}
		// A second save keeps stored numbers and adds new ones.
		if err := s.SavePseudonyms(ctx, st.ID, []redact.Entry{{Kind: redact.Person, Hash: "aa", N: 7}, {Kind: redact.Person, Hash: "cc", N: 2}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Pseudonyms(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []redact.Entry{{Kind: redact.Email, Hash: "bb", N: 1}, {Kind: redact.Person, Hash: "aa", N: 1}, {Kind: redact.Person, Hash: "cc", N: 2}}
		if !slices.Equal(got, want) {
			t.Errorf("pseudonyms = %+v, want %+v", got, want)
		}

		src, err := s.Import(ctx, st.ID, twoSpeakers("p1"))
		if err != nil {
			t.Fatal(err)
		}
		orig := []persona.Original{{SourceID: src.ID, Label: "[Person 1]", Original: "Alice Smith"}}
		if err := s.SaveOriginals(ctx, st.ID, append(orig, orig...)); err != nil {
			t.Fatal(err)
		}
		if o, err := s.Originals(ctx, src.ID); err != nil || !slices.Equal(o, orig) {
			t.Errorf("originals = %+v, %v; want %+v", o, err, orig)
		}
		if err := s.DeleteSource(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
		if o, _ := s.Originals(ctx, src.ID); len(o) != 0 {
			t.Errorf("originals outlive their source: %+v", o)
		}
	})
}

func TestConformanceDeleteParticipantRemovesTheirRows(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "Delete")
		src, err := s.Import(ctx, st.ID, twoSpeakers("d1"))
		if err != nil {
			t.Fatal(err)
		}
		ps, err := s.Participants(ctx, ParticipantFilter{SourceID: src.ID})
		if err != nil || len(ps) != 2 {
			t.Fatalf("participants = %+v, %v", ps, err)
		}
		buyer, interviewer := ps[0], ps[1]
		qs, _ := s.Quotes(ctx, QuoteFilter{ParticipantID: buyer.ID})
		code, err := s.AddCode(ctx, persona.Code{StudyID: st.ID, Name: "Price"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddCoding(ctx, persona.Coding{StudyID: st.ID, CodeID: code.ID, QuoteID: qs[0].ID, CoderID: 1, Coder: "r"}); err != nil {
			t.Fatal(err)
		}
		ids, err := s.DeleteParticipant(ctx, buyer.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != 2 || ids[0] != qs[0].ID || ids[1] != qs[1].ID {
			t.Errorf("deleted quote ids = %v, want %d and %d", ids, qs[0].ID, qs[1].ID)
		}
		if _, err := s.Participant(ctx, buyer.ID); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("participant still there: %v", err)
		}
		left, _ := s.Quotes(ctx, QuoteFilter{StudyID: st.ID})
		turns, _ := s.Turns(ctx, src.ID)
		codings, _ := s.Codings(ctx, CodingFilter{StudyID: st.ID})
		if len(left) != 0 || len(codings) != 0 || len(turns) != 1 || turns[0].ParticipantID != interviewer.ID {
			t.Errorf("after delete: %d quotes, %d codings, turns %+v; want 0, 0 and the interviewer's one", len(left), len(codings), turns)
		}
		if stats, _ := s.Stats(ctx, st.ID); stats.Participants != 0 {
			t.Errorf("study still counts %d buyers", stats.Participants)
		}
		if _, err := s.DeleteParticipant(ctx, buyer.ID); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("second delete: %v, want ErrNotFound", err)
		}
	})
}

// Kept originals whose pseudonym nothing left of the source shows go with
// the participant whose words showed them; the others stay.
func TestConformanceDeleteParticipantPrunesTheirOriginals(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "Originals")
		imp := twoSpeakers("o1")
		imp.Turns[0].Text = "What matters, [Person 2]?"
		imp.Turns[1].Text = "Price matters. Mail [Email 1]."
		src, err := s.Import(ctx, st.ID, imp)
		if err != nil {
			t.Fatal(err)
		}
		kept := []persona.Original{
			{SourceID: src.ID, Label: "[Person 1]", Original: "Dana Ortiz"},
			{SourceID: src.ID, Label: "[Email 1]", Original: "dana@example.com"},
			{SourceID: src.ID, Label: "[Person 2]", Original: "Sam Lee"},
		}
		if err := s.SaveOriginals(ctx, st.ID, kept); err != nil {
			t.Fatal(err)
		}
		ps, _ := s.Participants(ctx, ParticipantFilter{SourceID: src.ID})
		var buyer int64
		for _, p := range ps {
			if !p.Interviewer {
				buyer = p.ID
			}
		}
		if _, err := s.DeleteParticipant(ctx, buyer); err != nil {
			t.Fatal(err)
		}
		left, err := s.Originals(ctx, src.ID)
		if err != nil || len(left) != 1 || left[0].Original != "Sam Lee" {
			t.Errorf("originals after the delete %+v, %v; want only the interviewer's [Person 2]", left, err)
		}
	})
}

// A study's pseudonyms are numbered in the store: an original keeps its
// number, a new one takes the next free number of its kind, and the
// numbers saved by a file before count.
func TestConformanceReservePseudonym(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		st, _ := s.CreateStudy(ctx, "Numbers")
		other, _ := s.CreateStudy(ctx, "Other")
		if err := s.SavePseudonyms(ctx, st.ID, []redact.Entry{{Kind: redact.Person, Hash: "aa", N: 1}, {Kind: redact.Person, Hash: "bb", N: 2}}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			study      int64
			kind, hash string
			want       int
		}{
			{st.ID, "Person", "bb", 2},
			{st.ID, "Person", "cc", 3},
			{st.ID, "Person", "cc", 3},
			{st.ID, "Email", "cc", 1},
			{st.ID, "Person", "dd", 4},
			{other.ID, "Person", "dd", 1},
		}
		for _, tt := range tests {
			if n, err := s.ReservePseudonym(ctx, tt.study, tt.kind, tt.hash); err != nil || n != tt.want {
				t.Errorf("ReservePseudonym(%d, %s, %s) = %d, %v; want %d", tt.study, tt.kind, tt.hash, n, err, tt.want)
			}
		}
	})
}
