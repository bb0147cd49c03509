package ingest

import (
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// Stored is a source already in the store, as RedactStored rewrites it.
// Quotes keep their ids: only their text, offsets, question and tokens
// change, so codings, themes and edits stay on them.
type Stored struct {
	Source       *persona.Source
	Participants []persona.Participant
	Turns        []persona.Turn
	Quotes       []persona.Quote
	// Redactor is set by RedactStored: the study's redactor prepared for
	// this file (its speakers' names and the names Prepare found), for
	// the file's other kept text, such as codings waiting to be placed.
	Redactor *redact.Redactor
}

// RedactStored applies a study's redaction to a source stored before it
// redacted: speaker labels, attributes, turns (each quote's offsets moved
// with the text around it), quotes' questions and the file's name. lang
// re-tags the quotes whose text changed. It returns whether anything
// changed and, when the Redaction keeps them, the originals.
func RedactStored(s *Stored, lang persona.Language, red *Redaction) (changed bool, originals []persona.Original) {
	if red == nil || red.Redactor == nil {
		return false, nil
	}
	texts := make([]string, len(s.Turns))
	for i, t := range s.Turns {
		texts[i] = t.Text
	}
	var speakers []string
	for _, p := range s.Participants {
		speakers = append(speakers, p.Label)
	}
	x := newRedaction(red, texts, speakers)
	s.Redactor = x.r
	labels := map[int64]string{}
	for i := range s.Participants {
		p := &s.Participants[i]
		l, attrs := x.label(p.Label), x.attrs(p.Attributes)
		changed = changed || l != p.Label || !sameAttrs(attrs, p.Attributes)
		p.Label, p.Attributes = l, attrs
		labels[p.ID] = l
	}
	byTurn := map[int64][]int{}
	for i, q := range s.Quotes {
		byTurn[q.TurnID] = append(byTurn[q.TurnID], i)
	}
	for i := range s.Turns {
		t := &s.Turns[i]
		if l, ok := labels[t.ParticipantID]; ok {
			t.Speaker = l
		}
		spans := x.r.Find(t.Text)
		if len(spans) == 0 {
			continue
		}
		out, reps := x.r.Apply(t.Text, spans)
		if x.keep {
			for k, sp := range spans {
				x.keepOriginal(reps[k].Label, t.Text[sp.Start:sp.End])
			}
		}
		for _, qi := range byTurn[t.ID] {
			q := &s.Quotes[qi]
			q.Start, q.End = shift(q.Start, spans, reps, false), shift(q.End, spans, reps, true)
			if q.End > len(out) || q.Start > q.End {
				q.Start, q.End = 0, len(out)
			}
			q.Text = out[q.Start:q.End]
			q.Tokens = lang.Tag(q.Text)
		}
		t.Text, changed = out, true
	}
	for i := range s.Quotes {
		if q := x.text(s.Quotes[i].Question); q != s.Quotes[i].Question {
			s.Quotes[i].Question, changed = q, true
		}
	}
	for i := range s.Turns {
		if q := x.text(s.Turns[i].Question); q != s.Turns[i].Question {
			s.Turns[i].Question, changed = q, true
		}
	}
	if s.Source != nil {
		if n := RedactFileName(s.Source.Name, x.r, speakers, texts); n != s.Source.Name {
			s.Source.Name, changed = n, true
		}
	}
	return changed, x.list
}

// shift moves a byte offset of a text to the same place in its redacted
// form: past every replacement that ends before it; an offset inside a
// replaced span goes to the pseudonym's start (a quote's start) or end (a
// quote's end).
func shift(pos int, spans []redact.Span, reps []redact.Replacement, end bool) int {
	delta := 0
	for k, sp := range spans {
		switch {
		case sp.End <= pos:
			delta = reps[k].End - sp.End
		case sp.Start < pos: // inside the span
			if end {
				return reps[k].End
			}
			return reps[k].Start
		default:
			return pos + delta
		}
	}
	return pos + delta
}

func sameAttrs(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// RedactFileName hides the people a file's name names ("interview-dana-
// ortiz.txt" → "interview-[Person 2].txt" when Dana Ortiz speaks in the
// study), and e-mails and phone numbers in it: the name's words are read
// as capitalised words (file names are often lower case) against the
// names the redactor knows and the labels given, and the words left are
// read by the recogniser for names no speaker has ("call-notes-priya-
// raman.txt", redact.Redactor.PeopleInFileName).
func RedactFileName(name string, r *redact.Redactor, labels, texts []string) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	var names []string
	for _, l := range append(append([]string(nil), r.Names...), labels...) {
		if redact.PersonName(l) {
			names = append(names, l)
		}
	}
	// The same bytes, words capitalised and separators made spaces, so
	// the spans found index base too.
	var b strings.Builder
	start := true
	for _, c := range base {
		switch {
		case c == '-' || c == '_' || c == '.' || c == ' ':
			b.WriteRune(' ')
			start = true
		case start && c < utf8.RuneSelf:
			b.WriteRune(unicode.ToUpper(c))
			start = false
		default:
			b.WriteRune(c)
			start = false
		}
	}
	titled := b.String()
	if len(titled) != len(base) {
		return name
	}
	var spans []redact.Span
	for _, sp := range redact.FindNames(titled, names) {
		spans = append(spans, redact.Span{Start: sp.Start, End: sp.End, Kind: redact.Person})
	}
	// Names no speaker has: the recogniser reads the name's other words.
	spans = append(spans, r.PeopleInFileName(titled, texts)...)
	for _, sp := range redact.FindPatterns(base) {
		spans = append(spans, sp)
	}
	if len(spans) == 0 {
		return name
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out strings.Builder
	pos := 0
	for _, sp := range spans {
		if sp.Start < pos {
			continue
		}
		out.WriteString(base[pos:sp.Start])
		out.WriteString(r.Pseudonyms.Label(sp.Kind, titled[sp.Start:sp.End]))
		pos = sp.End
	}
	out.WriteString(base[pos:])
	return out.String() + ext
}
