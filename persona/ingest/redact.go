package ingest

import (
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// Redaction is how Build hides the people quoted: the study's redactor
// (its pseudonyms shared by every file of the study) and whether to
// return what each pseudonym replaced.
type Redaction struct {
	Redactor *redact.Redactor
	// KeepOriginals asks BuildWith to return the originals (an admin's
	// choice; the caller stores them apart from everything exports read).
	KeepOriginals bool
}

// redaction is one file's pass: it learns the file's lower-case words and
// knows its speakers' names before replacing anything.
type redaction struct {
	r         *redact.Redactor
	keep      bool
	originals map[persona.Original]bool
	list      []persona.Original
}

// newRedaction prepares a file's pass over texts (all of its turns) and
// speakers (its labels).
func newRedaction(opt *Redaction, texts, speakers []string) *redaction {
	base := opt.Redactor
	r := &redact.Redactor{Pseudonyms: base.Pseudonyms, Kinds: base.Kinds, Entities: base.Entities,
		Names: append([]string(nil), base.Names...), Keep: base.Keep}
	for _, s := range speakers {
		if redact.PersonName(s) {
			r.Names = append(r.Names, s)
		}
	}
	r.Learn(texts...)
	r.Prepare(texts...)
	return &redaction{r: r, keep: opt.KeepOriginals, originals: map[persona.Original]bool{}}
}

// text returns text with what the study hides replaced.
func (x *redaction) text(text string) string {
	spans := x.r.Find(text)
	out, reps := x.r.Apply(text, spans)
	if x.keep {
		for i, s := range spans {
			x.keepOriginal(reps[i].Label, text[s.Start:s.End])
		}
	}
	return out
}

// label returns a speaker label's pseudonym.
func (x *redaction) label(speaker string) string {
	l := x.r.Label(speaker)
	if x.keep && l != speaker {
		x.keepOriginal(l, speaker)
	}
	return l
}

func (x *redaction) keepOriginal(label, original string) {
	o := persona.Original{Label: label, Original: original}
	if !x.originals[o] {
		x.originals[o] = true
		x.list = append(x.list, o)
	}
}

// attrs redacts attribute values (an export's "email" or "name" column).
func (x *redaction) attrs(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = x.text(v)
	}
	return out
}
