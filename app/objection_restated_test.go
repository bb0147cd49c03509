package app

import (
	"slices"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestShownCandidatesRestated: an objection answer shows a remark said
// twice in one turn once (QMSum IS1001b line 133 was quotes 1 and 2 of
// "remote control too expensive"): the complete saying, in the place of
// the better ranked one; another turn's like remark is another quote.
func TestShownCandidatesRestated(t *testing.T) {
	fluent := "Eighty per cents of users would spend more money when the remote control would look fancy."
	garbled := "Eighty hundred per cent of users would spend more money when the remote control would look oh to it's not good."
	other := "The push button is cheap but the wheel sensor seems to be quite expensive."
	q := func(id, turn int64, start int, text string) candidate {
		return candidate{quote: persona.Quote{ID: id, SourceID: 1, TurnID: turn, Start: start, Kind: persona.KindTranscript, Text: text}}
	}
	for _, tc := range []struct {
		name  string
		cands []candidate
		want  []int64
	}{
		{"the garbled saying ranked first gives way to the fluent one", []candidate{q(2, 7, 279, garbled), q(1, 7, 188, fluent), q(3, 8, 0, other)}, []int64{1, 3}},
		{"the fluent saying ranked first stays", []candidate{q(1, 7, 188, fluent), q(3, 8, 0, other), q(2, 7, 279, garbled)}, []int64{1, 3}},
		{"in two turns both are shown", []candidate{q(2, 9, 279, garbled), q(1, 7, 188, fluent)}, []int64{2, 1}},
	} {
		var got []int64
		for _, c := range (&App{}).shownCandidates(tc.cands, 5) {
			got = append(got, c.quote.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: shown %v, want %v", tc.name, got, tc.want)
		}
	}
}
