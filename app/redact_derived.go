package app

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// An analysis builds text of its own from the quotes: theme labels and
// phrases are phrases of them, a headline is one of them, persona names
// join traits (attribute values), stated roles and phrases. A redaction
// pass rewrites the quotes, but the analysis built before it holds what
// the pass removed until the study is analysed again. So, before a
// source is rewritten, the pass replaces what it is about to remove
// wherever the stored analysis says it (scrubDerived); the re-analysis at
// the pass's end then builds everything anew from the redacted text.
// Stated roles are told anew from the stored quotes when shown
// (shownRoles), and researchers' own words (renamed labels, notes) are
// theirs, not built from the text.

// scrub replaces originals in derived text by their pseudonyms, as whole
// words and whatever their case (labels are often lower case).
type scrub struct {
	res  []*regexp.Regexp
	subs []string
}

// newScrub prepares the replacements of what a source's redaction
// replaced, longest first: each original, and the parts a label may say
// alone: each name-like part of a person's name ("ortiz" for "Dana
// Ortiz", "li" for "Li Wei") and each part of a company's name but its
// legal form ("acme" for "Acme Corp."). Needles of two letters count
// (names such as "Li", "Wu", "Jo"); one that is a common short word
// ("An", "Ng" is not) is replaced only as written, so "an" and "to" in
// labels stay. So is a part that is one of the 1,000 most frequent
// English words (common, when the study has word vectors to tell):
// "Global Data Systems" takes "Data" as written but leaves the label
// "data quality", "The Home Depot" leaves "home office"; the whole
// original is still taken in any case. A single letter (an initial)
// names no one and is left. It returns nil when there is nothing to
// replace.
func newScrub(originals []persona.Original, common func(string) bool) *scrub {
	type pair struct {
		needle, label string
		exact         bool // match case as written
	}
	seen := map[string]bool{}
	var pairs []pair
	add := func(needle, label string, part bool) {
		key := strings.ToLower(needle)
		if utf8.RuneCountInString(needle) < 2 || seen[key] {
			return
		}
		seen[key] = true
		exact := commonShortWords[key] || part && common != nil && common(key)
		pairs = append(pairs, pair{needle, label, exact})
	}
	for _, o := range originals {
		add(strings.TrimSpace(o.Original), o.Label, false)
	}
	for _, o := range originals {
		person, company := strings.HasPrefix(o.Label, "[Person"), strings.HasPrefix(o.Label, "[Company")
		if !person && !company {
			continue
		}
		parts := strings.FieldsFunc(o.Original, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '/' || r == ',' })
		for _, w := range parts {
			w = strings.Trim(w, ".,;:'’\"()&")
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case w == "" || redact.LegalForm(w):
			case person && !unicode.IsUpper(r): // "de", "van": particles, not names
			default:
				add(w, o.Label, true)
			}
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	sort.SliceStable(pairs, func(i, j int) bool { return len(pairs[i].needle) > len(pairs[j].needle) })
	s := &scrub{}
	for _, p := range pairs {
		flags := "(?i)"
		if p.exact {
			flags = ""
		}
		s.res = append(s.res, regexp.MustCompile(flags+`(^|[^\p{L}\p{N}_])(`+regexp.QuoteMeta(p.needle)+`)([^\p{L}\p{N}_]|$)`))
		s.subs = append(s.subs, p.label)
	}
	return s
}

// commonShortWords are two-letter English words: a name part spelled like
// one (the given name "An") is replaced only as written.
var commonShortWords = setOf("am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "it", "me",
	"my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we")

// commonWord reports a word among the 1,000 most frequent English words
// by the vectors' rank (expandMinRank, as objection search reads "use" or
// "already"); nil without vectors.
func commonWord(v *analysis.Vectors) func(string) bool {
	if v == nil {
		return nil
	}
	return func(w string) bool { r := v.Rank(w); return r >= 0 && r < expandMinRank }
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// text returns text with every original replaced.
func (s *scrub) text(text string) string {
	for i, re := range s.res {
		label := strings.ReplaceAll(s.subs[i], "$", "$$")
		// Twice: a match consumes the character after it, so two
		// originals one character apart need a second round.
		for range 2 {
			text = re.ReplaceAllString(text, "${1}"+label+"${3}")
		}
	}
	return text
}

func (s *scrub) all(texts []string) ([]string, bool) {
	changed := false
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = s.text(t)
		changed = changed || out[i] != t
	}
	return out, changed
}

// scrubDerived replaces the originals in the study's stored theme labels,
// phrases and headlines and in its persona names and attribute values.
// It holds the study's analysis lock, so an analysis that read the text
// before the rewrite cannot save its labels after this ran.
func (a *App) scrubDerived(ctx context.Context, studyID int64, originals []persona.Original) error {
	s := newScrub(originals, commonWord(analysis.DefaultVectors()))
	if s == nil {
		return nil
	}
	release, err := a.lockStudyAnalysis(ctx, studyID)
	if err != nil {
		return fmt.Errorf("scrub labels of study %d: %w", studyID, err)
	}
	defer release()
	defer a.changed(studyID, ChangeAnalysis)
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return err
	}
	for _, t := range themes {
		label, headline := t.Label, s.text(t.Headline)
		if !t.LabelSet { // a researcher's own label is theirs
			label = s.text(t.Label)
		}
		phrases, changed := s.all(t.Phrases)
		if label == t.Label && headline == t.Headline && !changed {
			continue
		}
		t.Label, t.Headline, t.Phrases = label, headline, phrases
		if err := a.store.SaveTheme(ctx, t); err != nil && !errors.Is(err, persona.ErrNotFound) {
			return err
		}
	}
	ps, err := a.store.Personas(ctx, studyID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if !scrubProfile(s, &p) {
			continue
		}
		if err := a.store.SavePersona(ctx, p); err != nil && !errors.Is(err, persona.ErrNotFound) {
			return err
		}
	}
	return nil
}

// scrubProfile scrubs a persona's name (unless a researcher named it) and
// the attribute values it lists; it reports whether any changed.
func scrubProfile(s *scrub, p *persona.Profile) bool {
	changed := false
	if name := s.text(p.Name); name != p.Name && !p.NameSet {
		p.Name, changed = name, true
	}
	for k, cs := range p.Attributes {
		for i := range cs {
			if v := s.text(cs[i].Value); v != cs[i].Value {
				p.Attributes[k][i].Value, changed = v, true
			}
		}
	}
	for i := range p.Distinct {
		if v := s.text(p.Distinct[i].Value); v != p.Distinct[i].Value {
			p.Distinct[i].Value, changed = v, true
		}
	}
	return changed
}
