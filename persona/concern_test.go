package persona

import "testing"

func TestQueryConcerns(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"remote too expensive", []string{"price or cost"}},
		{"costs too much", []string{"price or cost"}},
		{"support is slow", []string{"speed or time"}},
		{"hard to learn", []string{"effort to learn or use"}},
		{"billing is unpredictable", []string{"clarity or predictability"}},
		{"IT would never approve it, too risky", []string{"risk, security or trust"}},
		{"we already use spreadsheets", nil},
		{"poor documentation", nil},
	} {
		var got []string
		for _, c := range QueryConcerns(tc.query) {
			got = append(got, c.Name)
		}
		if len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("QueryConcerns(%q) = %v; want %v", tc.query, got, tc.want)
		}
	}
}

func TestCarriesConcern(t *testing.T) {
	price := QueryConcerns("too expensive")
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"I I would say no, because it's gonna add too much to the price.", true},
		{"We need to produce each one at a maximum of twelve fifty Euro.", true},
		{"It was $25 a seat.", true},
		{"The costs are under budget.", true},
		{"There's a lot of features that are missing from that remote control.", false},
		{"I could probably take apart a remote control now.", false},
	} {
		if got := CarriesConcern(tc.text, price); got != tc.want {
			t.Errorf("CarriesConcern(%q, price) = %v; want %v", tc.text, got, tc.want)
		}
	}
	speed := QueryConcerns("too slow")
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Support takes forever to answer a ticket.", true},
		{"It took a long time before anyone replied.", true},
		{"I'll wait until you're plugged in.", false},
		{"And I responded to him at length.", false},
		{"Give them a stick, long stick, and say do it.", false},
		{"The report loads slowly on Mondays.", true},
	} {
		if got := CarriesConcern(tc.text, speed); got != tc.want {
			t.Errorf("CarriesConcern(%q, speed) = %v; want %v", tc.text, got, tc.want)
		}
	}
	if CarriesConcern("anything", nil) {
		t.Error("no concern is carried by anything")
	}
}
