package analysis

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/verbatimhq/verbatim/persona"
)

// phraseUse is what a persona's finding-part is chosen from: the labels
// and key phrases of the study's recurring themes that read as a finding
// (two content words or more, no filler), each with the buyers who said
// all its content words within one quote. Counting one quote, not
// anywhere in an interview, is what grounds a phrase: "perfect" in one
// answer and "model" in another is no one saying "perfect model".
type phraseUse struct {
	texts  []string         // one surface per set of content words (the alphabetically first)
	keys   [][]string       // content word keys (normWord), in phrase order
	themes []map[int64]bool // the themes offering it
	by     []map[int]bool   // buyer indexes who said it in one quote
	// ofTheme lists each theme's phrases (indexes), its label first;
	// label marks the themes whose label is one of them.
	ofTheme map[int64][]int
	label   map[int64]bool
	// named marks the phrases said with a word tagged a noun in most
	// of the quotes that say them: "only one" or "really like" names
	// nothing.
	named []bool
	// judges marks the phrases that are a finding in most of the
	// quotes that say them: one of its words said as an adjective with a
	// clear sentiment ("perfect model", "slow queries"), or the words as
	// said are a finding by phraseFinding ("missed forecast", "data
	// quality issues", saidFinding), rather than a topic ("final
	// product").
	judges []bool
}

// judgeValence is the least VADER valence (of 4) of an adjective that
// judges, the bar theme labels use (label_findings.go).
const judgeValence = 1.5

// findingKeys are the content word keys of a phrase that may name a
// persona, and whether it may: two content words or more, none filler or
// a number, not headed by a light verb ("makes model", "takes time"). A
// lone word is a topic ("text", "input"), not a finding.
func findingKeys(text string) ([]string, bool) {
	var keys []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if functionWords[w] {
			continue
		}
		if fillerWord(w) || strings.Trim(w, "0123456789.,%") == "" {
			return nil, false
		}
		keys = append(keys, normWord(w))
	}
	if len(keys) < 2 || lightStart(text) {
		return nil, false
	}
	return keys, true
}

// namingTexts are a theme's label (without a duplicate's number:
// "quality issue 2" was said as "quality issue") and its key phrases;
// none for a fallback theme, whose quotes share no finding.
func namingTexts(t persona.Theme) []string {
	if fallbackTheme(t) {
		return nil
	}
	var out []string
	if l := strings.TrimRight(t.Label, " 0123456789"); l != "" {
		out = append(out, l)
	}
	return append(out, t.Phrases...)
}

// newPhraseUse gathers the candidate phrases of the recurring themes and,
// in one pass over the visible quotes, who said each.
func newPhraseUse(themes []persona.Theme, c *corpus, buyers []buyer) *phraseUse {
	pu := &phraseUse{ofTheme: map[int64][]int{}, label: map[int64]bool{}}
	at := map[string]int{}
	type offer struct {
		text  string
		theme int64
	}
	var offers []offer
	for _, t := range themes {
		if !t.Recurring {
			continue
		}
		for _, text := range namingTexts(t) {
			offers = append(offers, offer{text, t.ID})
		}
	}
	slices.SortStableFunc(offers, func(a, b offer) int { return strings.Compare(a.text, b.text) })
	for _, o := range offers {
		keys, ok := findingKeys(o.text)
		if !ok {
			continue
		}
		k := samePhrase(keys)
		i, seen := at[k]
		if !seen {
			i = len(pu.texts)
			at[k] = i
			pu.texts, pu.keys = append(pu.texts, o.text), append(pu.keys, keys)
			pu.themes, pu.by = append(pu.themes, map[int64]bool{}), append(pu.by, map[int]bool{})
		}
		pu.themes[i][o.theme] = true
	}
	for _, t := range themes {
		if !t.Recurring {
			continue
		}
		for j, text := range namingTexts(t) {
			keys, ok := findingKeys(text)
			if !ok || slices.Contains(pu.ofTheme[t.ID], at[samePhrase(keys)]) {
				continue
			}
			pu.ofTheme[t.ID] = append(pu.ofTheme[t.ID], at[samePhrase(keys)])
			if j == 0 && text == strings.TrimRight(t.Label, " 0123456789") {
				pu.label[t.ID] = true
			}
		}
	}
	if c == nil || len(pu.texts) == 0 {
		return pu
	}
	withWord := map[string][]int{}
	for i, keys := range pu.keys {
		for _, k := range keys {
			if n := len(withWord[k]); n == 0 || withWord[k][n-1] != i {
				withWord[k] = append(withWord[k], i)
			}
		}
	}
	owner := make(map[int64]int, len(buyers))
	for i, b := range buyers {
		owner[b.p.ID] = i
	}
	term := termAdjectives(c.quotes, c.hidden, withWord)
	words := map[string]bool{}
	forms := map[string]map[string]int{} // key -> spoken forms
	nouns, uses, judged := make([]int, len(pu.texts)), make([]int, len(pu.texts)), make([]int, len(pu.texts))
	for q, quote := range c.quotes {
		b, ok := owner[quote.ParticipantID]
		if !ok || c.hidden[q] {
			continue
		}
		clear(words)
		for _, t := range quote.Tokens {
			if k := normWord(t.Text); withWord[k] != nil {
				words[k] = true
			}
		}
		said := false
		for k := range words {
			for _, i := range withWord[k] {
				if k == pu.keys[i][0] && saidAll(words, pu.keys[i]) && saidNear(quote.Tokens, pu.keys[i]) {
					said = true
					pu.by[i][b] = true
					uses[i]++
					if saidAsNoun(quote.Tokens, pu.keys[i]) {
						nouns[i]++
					}
					if saidJudging(quote.Tokens, pu.keys[i], term) || saidFinding(quote.Tokens, pu.keys[i]) {
						judged[i]++
					}
				}
			}
		}
		if said {
			// The spoken forms, from the text: some transcripts' tokens
			// are lower-cased.
			for _, w := range strings.Fields(quote.Text) {
				w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
				if k := normWord(w); words[k] {
					if forms[k] == nil {
						forms[k] = map[string]int{}
					}
					forms[k][w]++
				}
			}
		}
	}
	pu.named, pu.judges = make([]bool, len(pu.texts)), make([]bool, len(pu.texts))
	for i := range pu.keys {
		pu.named[i] = 2*nouns[i] > uses[i]
		pu.judges[i] = 2*judged[i] > uses[i]
		pu.texts[i] = spokenCase(pu.texts[i], forms)
	}
	return pu
}

// saidJudging reports whether a quote says one of keys as an adjective
// that judges (judgingWord) and is not the fixed first half of a term.
func saidJudging(toks []persona.Token, keys []string, term map[string]bool) bool {
	for _, t := range toks {
		k := normWord(t.Text)
		if isAdj(t.Tag) && slices.Contains(keys, k) && judgingWord(t.Text) && !term[k] {
			return true
		}
	}
	return false
}

// judgingWord reports a word people rated as clearly judging: VADER's
// human ratings (not the product-review polarities that fill its gaps,
// which rate "new" and "real"), at least judgeValence either way.
func judgingWord(w string) bool {
	v, ok := humanValence()[strings.ToLower(w)]
	return ok && (v >= judgeValence || v <= -judgeValence)
}

var (
	humanValenceOnce sync.Once
	humanValenceMap  map[string]float64
)

// humanValence is the VADER part of the embedded sentiment lexicon.
func humanValence() map[string]float64 {
	humanValenceOnce.Do(func() {
		humanValenceMap = map[string]float64{}
		for _, line := range strings.Split(string(vaderTSV), "\n") {
			if f := strings.Split(line, "\t"); len(f) == 3 && f[0] == "L" {
				if v, err := strconv.ParseFloat(f[2], 64); err == nil {
					humanValenceMap[f[1]] = v
				}
			}
		}
	})
	return humanValenceMap
}

// termAdjectives are the adjectives of candidate phrases that are mostly
// (in more than half their uses as an adjective, twice or more) followed
// by the same word: the first half of a term ("natural language",
// "false positives", "deep learning"), which names a topic, not a
// judgement of it.
func termAdjectives(quotes []persona.Quote, hidden []bool, keyed map[string][]int) map[string]bool {
	uses := map[string]int{}
	next := map[[2]string]int{}
	for q, quote := range quotes {
		if hidden[q] {
			continue
		}
		for j, t := range quote.Tokens {
			k := normWord(t.Text)
			if keyed[k] == nil || !isAdj(t.Tag) || !judgingWord(t.Text) {
				continue
			}
			uses[k]++
			if j+1 < len(quote.Tokens) {
				next[[2]string{k, normWord(quote.Tokens[j+1].Text)}]++
			}
		}
	}
	term := map[string]bool{}
	for kn, n := range next {
		if n >= 2 && 2*n > uses[kn[0]] {
			term[kn[0]] = true
		}
	}
	return term
}

// saidAsNoun reports whether a quote says one of keys as a noun.
func saidAsNoun(toks []persona.Token, keys []string) bool {
	for _, t := range toks {
		if isNoun(t.Tag) && slices.Contains(keys, normWord(t.Text)) {
			return true
		}
	}
	return false
}

// findings are the phrases that set a persona apart, best first. Its
// distinctive themes (namingThemes, by lift) speak first through their
// labels, when a label is a phrase of two content words or more (the
// leading theme, failing that, through its first key phrase), then
// through their first such key phrase: a phrase the members said (two or
// more, in one quote) more than the other buyers (lift of at least
// nameLift). A persona that no theme phrase sets apart is named by the
// phrases of any theme its members raised, by their own lift (byLift).
func (pu *phraseUse) findings(pr persona.Profile, ids []int64, members map[int]bool, nBuyers int) []string {
	var out []string
	passes := func(i int) bool {
		c, ok := pu.score(i, pr, members, nBuyers)
		return ok && c.lift >= nameLift && !slices.Contains(out, c.text)
	}
	for _, labels := range []bool{true, false} {
		for _, id := range ids {
			if j := pu.judgingOf(id, passes); j >= 0 {
				// The theme speaks through its finding, not its
				// topic, in the pass where it would have spoken.
				if labels == (pu.label[id] || id == ids[0]) {
					out = append(out, pu.texts[j])
				}
				continue
			}
			for j, i := range pu.ofTheme[id] {
				// The leading theme speaks in the first pass through its
				// key phrase when its label names nothing (a lone word,
				// a negated finding): what sets the persona apart most
				// does not yield to the next theme's label.
				if labels && (j > 0 || !pu.label[id]) && (id != ids[0] || pu.label[id]) {
					break
				}
				if !labels && id == ids[0] && !pu.label[id] {
					break // spoke in the first pass
				}
				if passes(i) {
					out = append(out, pu.texts[i])
					break
				}
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	return pu.byLift(pr, members, nBuyers)
}

// topic reports a candidate text known not to judge (a topic, not a
// finding); without a corpus nothing is known and it reports false.
func (pu *phraseUse) topic(text string) bool {
	if pu.judges == nil {
		return false
	}
	i := slices.Index(pu.texts, text)
	return i >= 0 && !pu.judges[i]
}

// judgingOf is the first phrase of theme id that judges and passes, or -1.
func (pu *phraseUse) judgingOf(id int64, passes func(int) bool) int {
	if pu.judges == nil {
		return -1
	}
	for _, i := range pu.ofTheme[id] {
		if pu.judges[i] && passes(i) {
			return i
		}
	}
	return -1
}

// score is phrase i's share among a persona's members (said in one
// quote) and its lift over the other buyers; ok when two members or more
// (and a tenth) said it.
func (pu *phraseUse) score(i int, pr persona.Profile, members map[int]bool, nBuyers int) (namingCand, bool) {
	inN := 0
	for b := range pu.by[i] {
		if members[b] {
			inN++
		}
	}
	outN := len(pu.by[i]) - inN
	if inN < min(2, pr.Size) || 10*inN < pr.Size || (pu.named != nil && !pu.named[i]) {
		return namingCand{}, false
	}
	rest := nBuyers - pr.Size
	share := float64(inN) / float64(pr.Size)
	lift := share / max(float64(outN)/float64(max(rest, 1)), 1/float64(rest+1))
	return namingCand{text: pu.texts[i], share: share, lift: lift, words: len(pu.keys[i])}, true
}

// byLift are the phrases of the themes a persona's members raised that
// set it apart, best first (see sortNaming): those said in one quote by
// at least half its members (failing that a quarter, then a tenth;
// always two or more) with a lift over the other buyers of at least
// nameLift. Scoring the phrases on what the members said, not on which
// theme holds them, keeps a persona's name when a re-run regroups the
// themes a little.
func (pu *phraseUse) byLift(pr persona.Profile, members map[int]bool, nBuyers int) []string {
	var cs []namingCand
	for i := range pu.texts {
		if !pu.raised(i, pr) {
			continue
		}
		if c, ok := pu.score(i, pr, members, nBuyers); ok && c.lift >= nameLift {
			cs = append(cs, c)
		}
	}
	for _, floor := range []float64{0.5, 0.25, 0.1} {
		var out []namingCand
		for _, c := range cs {
			if c.share >= floor {
				out = append(out, c)
			}
		}
		if len(out) == 0 {
			continue
		}
		sortNaming(out)
		texts := make([]string, len(out))
		for i, c := range out {
			texts[i] = c.text
		}
		return texts
	}
	return nil
}

// raised reports whether a persona's members raised a theme offering
// phrase i.
func (pu *phraseUse) raised(i int, pr persona.Profile) bool {
	for id := range pu.themes[i] {
		if pr.ThemeCounts[id] > 0 {
			return true
		}
	}
	return false
}

// mostSaid are the phrases of the themes a persona raised that most of
// its members said in one quote (at least two, and a tenth), most said
// first, then the longer phrase: what they share, for a persona that
// nothing sets apart.
func (pu *phraseUse) mostSaid(pr persona.Profile, members map[int]bool) []string {
	type cand struct {
		text     string
		n, words int
	}
	var cs []cand
	for i, text := range pu.texts {
		if !pu.raised(i, pr) || (pu.named != nil && !pu.named[i]) {
			continue
		}
		n := 0
		for b := range pu.by[i] {
			if members[b] {
				n++
			}
		}
		if n >= min(2, pr.Size) && 10*n >= pr.Size {
			cs = append(cs, cand{text, n, len(pu.keys[i])})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(b.words, a.words), cmp.Compare(a.text, b.text))
	})
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, c.text)
	}
	return out
}
