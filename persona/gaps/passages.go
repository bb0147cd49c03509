package gaps

import (
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// minPassageWords is the fewest content words a passage needs: a heading
// of two words ("Predictable pricing") can answer a theme, one word
// cannot.
const minPassageWords = 2

// Passages cuts a document's text into the passages matched against
// themes: each line (a paragraph, a heading, a bullet) cut into sentences
// by lang, the unit the buyers' quotes are cut into too, so a passage and
// a quote are compared at the same length.
func Passages(lang persona.Language, text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		for _, sp := range lang.Segment(line) {
			s := strings.TrimSpace(line[sp[0]:sp[1]])
			if len(analysis.TextWords(s)) >= minPassageWords {
				out = append(out, s)
			}
		}
	}
	return out
}
