package persona_test

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestRestates: a sentence said again in one turn is one remark; two
// sentences on one frame that say different things are two.
func TestRestates(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		// QMSum IS1001b line 133
		{"Eighty per cents of users would spend more money when the remote control would look fancy.",
			"Eighty hundred per cent of users would spend more money when the remote control would look oh to it's not good.", true},
		{"We need the export to run every night for the finance team.", "We need the export, um, to run every night for finance.", true},
		// one frame, two remarks
		{"Let's just say I want high probability.", "Let's say I want Dublin.", false},
		{"The price was too high for our team.", "The support was too slow for our team.", false},
		{"I think so.", "I think so.", false}, // too short to tell
		{"The wheel is cheap and the buttons are cheap.", "Buttons are cheap and the wheel is cheap.", false},
		{"Indigenous artists deserve the same respect as non-indigenous artists.", "Indigenous leaders deserve the same respect as non-indigenous leaders on the matter.", true}, // RestatedBy: speech only // open differently
	} {
		if got := persona.Restates(tc.a, tc.b); got != tc.want {
			t.Errorf("Restates(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestRestatedBy: of a remark said twice in one turn, the complete saying
// is shown; two as complete are both shown; a restatement that may not
// be shown itself (session talk) hides nothing.
func TestRestatedBy(t *testing.T) {
	fluent := persona.Quote{ID: 1, TurnID: 7, Start: 188, Kind: persona.KindTranscript,
		Text: "Eighty per cents of users would spend more money when the remote control would look fancy."}
	garbled := persona.Quote{ID: 2, TurnID: 7, Start: 279, Kind: persona.KindTranscript,
		Text: "Eighty hundred per cent of users would spend more money when the remote control would look oh to it's not good."}
	again := persona.Quote{ID: 3, TurnID: 7, Start: 400, Kind: persona.KindTranscript,
		Text: "Eighty per cent of users would spend more money when the remote control would look fancy."}
	other := garbled
	other.TurnID, other.ID = 8, 4
	turn := []persona.Quote{fluent, garbled}
	planGarbled := persona.Quote{ID: 5, TurnID: 9, Start: 10, Kind: persona.KindTranscript,
		Text: "So we will uh discuss the remote control design at the next meeting uh with the team."}
	plan := persona.Quote{ID: 6, TurnID: 9, Start: 120, Kind: persona.KindTranscript,
		Text: "So we will discuss the remote control design at the next meeting with the team."}
	written := func(q persona.Quote) persona.Quote { q.Kind = persona.KindSurvey; return q }
	for _, tc := range []struct {
		name     string
		q        persona.Quote
		siblings []persona.Quote
		want     bool
	}{
		{"the garbled saying is not shown", garbled, turn, true},
		{"the fluent one is", fluent, turn, false},
		{"of two as fluent, both are shown (they may differ in a fact)", fluent, []persona.Quote{fluent, again}, false},
		{"the later is", again, []persona.Quote{fluent, again}, false},
		{"another turn's saying is another remark", fluent, []persona.Quote{fluent, other}, false},
		{"a written answer's is another remark", written(fluent), []persona.Quote{written(fluent), written(again)}, false},
		{"a restatement that is session talk hides nothing", planGarbled, []persona.Quote{planGarbled, plan}, false},
	} {
		if got := persona.RestatedBy(tc.q, tc.siblings); got != tc.want {
			t.Errorf("%s: RestatedBy = %v, want %v", tc.name, got, tc.want)
		}
	}
}
