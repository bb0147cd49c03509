package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// meetingFile is one meeting of a series: the same three roles speak in
// every file.
func meetingFile(n int) string {
	return fmt.Sprintf(`Project Manager: Meeting %d is about the budget for the new remote, which has to stay under twelve Euro.
Marketing: Our research says people lose their remote all the time, and they hate hunting for it.
Industrial Designer: A rubber case would make the remote harder to break when it falls off the sofa.
Project Manager: We also need the buttons to be large enough for older users to read without glasses.
Marketing: Younger buyers told us they would pay more for a remote that looks fashionable.
Industrial Designer: The kinetic battery costs more but nobody ever has to replace it.
`, n)
}

// TestSpeakersAcrossFilesArePeople: a three-meeting series of three
// roles counts one buyer a role by default (auto) and with "same", one a
// file's speaker with "separate"; personas and themes count people, and
// every file's row of a person is in the persona.
func TestSpeakersAcrossFilesArePeople(t *testing.T) {
	a, _ := demoApp(t)
	ctx := context.Background()
	for _, tc := range []struct {
		mode     persona.SpeakerIdentity
		separate bool
	}{{"", false}, {persona.SpeakersSame, false}, {persona.SpeakersSeparate, true}} {
		t.Run(string(tc.mode)+"default", func(t *testing.T) {
			st, err := a.CreateStudy(ctx, "series "+string(tc.mode))
			if err != nil {
				t.Fatal(err)
			}
			if tc.mode != "" {
				if err := a.SetStudySpeakers(ctx, st.ID, tc.mode); err != nil {
					t.Fatal(err)
				}
			}
			for i := 1; i <= 3; i++ {
				if res := a.IngestWith(ctx, st.ID, fmt.Sprintf("meeting%d.txt", i), strings.NewReader(meetingFile(i)), IngestOptions{Force: true}); res.Status != StatusOK {
					t.Fatalf("ingest: %s", res.Error)
				}
			}
			// A role may lead one meeting (an interviewer there): the buyers
			// are the rest, and the people their distinct roles.
			buyers, _ := a.Buyers(ctx, st.ID)
			roles := map[string]bool{}
			for _, b := range buyers {
				roles[b.Label] = true
			}
			want := len(roles)
			if tc.separate {
				want = len(buyers)
			}
			if len(roles) < 2 || len(buyers) < 2*len(roles) {
				t.Fatalf("%d buyer rows of %d roles; want a role speaking in several files", len(buyers), len(roles))
			}
			if n, err := a.BuyerPeople(ctx, st.ID); err != nil || n != want {
				t.Errorf("BuyerPeople = %d, %v; want %d", n, err, want)
			}
			res, err := a.Analyze(ctx, st.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			size, rows := 0, 0
			for _, p := range res.Personas {
				size += p.Size
				rows += len(p.ParticipantIDs)
			}
			if size != want || rows != len(buyers) {
				t.Errorf("personas hold %d people in %d participant rows; want %d in %d", size, rows, want, len(buyers))
			}
			for _, th := range res.Themes {
				if th.Participants > want || th.Of != want {
					t.Errorf("theme %q raised by %d of %d; want at most %d of %d", th.Label, th.Participants, th.Of, want, want)
				}
			}
			// The persona page lists one member per person, with every
			// file of theirs.
			members, files := 0, 0
			for _, p := range res.Personas {
				page, err := a.PersonaPage(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range page.Participants {
					members++
					files += 1 + len(m.Also)
				}
			}
			if members != want || files != len(buyers) {
				t.Errorf("persona pages list %d members with %d files; want %d with %d", members, files, want, len(buyers))
			}
			stored, _ := a.Study(ctx, st.ID)
			if m := tc.mode; m != "" && stored.Speakers != m || m == "" && stored.Speakers != persona.SpeakersAuto {
				t.Errorf("stored setting %q; want %q", stored.Speakers, tc.mode)
			}
		})
	}
}

// TestSetStudySpeakersReportsOnlyAChange: every upload sends the form's
// setting, so setting the one the study has is no change (its caches
// stay); another setting is one change, stored (review).
func TestSetStudySpeakersReportsOnlyAChange(t *testing.T) {
	a, _ := demoApp(t)
	ctx := context.Background()
	st, err := a.CreateStudy(ctx, "series")
	if err != nil {
		t.Fatal(err)
	}
	changes := 0
	a.OnChange(func(id int64, _ Change) {
		if id == st.ID {
			changes++
		}
	})
	for _, tc := range []struct {
		mode persona.SpeakerIdentity
		want int
	}{{persona.SpeakersAuto, 0}, {persona.SpeakersSeparate, 1}, {persona.SpeakersSeparate, 1}, {persona.SpeakersAuto, 2}} {
		if err := a.SetStudySpeakers(ctx, st.ID, tc.mode); err != nil {
			t.Fatal(err)
		}
		got, err := a.Study(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if now, _ := persona.ParseSpeakerIdentity(string(got.Speakers)); now != tc.mode || changes != tc.want {
			t.Errorf("after setting %s: stored %q, %d changes; want %d", tc.mode, got.Speakers, changes, tc.want)
		}
	}
}
