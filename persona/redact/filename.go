package redact

import (
	"strings"
	"unicode"
)

// fileNameWords are words of transcript file names that are never a
// person's name (what the file is, where it came from, which version).
var fileNameWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`interview interviews call calls notes note transcript transcripts recording
recordings meeting meetings session sessions zoom teams otter gong fathom fireflies grain webex meet export exported
final draft copy edited clean raw audio video discovery demo kickoff followup follow up survey responses results
buyer customer prospect client vendor win loss lost won deal sales pricing research wave round part`) {
		m[w] = true
	}
	return m
}()

// fileNameCarrier is the sentence a file name's words are read in: the
// recogniser tags people by their context, and a file name has none.
const fileNameCarrier = "This is the recording with "

// PeopleInFileName finds the people a file name names that no speaker
// label gave: titled is the name's words capitalised with separators as
// spaces (as ingest.RedactFileName makes it), texts the file's text. Each
// run of words that could be a name — letters only, never written in
// lower case in the study's text (Learn), no word of file names or of the
// never-names lists, no keep word — is read by the recogniser in a
// sentence of its own ("This is the recording with Priya Raman.") and
// kept when it is tagged a person written as names are. When the file's
// text says the name too, the text is its context: it is kept only if the
// recogniser tags it a person in one of (up to three of) those sentences
// ("covid_0.json" of a text saying "COVID", "education_13.json" of one
// saying "Department of Education" stay). Nothing is found without a
// recogniser or when people are not redacted.
func (r *Redactor) PeopleInFileName(titled string, texts []string) []Span {
	if r.Entities == nil || !r.kinds()[Person] {
		return nil
	}
	var out []Span
	runStart, runEnd := -1, -1
	flush := func() {
		if runStart < 0 {
			return
		}
		words := titled[runStart:runEnd]
		sentence := fileNameCarrier + words + "."
		for _, s := range r.Entities(sentence) {
			start, end := s.Start-len(fileNameCarrier), s.End-len(fileNameCarrier)
			if s.Kind != Person || start < 0 || end > len(words) || start >= end {
				continue
			}
			if name := words[start:end]; writtenAsName(name) && r.plausible(name) && r.personInText(name, texts) {
				out = append(out, Span{Start: runStart + start, End: runStart + end, Kind: Person})
			}
		}
		runStart, runEnd = -1, -1
	}
	pos := 0
	for _, w := range strings.Split(titled, " ") {
		start, end := pos, pos+len(w)
		pos = end + 1
		if r.nameCandidate(w) {
			if runStart < 0 {
				runStart = start
			}
			runEnd = end
			continue
		}
		flush()
	}
	flush()
	return out
}

// nameCandidate reports whether a word of a file name could be (part of) a
// person's name.
func (r *Redactor) nameCandidate(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, c := range w {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	l := strings.ToLower(w)
	return !r.common[l] && !notNames[l] && !interjections[l] && !fileNameWords[l] && !r.kept(l)
}

// personInText reports whether name, where the texts say it (as a whole
// phrase, ignoring case), is tagged a person there by the recogniser, in
// one of the first three sentences that say it; true when no text says it.
func (r *Redactor) personInText(name string, texts []string) bool {
	said := 0
	for _, text := range texts {
		for _, sent := range sentences(text) {
			part := text[sent[0]:sent[1]]
			at := wholePhrase(part, name)
			if at < 0 {
				continue
			}
			said++
			for _, s := range r.Entities(part) {
				if s.Kind == Person && s.Start <= at && s.End >= at+len(name) && writtenAsName(part[s.Start:s.End]) {
					return true
				}
			}
			if said == 3 {
				return false
			}
		}
	}
	return said == 0
}

// wholePhrase is where phrase occurs in text as whole words, ignoring
// case, or -1.
func wholePhrase(text, phrase string) int {
	lt, lp := strings.ToLower(text), strings.ToLower(phrase)
	for from := 0; from < len(lt); {
		i := strings.Index(lt[from:], lp)
		if i < 0 {
			return -1
		}
		i += from
		before := i == 0 || !isWordByte(lt[i-1])
		after := i+len(lp) == len(lt) || !isWordByte(lt[i+len(lp)])
		if before && after {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}
