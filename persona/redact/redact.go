// Package redact protects the people quoted: it finds e-mail addresses,
// phone numbers, URLs that carry identifiers, and person (optionally
// company) names in transcript text and replaces each with a pseudonym that
// stays the same across a study ("[Person 3]" everywhere Alice Smith or
// Alice is named).
//
// Pseudonyms keeps only a keyed hash of each original, so the mapping a
// study stores does not hold the names it hides.
package redact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Kind is what a redacted span was.
type Kind string

// The kinds of span redacted.
const (
	Person  Kind = "Person"
	Company Kind = "Company"
	Email   Kind = "Email"
	Phone   Kind = "Phone"
	URL     Kind = "URL"
)

// DefaultKinds are redacted unless a study chooses otherwise. Companies are
// left out: competitor and vendor names are what win/loss research is
// about, and a buyer's own employer is rarely named in its own interview.
var DefaultKinds = []Kind{Person, Email, Phone, URL}

// Span is a piece of text to replace, as byte offsets.
type Span struct {
	Start, End int
	Kind       Kind
}

// Entry is one pseudonym: the kind, the keyed hash of the original (hex)
// and its number.
type Entry struct {
	Kind Kind   `json:"kind"`
	Hash string `json:"hash"`
	N    int    `json:"n"`
}

// Pseudonyms numbers each distinct original per kind, in the order first
// seen. It is safe for concurrent use.
type Pseudonyms struct {
	key []byte

	mu    sync.Mutex
	n     map[string]int // kind + hash → number
	next  map[Kind]int
	alias map[string]string // kind + hash of a part of a name → hash of the full name
	said  map[string]bool   // kind + hash of the parts replaced alone (Label)

	// reserve, when set, numbers an original not numbered here yet (see
	// SetReserve); err is its first failure.
	reserve Reserve
	err     error
}

// Reserve numbers a pseudonym for one place shared by every redactor of
// a study (its store): the number the original already has there, or the
// next free one, kept from then on.
type Reserve func(kind Kind, hash string) (int, error)

// SetReserve makes Label number new originals through r, so that files
// redacted at the same time (each with the mapping as it was stored when
// it began) never give two originals one number, or one original two.
func (p *Pseudonyms) SetReserve(r Reserve) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.reserve = r
}

// Err is the first failure of the Reserve set (nil without one). The
// pseudonyms handed out since may clash with another file's: the caller
// must not store what they replaced.
func (p *Pseudonyms) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// NewPseudonyms returns an empty mapping keyed by key (a per-study secret:
// without it the hashes cannot be tested against guessed names).
func NewPseudonyms(key []byte) *Pseudonyms {
	return &Pseudonyms{key: append([]byte(nil), key...), n: map[string]int{}, next: map[Kind]int{}, alias: map[string]string{}, said: map[string]bool{}}
}

// Restore loads entries a previous run stored.
func (p *Pseudonyms) Restore(entries []Entry) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range entries {
		p.n[string(e.Kind)+":"+e.Hash] = e.N
		if e.N > p.next[e.Kind] {
			p.next[e.Kind] = e.N
		}
	}
}

// Entries returns the mapping to store, ordered by kind and number. A
// part of a numbered full name (KnownAs: "Priya" of "Priya Raman") that
// was replaced alone somewhere (the file's own finding judged it a name
// there) is stored too, under the full name's number, so that a later
// file which says only the part finds it (Has) and gives it the same
// pseudonym. A part never replaced alone is not: "Designer" of an
// "Industrial Designer" taken for a person, "Google" of "Google Cloud".
func (p *Pseudonyms) Entries() []Entry {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Entry, 0, len(p.n)+len(p.alias))
	for k, n := range p.n {
		kind, hash, _ := strings.Cut(k, ":")
		out = append(out, Entry{Kind: Kind(kind), Hash: hash, N: n})
	}
	for k, full := range p.alias {
		if _, own := p.n[k]; own || !p.said[k] {
			continue
		}
		kind, hash, _ := strings.Cut(k, ":")
		if n, ok := p.n[kind+":"+full]; ok {
			out = append(out, Entry{Kind: Kind(kind), Hash: hash, N: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		if out[i].N != out[j].N {
			return out[i].N < out[j].N
		}
		return out[i].Hash < out[j].Hash
	})
	return out
}

// hash is the keyed hash of a normalised original.
func (p *Pseudonyms) hash(original string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(normalise(original)))
	return hex.EncodeToString(m.Sum(nil)[:12])
}

// normalise folds case and spacing so "alice  SMITH" and "Alice Smith"
// are one person.
func normalise(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Label returns original's pseudonym, "[Person 3]", numbering it if new.
// A person's first or last name alone gets the full name's number once the
// full name has been seen (see Known).
func (p *Pseudonyms) Label(kind Kind, original string) string {
	h := p.hash(original)
	p.mu.Lock()
	defer p.mu.Unlock()
	if full, ok := p.alias[string(kind)+":"+h]; ok {
		p.said[string(kind)+":"+h] = true
		h = full
	}
	key := string(kind) + ":" + h
	n, ok := p.n[key]
	if !ok && p.reserve != nil && p.err == nil {
		var err error
		if n, err = p.reserve(kind, h); err != nil {
			p.err = fmt.Errorf("redact: number a pseudonym: %w", err)
		} else {
			ok = true
			p.n[key] = n
			p.next[kind] = max(p.next[kind], n)
		}
	}
	if !ok {
		p.next[kind]++
		n = p.next[kind]
		p.n[key] = n
	}
	return fmt.Sprintf("[%s %d]", kind, n)
}

// Known registers a person's full name so that each part of it alone
// ("Alice", "Smith") reads as the same person.
func (p *Pseudonyms) Known(fullName string) {
	p.KnownAs(Person, fullName)
}

// KnownAs registers a full name of a kind so that each part of it that
// can be said alone (NameParts: "Acme" of "Acme Corp.") reads as the same
// person or company. The first full name to claim a part keeps it.
func (p *Pseudonyms) KnownAs(kind Kind, fullName string) {
	parts := NameParts(kind, fullName)
	if len(parts) == 0 {
		return
	}
	full := p.hash(fullName)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, part := range parts {
		h := string(kind) + ":" + p.hash(part)
		if _, taken := p.alias[h]; !taken {
			p.alias[h] = full
		}
	}
}

// NameParts returns the parts of a name of two or more words that may be
// said alone: capitalised, name-like words ("Dana" and "Ortiz" of "Dana
// Ortiz"; "Acme" of "Acme Corp."), never a legal form ("Corp", "Inc",
// "Group"), a title or a particle ("de", "van"). A single word has none.
func NameParts(kind Kind, name string) []string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return nil
	}
	var out []string
	for _, w := range words {
		w = strings.Trim(w, ".,;:!?\"'()[]&’")
		if nameLike(w) && !LegalForm(w) && (kind == Person || kind == Company) {
			out = append(out, w)
		}
	}
	return out
}

// LegalForm reports whether a word of a company's name names no company:
// "Corp", "Inc", "GmbH", "Group", "the" ("Acme Corp." alone is "Acme").
func LegalForm(w string) bool { return legalForms[strings.ToLower(strings.Trim(w, ".,"))] }

var legalForms = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`ag and bv co company corp corporation gmbh group holding holdings inc incorporated
limited llc llp ltd nv of plc pty sa sarl sas spa the`) {
		m[w] = true
	}
	return m
}()

// nameLike reports whether w could be a name: a capital, then at least one
// more letter, and not a word that starts sentences or titles people.
func nameLike(w string) bool {
	r := []rune(strings.Trim(w, ".,;:!?\"'()[]"))
	if len(r) < 2 || !unicode.IsUpper(r[0]) {
		return false
	}
	for _, c := range r[1:] {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' {
			return false
		}
	}
	return !notNames[strings.ToLower(string(r))]
}

// interjections and discourse words start many spoken sentences with a
// capital and are never names.
var interjections = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`okay alright right cool great perfect wonderful awesome sure thanks thank
well see look listen hi hello hey bye yep yup nope oh ah wow absolutely exactly totally definitely
interesting fantastic excellent lovely brilliant fine good nice`) {
		m[w] = true
	}
	return m
}()

// notNames are capitalised words that are not names: titles, pronouns,
// days and months, and common sentence openers.
var notNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`mr mrs ms miss dr prof sir madam the a an and but or so yes no okay ok yeah
i i'm i've i'd i'll we you he she they it this that there here what why how when where who which
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december interviewer interviewee moderator speaker participant
respondent host guest unknown customer buyer user admin team chair member minister madame`) {
		m[w] = true
	}
	return m
}()
