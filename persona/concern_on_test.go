package persona_test

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestCarriesConcernOn: an objection about a topic is answered by its
// concern said of the topic, or of nothing named ("it's gonna add too much
// to the price"), not by the concern said of another named thing ("really
// quite expensive watches" for "remote too expensive", QMSum ES2008d).
func TestCarriesConcernOn(t *testing.T) {
	tag := nlp.Shared()
	for _, tc := range []struct {
		query, topic, text string
		want               bool
	}{
		{"remote too expensive", "remote", "I would say no, because it's gonna add too much to the price.", true},
		{"remote too expensive", "remote", "The remote is too expensive for most people.", true},
		{"remote too expensive", "remote", "An expensive remote will not sell.", true},
		{"remote too expensive", "remote", "That would be an expensive option.", true},
		{"remote too expensive", "remote", "I knew you can get watches that had them, like really quite expensive watches that just never need a battery.", false},
		{"the battery is unreliable", "battery", "The website is unreliable and support never answers.", false},
		{"the battery is unreliable", "battery", "Those trains were too slow and unreliable.", false},
		{"the battery is unreliable", "battery", "The batteries are unreliable in the cold.", true},
		{"the battery is unreliable", "battery", "It's unreliable, it dies after a day.", true},
		{"the battery is unreliable", "battery", "Unreliable batteries are the first thing people complain about.", true},
		{"the battery is unreliable", "battery", "The website is unreliable, and it crashed twice.", true}, // "crashed": said of nothing named
		{"the battery is unreliable", "battery", "We talked about the weather.", false},
		{"support is slow", "support", "Without a stable Internet the backup is slow. Not enough responsive support.", true},
		{"remote too complicated", "remote", "Setting up network and ports for inbound and outbound traffic was more complicated than we expected.", true},
	} {
		concerns := persona.QueryConcerns(tc.query)
		isTopic := func(w string) bool {
			return w == tc.topic || w == tc.topic+"s" || w == "batteries" && tc.topic == "battery"
		}
		if got := persona.CarriesConcernOn(tc.text, tag.Tag(tc.text), concerns, isTopic); got != tc.want {
			t.Errorf("CarriesConcernOn(%q, %q) = %v; want %v (tags %v)", tc.query, tc.text, got, tc.want, tag.Tag(tc.text))
		}
	}
}
