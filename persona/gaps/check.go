package gaps

import (
	"fmt"
	"sort"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// Input is what Check needs: the document's passages and the study's
// analysis.
type Input struct {
	// Passages are the document's sentences, in order.
	Passages []string
	Themes   []persona.Theme
	// Members are each theme's member quotes (by theme id), the theme's
	// top quotes first; Check reads at most MaxMembers of each.
	Members  map[int64][]Quote
	Personas []persona.Profile
	// BuyerTexts are all the buyers' quotes of the study: their language.
	BuyerTexts []string
	// Vectors are the analysis's word vectors; nil for TF-IDF alone.
	Vectors *analysis.Vectors
	// PersonaID limits the report to one persona (0: all).
	PersonaID int64
}

// MaxMembers bounds the member quotes that stand for a theme.
const MaxMembers = 60

// quotesBeside is how many buyer quotes a theme shows beside its passage.
const quotesBeside = 2

// Quote is a buyer quote with its attribution, traceable to its source.
type Quote struct {
	ID          int64  `json:"id"`
	Text        string `json:"text"`
	Participant string `json:"participant"`
	Source      string `json:"source"`
	SourceID    int64  `json:"source_id"`
	Position    string `json:"position,omitempty"`
}

// Report is a content-gap check of one document against a study.
type Report struct {
	PassageCount int `json:"passage_count"`
	// Words is the document's count of content words; BuyerWords how many
	// of them the buyers also use; BuyerLanguage their share.
	Words         int             `json:"words"`
	BuyerWords    int             `json:"buyer_words"`
	BuyerLanguage float64         `json:"buyer_language"`
	VendorPhrases []VendorPhrase  `json:"vendor_phrases"`
	Personas      []PersonaReport `json:"personas"`
}

// PersonaReport is the check for one persona.
type PersonaReport struct {
	PersonaID int64  `json:"persona_id"`
	Name      string `json:"name"`
	Size      int    `json:"size"`
	// Coverage is the share of the persona's top themes the document
	// addresses, each weighted by how many of the persona's buyers raise
	// it: Covered / Weight.
	Coverage  float64       `json:"coverage"`
	Covered   int           `json:"covered"`
	Weight    int           `json:"weight"`
	Addressed int           `json:"addressed"`
	Themes    int           `json:"themes"`
	Rings     []RingReport  `json:"rings"`
	Missing   []BuyerPhrase `json:"missing_phrases"`
}

// RingReport is one ring of a persona.
type RingReport struct {
	Ring   persona.Ring `json:"ring"`
	Title  string       `json:"title"`
	Themes []ThemeMatch `json:"themes"`
}

// ThemeMatch says whether the document addresses one theme, and where.
type ThemeMatch struct {
	ThemeID   int64  `json:"theme_id"`
	Label     string `json:"label"`
	Raised    int    `json:"raised"` // persona members who raise it
	Of        int    `json:"of"`
	Addressed bool   `json:"addressed"`
	// Score is the best passage's similarity to the theme; Threshold the
	// theme's own bar (see match.go).
	Score     float64 `json:"score"`
	Threshold float64 `json:"threshold"`
	// Passage is the best-matching passage (shown even when below the bar,
	// as the nearest miss), PassageIndex its 0-based position.
	Passage      string `json:"passage"`
	PassageIndex int    `json:"passage_index"`
	// NearerTo names the theme of the same ring that the nearest miss is
	// closer to, when that, not the bar, kept it from addressing this one.
	NearerTo string  `json:"nearer_to,omitempty"`
	Quotes   []Quote `json:"quotes"`
}

// Check runs the content-gap check.
func Check(in Input) (*Report, error) {
	if len(in.Passages) == 0 {
		return nil, fmt.Errorf("gaps: the document has no text: %w", persona.ErrInvalid)
	}
	themes := map[int64]persona.Theme{}
	var ids []int64
	var members [][]string
	for _, t := range in.Themes {
		var texts []string
		for i, q := range in.Members[t.ID] {
			if i == MaxMembers {
				break
			}
			texts = append(texts, q.Text)
		}
		themes[t.ID] = t
		ids = append(ids, t.ID)
		members = append(members, texts)
	}
	m := newMatcher(members, in.Vectors)
	scores := m.passageScores(in.Passages)
	nearest := nearestInRing(scores, ids, themes)
	best := map[int64]ThemeMatch{}
	for ti, id := range ids {
		tm := ThemeMatch{ThemeID: id, Label: themes[id].Label, Threshold: m.thresh[ti], PassageIndex: -1}
		own, any := -1, -1 // best passage nearest to this theme; best passage at all
		for p := range in.Passages {
			if s := scores[p][ti]; s > 0 && (any < 0 || s > scores[any][ti]) {
				any = p
			}
			if nearest[p][themes[id].Ring] == ti && (own < 0 || scores[p][ti] > scores[own][ti]) {
				own = p
			}
		}
		if own >= 0 && scores[own][ti] >= tm.Threshold {
			tm.Addressed, tm.PassageIndex = true, own
		} else if any >= 0 {
			tm.PassageIndex = any
			if n := nearest[any][themes[id].Ring]; n != ti && scores[any][ti] >= tm.Threshold {
				tm.NearerTo = themes[ids[n]].Label
			}
		}
		if tm.PassageIndex >= 0 {
			tm.Score, tm.Passage = scores[tm.PassageIndex][ti], in.Passages[tm.PassageIndex]
		}
		qs := in.Members[id]
		tm.Quotes = append([]Quote{}, qs[:min(quotesBeside, len(qs))]...)
		best[id] = tm
	}
	voc := newVocabulary(in.BuyerTexts)
	rep := &Report{PassageCount: len(in.Passages), Personas: []PersonaReport{}}
	rep.Words, rep.BuyerWords, rep.VendorPhrases = voc.vendorPhrases(in.Passages, in.Vectors)
	if rep.Words > 0 {
		rep.BuyerLanguage = float64(rep.BuyerWords) / float64(rep.Words)
	}
	for _, p := range in.Personas {
		if in.PersonaID != 0 && p.ID != in.PersonaID {
			continue
		}
		rep.Personas = append(rep.Personas, personaReport(p, themes, best, in.Passages))
	}
	if in.PersonaID != 0 && len(rep.Personas) == 0 {
		return nil, fmt.Errorf("gaps: persona %d: %w", in.PersonaID, persona.ErrNotFound)
	}
	return rep, nil
}

// personaReport assembles one persona's rings, coverage and missing
// buyer phrases from the per-theme matches.
func personaReport(p persona.Profile, themes map[int64]persona.Theme, best map[int64]ThemeMatch, passages []string) PersonaReport {
	pr := PersonaReport{PersonaID: p.ID, Name: p.Name, Size: p.Size, Rings: []RingReport{}, Missing: []BuyerPhrase{}}
	var lacking []persona.Theme
	for _, r := range persona.Rings {
		rr := RingReport{Ring: r, Title: r.Title(), Themes: []ThemeMatch{}}
		for _, id := range p.Rings[r] {
			tm, ok := best[id]
			if !ok {
				continue
			}
			tm.Raised, tm.Of = p.ThemeCounts[id], p.Size
			w := max(tm.Raised, 1)
			pr.Themes++
			pr.Weight += w
			if tm.Addressed {
				pr.Addressed++
				pr.Covered += w
			}
			rr.Themes = append(rr.Themes, tm)
			lacking = append(lacking, themes[id])
		}
		if len(rr.Themes) > 0 {
			pr.Rings = append(pr.Rings, rr)
		}
	}
	if pr.Weight > 0 {
		pr.Coverage = float64(pr.Covered) / float64(pr.Weight)
	}
	pr.Missing = missingPhrases(lacking, p.ThemeCounts, passages)
	sort.SliceStable(pr.Missing, func(i, j int) bool { return pr.Missing[i].Raised > pr.Missing[j].Raised })
	return pr
}

// nearestInRing is, per passage, the index (into ids) of its nearest
// theme in each ring: as the analysis puts each quote in one theme of its
// ring, a passage counts for at most one theme per ring.
func nearestInRing(scores [][]float64, ids []int64, themes map[int64]persona.Theme) []map[persona.Ring]int {
	out := make([]map[persona.Ring]int, len(scores))
	for p, row := range scores {
		out[p] = map[persona.Ring]int{}
		for ti, s := range row {
			r := themes[ids[ti]].Ring
			if cur, ok := out[p][r]; !ok || s > row[cur] {
				out[p][r] = ti
			}
		}
	}
	return out
}
