package gaps

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// Vendor language is found from the document against the buyers' own
// words, not from a list: a content word of the document whose stem no
// buyer of the study ever uses ("seamless", "synergy", "best-in-class").
// Proper names (capitalised wherever the document uses them) and words
// outside the word vectors' vocabulary (product names, codes) are left
// out. A short list of well-known clichés only marks which of those
// words are clichés and adds the multi-word ones ("single pane of glass").

// VendorPhrase is a phrase of the document the buyers never use.
type VendorPhrase struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
	// Cliche is true for a well-known vendor cliché.
	Cliche bool `json:"cliche,omitempty"`
	// Passage is the 0-based passage of its first use.
	Passage int `json:"passage"`
}

// BuyerPhrase is a phrase of the buyers (a theme's label or one of its
// grounded phrases) that the document lacks.
type BuyerPhrase struct {
	Text    string `json:"text"`
	ThemeID int64  `json:"theme_id"`
	Label   string `json:"label"`
	Raised  int    `json:"raised"`
}

// cliches are common vendor clichés, lower case.
var cliches = []string{
	"best-in-class", "best of breed", "world-class", "cutting-edge", "state-of-the-art", "next-generation",
	"next-gen", "end-to-end", "seamless", "seamlessly", "synergy", "synergies", "leverage", "leverages",
	"robust", "holistic", "empower", "empowers", "unlock", "unlocks", "game-changer", "game-changing",
	"revolutionize", "revolutionary", "innovative", "industry-leading", "market-leading", "mission-critical",
	"turnkey", "paradigm", "transformative", "frictionless", "actionable insights", "single pane of glass",
	"best-of-breed",
	"streamline", "supercharge", "unparalleled", "360-degree", "scalable", "ai-powered", "cutting edge",
	"disruptive", "solution-agnostic", "future-proof", "best practices", "value-add", "enterprise-grade",
}

// clichesIn lists the clichés text uses, once per use, each standing as
// a whole word (not inside a longer hyphenated one).
func clichesIn(text string) []string {
	low := strings.ToLower(text)
	var out []string
	for _, c := range cliches {
		for from := 0; ; {
			i := strings.Index(low[from:], c)
			if i < 0 {
				break
			}
			i += from
			end := i + len(c)
			if boundary(low, i-1) && boundary(low, end) {
				out = append(out, c)
			}
			from = end
		}
	}
	return out
}

// boundary reports whether position i of s is outside a word: before the
// start, past the end, or neither a letter, a digit nor a hyphen.
func boundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if i > 0 && !utf8.RuneStart(s[i]) {
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
}

// vocabulary is the buyers' stems and stem bigrams.
type vocabulary struct {
	stems   map[string]bool
	bigrams map[string]bool
}

func newVocabulary(texts []string) *vocabulary {
	v := &vocabulary{stems: map[string]bool{}, bigrams: map[string]bool{}}
	for _, t := range texts {
		terms := analysis.TextTerms(t)
		for i, s := range terms {
			v.stems[s] = true
			if i > 0 {
				v.bigrams[terms[i-1]+" "+s] = true
			}
		}
	}
	return v
}

// uses reports whether the buyers use a word's stem; a hyphenated
// compound counts as used when its parts are used together or it is.
func (v *vocabulary) uses(word string) bool {
	for _, s := range analysis.TextTerms(word) {
		if v.stems[s] {
			return true
		}
	}
	if strings.Contains(word, "-") {
		parts := analysis.TextTerms(strings.ReplaceAll(word, "-", " "))
		if len(parts) == 1 {
			return v.stems[parts[0]]
		}
		return len(parts) == 2 && v.bigrams[parts[0]+" "+parts[1]]
	}
	return false
}

// docWord is one content word of the document.
type docWord struct {
	lower   string
	proper  bool
	passage int
}

// docWords are the document's content words, with whether each occurrence
// is capitalised after the start of its passage.
func docWords(passages []string) []docWord {
	var out []docWord
	for p, text := range passages {
		fields := strings.FieldsFunc(text, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
		})
		for i, f := range fields {
			ws := analysis.TextWords(f)
			if len(ws) != 1 {
				continue
			}
			upper := unicode.IsUpper([]rune(f)[0])
			out = append(out, docWord{lower: ws[0], proper: upper && (i > 0 || isUpperRun(f)), passage: p})
		}
	}
	return out
}

// isUpperRun reports an all-capitals word ("CRM", "SOC").
func isUpperRun(f string) bool {
	n := 0
	for _, r := range f {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 1
}

// vendorPhrases counts the document's content words and those the buyers
// use, and lists the words and clichés they never use, most used first.
func (v *vocabulary) vendorPhrases(passages []string, vec *analysis.Vectors) (words, buyer int, out []VendorPhrase) {
	ws := docWords(passages)
	alwaysProper := map[string]bool{}
	for _, w := range ws {
		if _, seen := alwaysProper[w.lower]; !seen {
			alwaysProper[w.lower] = true
		}
		alwaysProper[w.lower] = alwaysProper[w.lower] && w.proper
	}
	found := map[string]*VendorPhrase{}
	for _, w := range ws {
		if alwaysProper[w.lower] {
			continue
		}
		words++
		if v.uses(w.lower) {
			buyer++
			continue
		}
		if vec != nil && !known(vec, w.lower) {
			continue
		}
		if f := found[w.lower]; f != nil {
			f.Count++
			continue
		}
		found[w.lower] = &VendorPhrase{Text: w.lower, Count: 1, Passage: w.passage}
	}
	for p, text := range passages {
		for _, c := range clichesIn(text) {
			if !strings.Contains(c, " ") {
				if f := found[c]; f != nil {
					f.Cliche = true
				}
				continue
			}
			if v.usesPhrase(c) {
				continue
			}
			if f := found[c]; f != nil {
				f.Count++
			} else {
				found[c] = &VendorPhrase{Text: c, Count: 1, Cliche: true, Passage: p}
			}
		}
	}
	for _, f := range found {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if out[i].Cliche != out[j].Cliche {
			return out[i].Cliche
		}
		return out[i].Text < out[j].Text
	})
	return words, buyer, out
}

// usesPhrase reports whether the buyers say a multi-word phrase: every
// adjacent pair of its content stems.
func (v *vocabulary) usesPhrase(p string) bool {
	terms := analysis.TextTerms(p)
	if len(terms) < 2 {
		return len(terms) == 1 && v.stems[terms[0]]
	}
	for i := 1; i < len(terms); i++ {
		if !v.bigrams[terms[i-1]+" "+terms[i]] {
			return false
		}
	}
	return true
}

// known reports whether every part of a word has a word vector.
func known(vec *analysis.Vectors, w string) bool {
	if vec.Rank(w) >= 0 {
		return true
	}
	for _, part := range strings.Split(w, "-") {
		if part != "" && vec.Rank(part) < 0 {
			return false
		}
	}
	return strings.Contains(w, "-")
}

// missingPhrases are the labels and grounded phrases of the persona's top
// themes that no passage of the document contains (every stem of the
// phrase in one passage counts as containing it).
func missingPhrases(themes []persona.Theme, raised map[int64]int, passages []string) []BuyerPhrase {
	stems := make([]map[string]bool, len(passages))
	for i, p := range passages {
		stems[i] = map[string]bool{}
		for _, s := range analysis.TextTerms(strings.ReplaceAll(p, "-", " ") + " " + p) {
			stems[i][s] = true
		}
	}
	contains := func(phrase string) bool {
		terms := analysis.TextTerms(phrase)
		if len(terms) == 0 {
			return true
		}
		for _, st := range stems {
			all := true
			for _, t := range terms {
				all = all && st[t]
			}
			if all {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	out := []BuyerPhrase{}
	for _, t := range themes {
		for _, ph := range append([]string{t.Label}, t.Phrases...) {
			key := strings.ToLower(strings.TrimSpace(ph))
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			if !contains(ph) {
				out = append(out, BuyerPhrase{Text: ph, ThemeID: t.ID, Label: t.Label, Raised: raised[t.ID]})
			}
		}
	}
	return out
}
