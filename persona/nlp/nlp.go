// Package nlp is the only importer of prose. It segments text into
// sentences and tags each sentence's tokens with parts of speech, loading
// prose's models once and never running named-entity recognition on the
// ingest path.
package nlp

import (
	"strings"
	"sync"
	"unicode"

	"github.com/jdkato/prose/v2"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// Pipeline holds prose's tagging model, decoded once, on first use (it
// takes ~0.5 s, which start-up need not pay). It is safe for concurrent use.
type Pipeline struct {
	once  sync.Once
	model *prose.Model
}

var shared = &Pipeline{}

// Shared returns the process-wide pipeline.
func Shared() *Pipeline { return shared }

func (p *Pipeline) load() *prose.Model {
	p.once.Do(func() { p.model = prose.ModelFromData("verbatim") })
	return p.model
}

// Segment splits text into sentences and returns their byte spans in text.
// prose's segmenter loads its model on every call (~10 ms), so callers
// segment a whole transcript at once, not turn by turn.
func (p *Pipeline) Segment(text string) [][2]int {
	doc, err := prose.NewDocument(text,
		prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		return [][2]int{{0, len(text)}}
	}
	var spans [][2]int
	pos := 0
	for _, s := range doc.Sentences() {
		if s.Text == "" {
			continue
		}
		i := strings.Index(text[pos:], s.Text)
		if i < 0 {
			// The segmenter changed the text; fall back to the rest as one span.
			if rest := strings.TrimSpace(text[pos:]); rest != "" {
				start := pos + strings.Index(text[pos:], rest)
				spans = append(spans, [2]int{start, start + len(rest)})
			}
			return spans
		}
		start := pos + i
		spans = append(spans, [2]int{start, start + len(s.Text)})
		pos = start + len(s.Text)
	}
	return spans
}

// Tag tokenizes and tags one sentence. Tagging a sentence at a time avoids
// prose's quirk where repeated words in one document share a tag. The
// result is lower-cased, without punctuation and fillers.
func (p *Pipeline) Tag(sentence string) []persona.Token {
	doc, err := prose.NewDocument(sentence,
		prose.WithSegmentation(false), prose.WithExtraction(false), prose.UsingModel(p.load()))
	if err != nil {
		return nil
	}
	toks := doc.Tokens()
	out := make([]persona.Token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		w := strings.ToLower(toks[i].Text)
		if w == "you" && i+1 < len(toks) && strings.EqualFold(toks[i+1].Text, "know") && isFillerContext(toks, i) {
			i++
			continue
		}
		if fillers[w] || !hasLetterOrDigit(w) {
			continue
		}
		out = append(out, persona.Token{Text: w, Tag: toks[i].Tag})
	}
	return out
}

// fillers are dropped from analysis tokens; stored text keeps them.
var fillers = map[string]bool{
	"uh": true, "um": true, "uhm": true, "umm": true, "uhh": true, "er": true,
	"erm": true, "hmm": true, "mm": true, "mhm": true, "ah": true,
}

// isFillerContext reports whether "you know" at i is a discourse filler
// ("it was, you know, slow", "you know, we...") rather than a clause ("you
// know the answer"): a filler is followed by punctuation or nothing.
func isFillerContext(toks []prose.Token, i int) bool {
	return i+2 >= len(toks) || !hasLetterOrDigit(toks[i+2].Text)
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Words counts whitespace-separated words, cheaply, for fragment joining.
func Words(s string) int { return len(strings.Fields(s)) }

// Entities runs prose's named-entity recogniser over text and returns the
// people (and organisations) it names, as byte spans in text. It is slow
// next to tagging (~1 ms a sentence): redaction calls it only for text
// that holds a capitalised word inside a sentence.
func (p *Pipeline) Entities(text string) []redact.Span {
	doc, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(p.load()))
	if err != nil {
		return nil
	}
	var spans []redact.Span
	from := map[string]int{} // where to look for an entity's next occurrence
	for _, e := range doc.Entities() {
		var kind redact.Kind
		switch e.Label {
		case "PERSON":
			kind = redact.Person
		case "ORG":
			kind = redact.Company
		default:
			continue
		}
		i := strings.Index(text[from[e.Text]:], e.Text)
		if i < 0 || e.Text == "" {
			continue
		}
		start := from[e.Text] + i
		from[e.Text] = start + len(e.Text)
		spans = append(spans, redact.Span{Start: start, End: start + len(e.Text), Kind: kind})
	}
	return spans
}
