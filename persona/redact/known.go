package redact

import (
	"strings"
	"unicode"
)

// Has reports whether original already has a pseudonym of kind in this
// mapping: a name another file of the study (or an earlier run) replaced.
// A part of a full name (KnownAs) does not count: parts are the file's
// own finding's to spread.
// The mapping holds only keyed hashes, so this is how a name can be
// looked for again without its original being stored.
func (p *Pseudonyms) Has(kind Kind, original string) bool {
	h := p.hash(original)
	p.mu.Lock()
	defer p.mu.Unlock()
	_, ok := p.n[string(kind)+":"+h]
	return ok
}

// maxNameWords is the longest run of capitalised words tried as a name.
const maxNameWords = 3

// knownElsewhere returns the names in texts the pseudonyms already number
// (Has) that the file's own finding left out: each run of one to
// maxNameWords capitalised, name-like words is hashed and looked up. A
// name of two or more words is sure; a single word is not (see Prepare).
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
// parts of a name (nameLike), as byte spans of the words; a run ends at a
// word followed by punctuation other than a full stop of an abbreviation
// inside a name ("Acme Corp." ends it too: the stop is trimmed after).
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
		for i < len(text) && unicode.IsSpace(rune(text[i])) {
			i++
		}
		if i >= len(text) {
			break
		}
		j := i
		for j < len(text) && !unicode.IsSpace(rune(text[j])) {
			j++
		}
		w := text[i:j]
		s, e := i, j
		for s < e && strings.ContainsRune("\"'([{“‘", rune(text[s])) {
			s++
		}
		for e > s && strings.ContainsRune(".,;:!?\"')]}”’", rune(text[e-1])) {
			e--
		}
		if s < e && nameLike(text[s:e]) && !strings.ContainsAny(text[s:e], "'’") {
			if s > i {
				end()
			}
			cur = append(cur, [2]int{s, e})
			if e < j && !strings.HasSuffix(w, ".") || strings.ContainsAny(w[e-i:], ",;:!?") {
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
