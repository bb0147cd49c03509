package redact

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}`)
	urlRE   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^\s<>"']+`)
	// phoneRE: an optional +country code, then digits in groups separated
	// by spaces, dots, dashes or brackets. Digit counts are checked after.
	phoneRE = regexp.MustCompile(`(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}`)
)

// FindPatterns returns the e-mail addresses, phone numbers and URLs that
// carry identifiers in text, in order, without overlaps.
func FindPatterns(text string) []Span {
	var spans []Span
	for _, m := range emailRE.FindAllStringIndex(text, -1) {
		spans = append(spans, Span{m[0], m[1], Email})
	}
	for _, m := range urlRE.FindAllStringIndex(text, -1) {
		end := m[1]
		for end > m[0] && strings.ContainsRune(".,;:!?)]}", rune(text[end-1])) {
			end-- // sentence punctuation after a URL
		}
		if identifying(text[m[0]:end]) {
			spans = append(spans, Span{m[0], end, URL})
		}
	}
	for _, m := range phoneRE.FindAllStringIndex(text, -1) {
		if phoneLike(text, m[0], m[1]) {
			spans = append(spans, Span{m[0], m[1], Phone})
		}
	}
	return merge(spans)
}

// identifying reports whether a URL points at something more particular
// than a site: a path or a query. "salesforce.com" names a product;
// "linkedin.com/in/alice-smith" or "…?user=4411" names a person.
func identifying(raw string) bool {
	s := raw
	if !strings.Contains(strings.ToLower(s), "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return true // unreadable: err towards hiding
	}
	return strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil
}

// phoneLike checks a candidate's digits: 9 to 15 of them (ITU E.164), not
// a date or a year range, not a sum of money, not part of a longer number.
func phoneLike(text string, start, end int) bool {
	s := text[start:end]
	digits := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits < 9 || digits > 15 {
		return false
	}
	if start > 0 {
		prev := rune(text[start-1])
		if unicode.IsDigit(prev) || unicode.IsLetter(prev) || strings.ContainsRune("$€£¥,.", prev) {
			return false
		}
	}
	if end < len(text) {
		next := rune(text[end])
		if unicode.IsDigit(next) || unicode.IsLetter(next) || next == '%' || next == ',' && end+1 < len(text) && unicode.IsDigit(rune(text[end+1])) {
			return false
		}
	}
	// Dates written with dashes or dots (2024-03-01) have a 4-digit group
	// first and 2-digit groups after: too few digits to reach here unless
	// a time follows; reject any group shaped like a year then month.
	groups := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if len(groups) >= 2 && len(groups[0]) == 4 && (groups[0][:2] == "19" || groups[0][:2] == "20") && len(groups[1]) == 2 && !strings.HasPrefix(s, "+") {
		return false
	}
	// "120 000 000" is a number grouped in thousands, unless it is marked
	// as a phone number: a + or (area code), or a word such as "call"
	// just before it.
	if thousands(groups) && !strings.ContainsAny(s, "+(") && !phoneCue.MatchString(text[max(0, start-24):start]) {
		return false
	}
	return true
}

var phoneCue = regexp.MustCompile(`(?i)\b(?:phone|call|cell|mobile|number|tel|reach|text|whatsapp|fax|dial)\b`)

// thousands reports whether digit groups read as a number grouped in
// thousands: 1–3 digits, then groups of exactly 3.
func thousands(groups []string) bool {
	if len(groups) < 2 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// merge sorts spans and drops any that overlap an earlier, longer one.
func merge(spans []Span) []Span {
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	out := spans[:0]
	last := -1
	for _, s := range spans {
		if s.Start < last {
			continue
		}
		out = append(out, s)
		last = s.End
	}
	return out
}

// FindNames returns where the known names (and, for a full name, its parts
// alone) occur in text as whole words with their capitals.
func FindNames(text string, names []string) []Span {
	var spans []Span
	for _, n := range nameVariants(names) {
		eachWord(text, n, func(s, e int) bool {
			spans = append(spans, Span{s, e, Person})
			return true
		})
	}
	return merge(spans)
}

// eachWord calls f with the start and end of each place text says w as a
// whole word, with its capitals, until f returns false.
func eachWord(text, w string, f func(s, e int) bool) {
	if w == "" {
		return
	}
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return
		}
		s, e := i+j, i+j+len(w)
		if edgeBefore(text, s) && edgeAfter(text, e) && !f(s, e) {
			return
		}
		i = e
	}
}

// nameVariants lists each name that reads as a person's name and, for full
// names, each name-like part, longest first.
func nameVariants(names []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if !PersonName(n) {
			continue
		}
		add(n)
		if parts := strings.Fields(n); len(parts) > 1 {
			for _, p := range parts {
				if nameLike(p) && len(p) >= 3 {
					add(p)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// PersonName reports whether a speaker label reads as a person's name
// ("Alice", "Alice Smith", "Dr. Ortiz") rather than a role or a number
// ("Interviewer", "Speaker 2", "P07", "Customer").
func PersonName(label string) bool {
	parts := strings.Fields(label)
	if len(parts) == 0 || len(parts) > 4 {
		return false
	}
	named := 0
	for _, p := range parts {
		switch {
		case nameLike(p):
			named++
		case notNames[strings.ToLower(strings.TrimRight(p, "."))]:
			// a title such as "Dr." beside a name
		default:
			return false
		}
	}
	return named > 0
}

// edgeBefore and edgeAfter report whether a word may start at i or end at
// e: no letter or digit beside it.
func edgeBefore(text string, i int) bool {
	r, n := utf8.DecodeLastRuneInString(text[:i])
	return n == 0 || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

func edgeAfter(text string, e int) bool {
	r, n := utf8.DecodeRuneInString(text[e:])
	return n == 0 || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}
