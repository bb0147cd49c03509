package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Has reports whether original already has a pseudonym of kind in this
// mapping: a name another file of the study (or an earlier run) replaced.
// A part of a full name this mapping registered (KnownAs) counts only
// once some file replaced it alone ("Then Priya left."), as it then
// would when stored (Entries); until then parts are the file's own
// finding's to spread.
// The mapping holds only keyed hashes, so this is how a name can be
// looked for again without its original being stored.
func (p *Pseudonyms) Has(kind Kind, original string) bool {
	h := p.hash(original)
	p.mu.Lock()
	defer p.mu.Unlock()
	key := string(kind) + ":" + h
	_, ok := p.n[key]
	return ok || p.said[key]
}

// maxNameWords is the longest run of capitalised words tried as a name.
const maxNameWords = 3

// knownElsewhere returns the names in texts the pseudonyms already number
// (Has) that the file's own finding left out: each run of one to
// maxNameWords capitalised, name-like words is hashed and looked up.
// None is sure: Prepare gives each one vote, for the file that found it.
func (r *Redactor) knownElsewhere(texts []string, kinds map[Kind]bool, skip map[string]int) []foundName {
	var out []foundName
	seen := map[string]bool{}
	for _, t := range texts {
		words := capitalRuns(t)
		for _, run := range words {
			for n := min(maxNameWords, len(run)); n >= 1; n-- {
				for i := 0; i+n <= len(run); i++ {
					s, e := run[i][0], run[i+n-1][1]
					names := []string{t[s:e]}
					if e < len(t) && t[e] == '.' {
						names = append(names, t[s:e+1]) // "Acme Corp." as it was tagged
					}
					for _, name := range names {
						if seen[name] || skip[name] > 0 {
							continue
						}
						seen[name] = true
						for _, kind := range []Kind{Person, Company} {
							if kinds[kind] && (strings.Contains(name, " ") || r.plausible(name)) && r.Pseudonyms.Has(kind, name) {
								out = append(out, foundName{name, kind})
								break
							}
						}
					}
				}
			}
		}
	}
	return out
}

// capitalRuns returns the runs of adjacent words of text that read as
// parts of a name (nameLike), as byte spans of the words, read rune by
// rune. Punctuation around a word is not part of it (“Priya, (Acme); a
// possessive's "'s" neither: "Raman's" is "Raman"); punctuation before a
// word starts a new run and after it ends the run, except a full stop
// ("Acme Corp." is one run: the stop may end an abbreviation).
func capitalRuns(text string) [][][2]int {
	var runs [][][2]int
	var cur [][2]int
	end := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	for i := 0; i < len(text); {
		if r, size := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		word := strings.TrimLeftFunc(text[i:j], unicode.IsPunct)
		s := j - len(word)
		word = strings.TrimRightFunc(word, unicode.IsPunct)
		for _, poss := range []string{"'s", "’s"} {
			if w, ok := strings.CutSuffix(word, poss); ok {
				word = w
				break
			}
		}
		e := s + len(word)
		if word != "" && nameLike(word) {
			if s > i {
				end()
			}
			cur = append(cur, [2]int{s, e})
			if tail := text[e:j]; tail != "" && tail != "." {
				end()
			}
		} else {
			end()
		}
		i = j
	}
	end()
	return runs
}
