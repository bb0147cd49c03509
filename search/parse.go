package search

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Parse reads query text into an Expr, once, for any backend. The grammar
// (what users typed into bleve's query string and keep typing):
//
//	too expensive          words: a quote matches any; more matches rank higher
//	"security review"      a phrase: the words in order
//	pric*                  a prefix (at least 2 letters before the *; any case)
//	budgt~1  budgt~        fuzzy: up to 1 or 2 letters differ (~ alone is 1)
//	+price -cheap          required and excluded
//	question:budget        a field: text (the default), question, ring, theme,
//	ring:perceived_barriers persona, kind, format, speaker, source, source_name,
//	attr.role:CFO          study, participant, or attr.KEY (keyword fields match
//	                       their value exactly; "…" for a value with spaces)
//	price^2                a boost
//	\+ \: \"               a backslash takes the next character literally
//
// Limits (a *LimitError, which is an ErrQuery): MaxQueryChars, MaxClauses,
// no leading wildcard, fuzziness at most MaxFuzziness; wildcards other than
// a trailing * and /regex/ patterns are refused. Anything else it cannot
// read is an ErrQuery. Empty text gives a nil Expr (match everything).
func Parse(text string) (*Expr, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	if n := utf8.RuneCountInString(text); n > MaxQueryChars {
		return nil, refuse("The search is %d characters long; keep it under %d.", n, MaxQueryChars)
	}
	p := &parser{s: []rune(text)}
	e := &Expr{}
	for {
		p.skipSpace()
		if p.done() {
			break
		}
		c, err := p.clause()
		if err != nil {
			return nil, err
		}
		e.Clauses = append(e.Clauses, c)
		if len(e.Clauses) > MaxClauses {
			return nil, refuse("The search has more than %d words or patterns; use at most %d.", MaxClauses, MaxClauses)
		}
	}
	if err := e.Check(); err != nil {
		return nil, err
	}
	return e, nil
}

// CheckText refuses query text Parse refuses (the API's early 400, before
// a search slot is taken).
func CheckText(text string) error {
	_, err := Parse(text)
	return err
}

type parser struct {
	s []rune
	i int
}

func (p *parser) done() bool { return p.i >= len(p.s) }
func (p *parser) peek() rune {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

func (p *parser) skipSpace() {
	for !p.done() && unicode.IsSpace(p.s[p.i]) {
		p.i++
	}
}

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrQuery, fmt.Sprintf(format, args...))
}

func (p *parser) clause() (Clause, error) {
	var c Clause
	switch p.peek() {
	case '+':
		c.Occur = Must
		p.i++
	case '-':
		c.Occur = MustNot
		p.i++
	}
	if p.done() || unicode.IsSpace(p.peek()) {
		return c, bad("nothing after %c", p.s[p.i-1])
	}
	word, quoted, err := p.value()
	if err != nil {
		return c, err
	}
	if !quoted && p.peek() == ':' {
		field, ok := fieldName(word.text)
		if !ok {
			return c, bad("unknown field %q; search fields are text, question, %s and attr.NAME", word.text, strings.Join(KeywordFields, ", "))
		}
		p.i++
		if p.done() || unicode.IsSpace(p.peek()) {
			return c, bad("nothing after %s:", word.text)
		}
		c.Field = field
		if word, quoted, err = p.value(); err != nil {
			return c, err
		}
	}
	c.Text = word.text
	c.Kind = Word
	if !quoted && len(word.text) > 1 && strings.HasPrefix(word.text, "/") && strings.HasSuffix(word.text, "/") {
		return c, refuse("The pattern %s is not supported; search a prefix instead (e.g. pric*).", word.text)
	}
	switch {
	case quoted:
		c.Kind = Phrase
	case word.pattern:
		if err := patternClause(&c, word); err != nil {
			return c, err
		}
	}
	if err := p.suffixes(&c); err != nil {
		return c, err
	}
	if !p.done() && !unicode.IsSpace(p.peek()) {
		return c, bad("unexpected %q after %q", p.peek(), c.Text)
	}
	if c.Text == "" {
		return c, bad("empty phrase")
	}
	return c, nil
}

// token is a word as written: its text with escapes resolved, and where
// its unescaped wildcards are.
type token struct {
	text     string
	pattern  bool // an unescaped * or ?
	wildAt   int  // rune index of the first unescaped wildcard
	starOnly bool // the only unescaped wildcard is one trailing *
}

// value reads a phrase ("…") or a word up to a space, ':', '~' or '^'.
func (p *parser) value() (token, bool, error) {
	if p.peek() == '"' {
		p.i++
		var b strings.Builder
		for {
			if p.done() {
				return token{}, true, bad("a phrase is missing its closing quote")
			}
			r := p.s[p.i]
			p.i++
			switch {
			case r == '\\' && !p.done():
				b.WriteRune(p.s[p.i])
				p.i++
			case r == '"':
				return token{text: strings.TrimSpace(b.String())}, true, nil
			default:
				b.WriteRune(r)
			}
		}
	}
	var t token
	var b []rune
	wilds := 0
	for !p.done() {
		r := p.s[p.i]
		if unicode.IsSpace(r) || r == ':' || r == '~' || r == '^' {
			break
		}
		p.i++
		if r == '\\' && !p.done() {
			b = append(b, p.s[p.i])
			p.i++
			continue
		}
		if r == '*' || r == '?' {
			if !t.pattern {
				t.pattern, t.wildAt = true, len(b)
			}
			wilds++
		}
		b = append(b, r)
	}
	t.text = string(b)
	t.starOnly = t.pattern && wilds == 1 && b[len(b)-1] == '*'
	if t.text == "" {
		return t, false, bad("expected a word at %q", string(p.s[p.i:min(p.i+10, len(p.s))]))
	}
	return t, false, nil
}

// patternClause makes c a prefix from a word with wildcards, or refuses it.
func patternClause(c *Clause, t token) error {
	if t.wildAt < MinPatternPrefix {
		return refuse("%q starts with a wildcard; put at least %d letters before * (e.g. pric*).", t.text, MinPatternPrefix)
	}
	if !t.starOnly {
		return refuse("%q: only a trailing * is supported (e.g. pric*).", t.text)
	}
	c.Kind = Prefix
	c.Text = strings.TrimSuffix(t.text, "*")
	if !IsKeyword(c.Field) {
		c.Text = strings.ToLower(c.Text) // the index's words are lower-case
	}
	return nil
}

// suffixes reads ~N and ^B after a clause.
func (p *parser) suffixes(c *Clause) error {
	for p.peek() == '~' || p.peek() == '^' {
		op := p.peek()
		p.i++
		start := p.i
		for !p.done() && (unicode.IsDigit(p.s[p.i]) || p.s[p.i] == '.') {
			p.i++
		}
		num := string(p.s[start:p.i])
		if op == '~' {
			if c.Kind != Word {
				return bad("fuzziness (~) applies to single words, not %q", c.Text)
			}
			n := 1
			if num != "" {
				f, err := strconv.ParseFloat(num, 64)
				if err != nil {
					return bad("fuzziness %q is not a number", num)
				}
				n = int(f)
			}
			if err := checkFuzziness(c.Text, n); err != nil {
				return err
			}
			c.Kind, c.Fuzziness = Fuzzy, n
			continue
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || f <= 0 {
			return bad("boost %q is not a positive number", num)
		}
		c.Boost = f
	}
	return nil
}

// fieldName maps a field as written to the field an Expr names.
func fieldName(s string) (string, bool) {
	switch f := strings.ToLower(s); {
	case f == "text":
		return TextField, true
	case f == QuestionField:
		return QuestionField, true
	case strings.HasPrefix(f, "attr.") && AttrKey(f[5:]) != "":
		return AttrField(s[5:]), true
	case IsKeyword(f):
		return f, true
	}
	return "", false
}

// MustParse is Parse for text known to be valid (tests, constant
// queries); it panics on an error.
func MustParse(text string) *Expr {
	e, err := Parse(text)
	if err != nil {
		panic(fmt.Sprintf("search.MustParse(%q): %v", text, err))
	}
	return e
}
