package redact

import (
	"regexp"
	"strings"
	"unicode"
)

// Entities finds named entities in text (persona/nlp runs prose's
// recogniser); it returns Person and Company spans.
type Entities func(text string) []Span

// Redactor replaces what a study hides with its pseudonyms.
type Redactor struct {
	Pseudonyms *Pseudonyms
	// Kinds are the kinds replaced; empty means DefaultKinds.
	Kinds []Kind
	// Names are people known to the study (speaker labels that read as
	// names): always found, with their parts, without the recogniser.
	Names []string
	// Entities, if set, finds further names; it is called only for text
	// holding a capitalised word that is not the first of its sentence, so
	// most text never reaches it.
	Entities Entities

	// Keep are words the study never redacts as a name the recogniser
	// proposes (products and places it takes for people: "Azure",
	// "Python"); case does not matter.
	Keep []string

	common map[string]bool // words the study writes in lower case
	keep   map[string]bool

	// found are the names the recogniser (or a title) found in the text
	// Prepare read, in the order found: they, and their parts alone, are
	// found wherever else the file says them ("Acme Corp." once, then
	// "Acme"; "Priya Raman", then "Priya"), as a speaker's name is.
	found  []foundName
	entity map[string][]Span // text Prepare read → the names found in it
}

// Learn reads the study's text (all of it, before redacting any) for the
// words it writes in lower case: "okay", "marketing", "project". A name
// the recogniser proposes is dropped when each of its words is one of
// these — recognisers take a capitalised "Okay." or "Marketing Expert"
// for a person — while "Craig" or "Priya Raman" are never written so.
func (r *Redactor) Learn(texts ...string) {
	if r.common == nil {
		r.common = map[string]bool{}
	}
	for _, t := range texts {
		for _, w := range strings.Fields(t) {
			w = strings.Trim(w, ".,;:!?\"'()[]{}…“”‘’")
			if w != "" && w == strings.ToLower(w) {
				r.common[w] = true
				if i := strings.IndexAny(w, "'’"); i > 0 {
					r.common[w[:i]] = true // let's → let
				}
			}
		}
	}
}

// plausible reports whether a proposed name survives Learn's test and the
// list of words that are never names.
func (r *Redactor) plausible(name string) bool {
	for _, w := range strings.FieldsFunc(name, func(c rune) bool { return unicode.IsSpace(c) || c == '.' }) {
		w = strings.ToLower(strings.Trim(w, ".,;:!?\"'()[]{}…“”‘’"))
		if i := strings.IndexAny(w, "'’"); i > 0 {
			w = w[:i] // Craig's → craig
		}
		if !r.common[w] && !notNames[w] && !interjections[w] && !r.kept(w) {
			return true
		}
	}
	return false
}

// Replacement is one span replaced, as byte offsets into the redacted text.
type Replacement struct {
	Start, End int
	Kind       Kind
	Label      string
}

func (r *Redactor) kinds() map[Kind]bool {
	ks := r.Kinds
	if len(ks) == 0 {
		ks = DefaultKinds
	}
	m := make(map[Kind]bool, len(ks))
	for _, k := range ks {
		m[k] = true
	}
	return m
}

// Find returns the spans of text the redactor would replace.
func (r *Redactor) Find(text string) []Span {
	kinds := r.kinds()
	var spans []Span
	for _, s := range FindPatterns(text) {
		if kinds[s.Kind] {
			spans = append(spans, s)
		}
	}
	if kinds[Person] {
		for _, sp := range FindNames(text, r.Names) {
			// A speaker label such as "Marketing" is a role the study
			// also writes in lower case, not a name.
			if r.common == nil || r.plausible(text[sp.Start:sp.End]) {
				spans = append(spans, sp)
			}
		}
	}
	found, ok := r.entity[text]
	if !ok {
		found, _ = r.entities(text, kinds, nil)
	}
	spans = append(spans, found...)
	spans = append(spans, r.foundAgain(text, kinds)...)
	return merge(spans)
}

// Prepare reads a file's texts (all of them, after Learn and before
// redacting any) for the names the recogniser or a title finds, so that
// each is found in every text of the file, also where the recogniser did
// not read it (a sentence's first word) or says only a part of it. A name
// the recogniser read more often than it tagged ("Canada", tagged once as
// a person and read in 200 sentences) is left to it: it judged the name
// in context. The names found are kept per text, so redacting the same
// texts after does not run the recogniser again.
func (r *Redactor) Prepare(texts ...string) {
	kinds := r.kinds()
	if r.entity == nil {
		r.entity = map[string][]Span{}
	}
	var read []string
	tags := map[string]int{}
	cued := map[string]bool{} // names a title or greeting found
	var order []foundName
	for _, t := range texts {
		if _, ok := r.entity[t]; ok {
			continue
		}
		spans, ncued := r.entities(t, kinds, func(sentence string) { read = append(read, sentence) })
		r.entity[t] = spans
		for i, sp := range spans {
			name := strings.TrimSpace(t[sp.Start:sp.End])
			if tags[name] == 0 {
				order = append(order, foundName{name, sp.Kind})
				r.Pseudonyms.KnownAs(sp.Kind, name)
			}
			tags[name]++
			if i < ncued {
				cued[name] = true
			}
		}
	}
	// Names another file of the study had replaced (the pseudonyms know
	// them by their keyed hash only) are looked for here too. A person's
	// full name (two or more words) is found wherever the file says it:
	// hiding it again errs on the safe side, and each saying is a vote
	// for its parts alone. A single word and a company's name get one
	// vote, for the file where it was found, against the sentences here
	// that say it without the recogniser tagging it: a word the recogniser keeps passing over here
	// ("Canada" of "Service Canada", once taken for a person in another
	// meeting) is left to it, as within a file.
	var fullNames []foundName
	for _, f := range r.knownElsewhere(texts, kinds, tags) {
		order = append(order, f)
		r.Pseudonyms.KnownAs(f.kind, f.name)
		tags[f.name] = 1
		if f.kind == Person && strings.Contains(f.name, " ") {
			// Found wherever it is said, so each saying is a vote for
			// its parts, as a tag would be.
			fullNames = append(fullNames, f)
			tags[f.name] = max(1, said(texts, f.name))
		}
	}
	// Each name and each part of it that reads as a name is a needle,
	// voted on its own: the tags of the names that hold it against the
	// sentences read that say it. "Acme" of "Acme Corp" (tagged once,
	// read once more alone) is spread; "Canada" of "Canada Lee" (read
	// alone in many sentences, never tagged so) is not. A name a title or
	// greeting found ("Dr. Okafor", "Thanks, Maria.") and its parts are
	// not voted on: the cue, not the recogniser, made it a name, so the
	// sentences the recogniser read without tagging it say nothing
	// against it.
	var needles []foundName
	votes := map[string]int{}
	sure := map[string]bool{}
	for _, f := range order {
		for i, n := range append([]string{f.name}, NameParts(f.kind, f.name)...) {
			if i > 0 && (len(n) < 3 || !r.plausible(n)) {
				continue
			}
			if votes[n] == 0 {
				needles = append(needles, foundName{n, f.kind})
			}
			votes[n] += tags[f.name]
			if cued[f.name] {
				sure[n] = true
			}
		}
	}
	seen := map[string]bool{}
	for _, f := range r.found {
		seen[f.name] = true
	}
	for _, f := range needles {
		reads := 0
		for _, sent := range read {
			if !sure[f.name] && hasWord(sent, f.name) {
				reads++
			}
		}
		if !seen[f.name] && (sure[f.name] || 2*votes[f.name] >= reads) {
			seen[f.name] = true
			r.found = append(r.found, f)
		}
	}
	for _, f := range fullNames {
		if !seen[f.name] {
			seen[f.name] = true
			r.found = append(r.found, f)
		}
	}
}

// said counts the times texts say w as a whole word, with its capitals.
func said(texts []string, w string) int {
	n := 0
	for _, t := range texts {
		eachWord(t, w, func(int, int) bool {
			n++
			return true
		})
	}
	return n
}

// hasWord reports whether text says w as a whole word, with its capitals.
func hasWord(text, w string) bool {
	found := false
	eachWord(text, w, func(int, int) bool {
		found = true
		return false
	})
	return found
}

type foundName struct {
	name string
	kind Kind
}

// foundAgain finds in text, as whole words with their capitals, the names
// and parts of names Prepare kept (Prepare chose which parts read as names
// and which survived its vote). Parts are numbered as their whole
// (Pseudonyms.KnownAs).
func (r *Redactor) foundAgain(text string, kinds map[Kind]bool) []Span {
	if len(r.found) == 0 {
		return nil
	}
	var spans []Span
	for _, f := range r.found {
		if kinds[f.kind] {
			eachWord(text, f.name, func(s, e int) bool {
				spans = append(spans, Span{s, e, f.kind})
				return true
			})
		}
	}
	return spans
}

// entities finds names after titles and greetings and, with a recogniser,
// the names it proposes that survive the study's tests; read, if set, is
// told each sentence the recogniser reads. The first cued spans are those
// a title or greeting found.
func (r *Redactor) entities(text string, kinds map[Kind]bool, read func(sentence string)) (spans []Span, cued int) {
	if kinds[Person] {
		spans = append(spans, r.titled(text)...)
		spans = append(spans, r.addressed(text)...)
	}
	cued = len(spans)
	if r.Entities != nil && (kinds[Person] || kinds[Company]) {
		// Only the sentences where a name can hide reach the recogniser:
		// its cost grows with the text it reads.
		for _, sent := range sentences(text) {
			part := text[sent[0]:sent[1]]
			if !HasInnerCapital(part) {
				continue
			}
			if read != nil {
				read(part)
			}
			for _, s := range r.Entities(part) {
				if !kinds[s.Kind] || s.Start < 0 || s.End > len(part) || s.Start >= s.End {
					continue
				}
				s.Start, s.End = s.Start+sent[0], s.End+sent[0]
				if name := text[s.Start:s.End]; !r.plausible(name) || s.Kind == Person && !writtenAsName(name) {
					continue
				}
				if s.Kind == Person {
					s = r.widen(text, s)
				}
				spans = append(spans, s)
			}
		}
	}
	return spans, cued
}

// Redact returns text with each span found replaced by its pseudonym, and
// where the pseudonyms sit in the result.
func (r *Redactor) Redact(text string) (string, []Replacement) {
	return r.Apply(text, r.Find(text))
}

// Apply replaces spans (as Find returns them: ordered, not overlapping)
// by their pseudonyms; the i-th Replacement is the i-th span's.
func (r *Redactor) Apply(text string, spans []Span) (string, []Replacement) {
	if len(spans) == 0 {
		return text, nil
	}
	for _, n := range r.Names {
		r.Pseudonyms.Known(n)
	}
	var b strings.Builder
	b.Grow(len(text))
	reps := make([]Replacement, 0, len(spans))
	pos := 0
	for _, s := range spans {
		b.WriteString(text[pos:s.Start])
		label := r.Pseudonyms.Label(s.Kind, text[s.Start:s.End])
		reps = append(reps, Replacement{Start: b.Len(), End: b.Len() + len(label), Kind: s.Kind, Label: label})
		b.WriteString(label)
		pos = s.End
	}
	b.WriteString(text[pos:])
	return b.String(), reps
}

// Label is the pseudonym a speaker label is shown by when it reads as a
// person's name ("Alice Smith" → "[Person 1]"); other labels ("Interviewer",
// "P07") are returned as they are.
func (r *Redactor) Label(speaker string) string {
	if !r.kinds()[Person] || !PersonName(speaker) {
		return speaker
	}
	r.Pseudonyms.Known(speaker)
	return r.Pseudonyms.Label(Person, speaker)
}

// HasInnerCapital reports whether text has a capitalised word that does not
// start a sentence and is not "I": the only text where a name the study
// does not know can hide.
func HasInnerCapital(text string) bool {
	start := true
	for _, w := range strings.Fields(text) {
		if !start && nameLike(w) {
			return true
		}
		start = endsSentence(w)
	}
	return false
}

// endsSentence reports whether a word ends its sentence: it ends in . ! ?
// or :, and is not a title ("Mr.") or an initial ("J.").
func endsSentence(w string) bool {
	if !strings.ContainsAny(w[len(w)-1:], ".!?:") {
		return false
	}
	if strings.HasSuffix(w, ".") {
		stem := strings.TrimSuffix(w, ".")
		if titles[strings.ToLower(stem)] || len(stem) == 1 && unicode.IsUpper(rune(stem[0])) {
			return false
		}
	}
	return true
}

// titles precede names.
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true}

// titleRE is a title and the one or two capitalised words after it.
var titleRE = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? ?(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?)`)

// titled finds the names after titles ("Mr. Bezan", "Ms Anju Dhillon"):
// a name by construction, without the recogniser; "Mr. Chair" is none.
func (r *Redactor) titled(text string) []Span {
	var out []Span
	for _, m := range titleRE.FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		if first, _, _ := strings.Cut(name, " "); notNames[strings.ToLower(first)] {
			continue
		}
		if writtenAsName(name) {
			out = append(out, Span{m[2], m[3], Person})
		}
	}
	return out
}

// greetedRE is a greeting or thanks and the capitalised word after it,
// or a thanks whose clause ends in ", Name." : the person spoken to
// ("Thanks, Maria.", "hi Dana", "Good morning, Sam", "Thanks for
// joining, Maria."). Recognisers miss these: an interviewer thanking the
// buyer by name is their most frequent way of naming them.
var greetedRE = regexp.MustCompile(`\b(?i:thanks|thank you|hi|hello|hey|bye|goodbye|cheers|welcome|good morning|good afternoon|good evening)[,!]? (\p{Lu}[\p{L}'’-]+)` +
	`|\b(?i:thanks|thank you)\b[^.!?,]{1,40}, (\p{Lu}[\p{L}'’-]+)[.!?]`)

// addressed finds the names of people greeted or thanked by name. The
// word must read as a name: not one the file writes in lower case ("Thanks,
// Everyone"), an interjection ("Thanks, Great") or a word never a name
// ("Hi, I'm", "Thank you, Sir").
func (r *Redactor) addressed(text string) []Span {
	var out []Span
	for _, m := range greetedRE.FindAllStringSubmatchIndex(text, -1) {
		if m[2] < 0 {
			m[2], m[3] = m[4], m[5]
		}
		name := text[m[2]:m[3]]
		if nameLike(name) && r.nameWord(name) && r.plausible(name) && writtenAsName(name) {
			out = append(out, Span{m[2], m[3], Person})
		}
	}
	return out
}

// widen grows a person span over the capitalised name words right beside
// it: the recogniser often tags only "Raman" of "Priya Raman". A word the
// study writes in lower case, an acronym ("CFO") or a word that is never a
// name stops it.
func (r *Redactor) widen(text string, s Span) Span {
	for s.Start > 0 && text[s.Start-1] == ' ' {
		j := strings.LastIndexByte(text[:s.Start-1], ' ')
		// A sentence's first word is capitalised anyway ("Ask Priya").
		if j < 0 || !r.nameWord(text[j+1:s.Start-1]) || sentenceStart(text[:j]) {
			break
		}
		s.Start = j + 1
	}
	for s.End < len(text) && text[s.End] == ' ' {
		k := strings.IndexByte(text[s.End+1:], ' ')
		end := len(text)
		if k >= 0 {
			end = s.End + 1 + k
		}
		w := strings.TrimRight(text[s.End+1:end], ".,;:!?)'\"’”")
		if !r.nameWord(w) {
			break
		}
		s.End = s.End + 1 + len(w)
	}
	return s
}

// nameWord reports whether w is a capitalised word that may be part of a
// name: not an acronym, not a word the study writes in lower case.
func (r *Redactor) nameWord(w string) bool {
	if !nameLike(w) || w != strings.Trim(w, ".,;:!?\"'()[]") {
		return false
	}
	rest := []rune(w)[1:]
	if strings.ToUpper(string(rest)) == string(rest) {
		return false // CFO, IBM
	}
	lw := strings.ToLower(w)
	return !r.common[lw] && !interjections[lw]
}

// sentenceStart reports whether a word after before starts a sentence.
func sentenceStart(before string) bool {
	before = strings.TrimRight(before, " ")
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:")
}

// sentences splits text at sentence ends (., ! or ? before a space) into
// byte ranges.
func sentences(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if strings.IndexByte(".!?", text[i]) >= 0 && text[i+1] == ' ' && endsSentence(text[strings.LastIndexByte(text[:i+1], ' ')+1:i+1]) {
			out = append(out, [2]int{start, i + 1})
			start = i + 2
		}
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// writtenAsName reports whether a span the recogniser calls a person is
// written as names are: every word has a lower-case letter (not "CSIS",
// "R C N N"; a lone initial such as "J." beside a name may be capital
// only), does not start with two capitals ("GPUs") and does not change
// case inside ("DevOps", "GitHub"), bar the Mc/Mac of surnames.
func writtenAsName(name string) bool {
	lowerWords := 0
	for _, w := range strings.Fields(name) {
		rs := []rune(strings.Trim(w, ",;:!?\"'()[]’"))
		if len(rs) > 2 && unicode.IsUpper(rs[0]) && unicode.IsUpper(rs[1]) {
			return false // GPUs, MPs: an acronym's plural
		}
		hasLower := false
		for i, c := range rs {
			if unicode.IsLower(c) {
				hasLower = true
			}
			if i > 0 && unicode.IsUpper(c) && unicode.IsLower(rs[i-1]) && !surnamePrefix(string(rs[:i])) {
				return false
			}
		}
		switch {
		case hasLower:
			lowerWords++
		case len(rs) != 2 || rs[1] != '.':
			return false // an acronym, or a letter that is no initial ("Country X")
		}
	}
	return lowerWords > 0
}

func surnamePrefix(p string) bool {
	switch p {
	case "Mc", "Mac", "O'", "O’", "De", "Di", "La", "Le", "Van", "Von":
		return true
	}
	return false
}

// kept reports whether w (lower case) is one of Keep.
func (r *Redactor) kept(w string) bool {
	if len(r.Keep) == 0 {
		return false
	}
	if r.keep == nil {
		r.keep = map[string]bool{}
		for _, k := range r.Keep {
			for _, f := range strings.Fields(strings.ToLower(k)) {
				r.keep[f] = true
			}
		}
	}
	return r.keep[w]
}
