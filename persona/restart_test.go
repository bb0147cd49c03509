package persona_test

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestRepairs counts restarts and repairs in real sentences (QMSum ICSI
// and product meetings, the ML-practitioner interviews) and in near
// misses that repeat a word or a pronoun on purpose.
func TestRepairs(t *testing.T) {
	tests := []struct {
		text   string
		speech bool
		want   int
	}{
		// restarts
		{"It, the, it will always depend on the data you have.", true, 1}, // begun again on "it"
		{"You, if you, you want to deploy it, you need a pipeline.", true, 2},
		{"It works, it really does.", true, 0},
		{"You know, you can't trust the labels.", true, 0},
		{"I was I the reason I made my mistake was", true, 2},            // "I was I", "I the"
		{"I I do I don't remember who \" he \" is.", true, 2},            // stammer, "I do I"
		{"I'm I what I think is that why not have the corpus.", true, 1}, // "I'm I"
		{"In the end, we try to predict the, the time when an engine will need a, a large maintenance activity.", true, 2},
		{"The It's not so much the actu The logistics of distribution are secondary.", true, 1}, // "The It's"
		{"From last time I wanted to Uh The An iss uh one topic from last time.", true, 1},
		{"Now the the the subtle issue here is that tha I I haven't really figured out a solution.", true, 2},
		{"It's a bi i it's like a g it's a gadget.", true, 1}, // a cut-off letter ("i" may be the pronoun)
		{"we don't we don't have the data", true, 1},
		// one repair: how people talk
		{"You know, we, we had to send this to our server and get it done there.", true, 1},
		// near misses: none
		{"We had more false positives, so we started implementing this data collection.", true, 0},
		{"If you do you get a discount on the second seat.", true, 0},
		{"Whatever I do I end up exporting it by hand.", true, 0},
		{"I think I know what the problem was.", true, 0},
		{"It was very very slow, and the support said no no.", true, 0},
		{"I think that that is the main issue.", true, 0},
		{"We read The Lean Startup before we picked a vendor.", true, 0},
		{"Our IT team and the OR nurses both use it.", true, 0},
		{"Plan A was too expensive for us.", true, 0},
		{"We compared option B and option C with the old tool.", true, 0},                      // letters that name options
		{"We looked at on- and off-premise hosting and pre- and post-sales support.", true, 0}, // suspended hyphens
		{"We went with plan B, and we, we never looked back.", true, 1},
		{"Uh uh, the export is slow.", true, 0},                     // fillers are noise, not repairs
		{"Polar plot The plots are fine They are useful.", true, 0}, // unpunctuated writing
		{"The plots are fine. They are useful.", true, 0},
		{"She said, \"We need it by Friday.\"", true, 0},
		{"Great product The support is fast", false, 0}, // a writer's capitals
	}
	for _, tc := range tests {
		if got := persona.Repairs(tc.text, tc.speech); got != tc.want {
			t.Errorf("Repairs(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// TestRestartsUnquotable: two repairs make a sentence a disfluent run,
// never shown as a representative; one does not.
func TestRestartsUnquotable(t *testing.T) {
	tag := nlp.Shared()
	tests := []struct {
		text string
		want string
	}{
		{"I was I the reason I made my mistake was", persona.UnquotableDisfluent},
		{"In the end, we try to predict the, the time when an engine will need a, a large maintenance activity.", persona.UnquotableDisfluent},
		{"I I'm I'm just thinking that we have to think at a higher level view.", persona.UnquotableDisfluent},
		{"But I prefer, I prefer at at the first the silence with this kind of noise.", persona.UnquotableDisfluent},
		{"You know, we, we had to send this to our server and get it done there.", ""},
		{"Whatever I do I end up exporting the report by hand.", ""},
		{"It was very very slow, and the support team said no no.", ""},
	}
	for _, tc := range tests {
		q := persona.Quote{Text: tc.text, Kind: persona.KindTranscript, Tokens: tag.Tag(tc.text)}
		if got := persona.WhyUnquotable(q); got != tc.want {
			t.Errorf("WhyUnquotable(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
