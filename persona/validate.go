package persona

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits the stores enforce through Validate.
const (
	MaxStudyName  = 200
	MaxSourceName = 1000
	MaxThemeLabel = 500
)

// hasNUL reports a NUL character: PostgreSQL's text cannot hold one
// (SQLite's can), so no stored text may, on either driver.
func hasNUL(ss ...string) bool {
	for _, s := range ss {
		if strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
	return false
}

// Valid reports whether k is a source kind.
func (k Kind) Valid() bool {
	return k == KindTranscript || k == KindSurvey || k == KindNote
}

// Validate checks a study before it is written: a name of 1-200
// characters once trimmed.
func (s Study) Validate() error {
	n := utf8.RuneCountInString(strings.TrimSpace(s.Name))
	if n == 0 || n > MaxStudyName || hasNUL(s.Name) {
		return fmt.Errorf("study name must be 1-%d characters: %w", MaxStudyName, ErrInvalid)
	}
	return nil
}

// Validate checks a source before it is written: a known kind, a name,
// a content hash and a size that is not negative.
func (s Source) Validate() error {
	switch {
	case !s.Kind.Valid():
		return fmt.Errorf("source %.80q: kind %q: %w", s.Name, s.Kind, ErrInvalid)
	case strings.TrimSpace(s.Name) == "" || utf8.RuneCountInString(s.Name) > MaxSourceName || hasNUL(s.Name):
		return fmt.Errorf("source name must be 1-%d characters: %w", MaxSourceName, ErrInvalid)
	case s.SHA256 == "":
		return fmt.Errorf("source %.80q: no content hash: %w", s.Name, ErrInvalid)
	case s.Size < 0:
		return fmt.Errorf("source %.80q: size %d: %w", s.Name, s.Size, ErrInvalid)
	}
	return nil
}

// Validate checks a quote before it is written: text that is valid UTF-8
// and not blank, offsets 0 <= Start <= End, a known kind and a ring or
// none, a ring confidence in [0, 1].
func (q Quote) Validate() error {
	switch {
	case strings.TrimSpace(q.Text) == "" || !utf8.ValidString(q.Text) || hasNUL(q.Text, q.Question):
		return fmt.Errorf("quote: empty, not UTF-8 or NUL in text: %w", ErrInvalid)
	case q.Start < 0 || q.End < q.Start:
		return fmt.Errorf("quote: offsets [%d, %d) out of order: %w", q.Start, q.End, ErrInvalid)
	case !q.Kind.Valid():
		return fmt.Errorf("quote: kind %q: %w", q.Kind, ErrInvalid)
	case !q.Ring.Valid():
		return fmt.Errorf("quote: ring %q: %w", q.Ring, ErrInvalid)
	case q.RingConfidence < 0 || q.RingConfidence > 1:
		return fmt.Errorf("quote: ring confidence %v outside [0, 1]: %w", q.RingConfidence, ErrInvalid)
	}
	return nil
}

// Validate checks a theme before it is written: a ring or none, a label of
// at most 500 characters, counts that are not negative.
func (t Theme) Validate() error {
	switch {
	case !t.Ring.Valid():
		return fmt.Errorf("theme %.80q: ring %q: %w", t.Label, t.Ring, ErrInvalid)
	case utf8.RuneCountInString(t.Label) > MaxThemeLabel || hasNUL(t.Label):
		return fmt.Errorf("theme label: at most %d characters: %w", MaxThemeLabel, ErrInvalid)
	case t.Quotes < 0 || t.Participants < 0 || t.Sources < 0 || t.Of < 0:
		return fmt.Errorf("theme %.80q: negative count: %w", t.Label, ErrInvalid)
	}
	return nil
}

// Validate checks collateral before it is written: a study, a name and
// some text.
func (c Collateral) Validate() error {
	if c.Name == "" || c.Text == "" || c.StudyID == 0 || hasNUL(c.Name, c.Text) {
		return fmt.Errorf("collateral: name, text and study are required: %w", ErrInvalid)
	}
	return nil
}

// Validate checks a field answer before it is written: a study and a
// theme, and text and context within CleanAnswer's limits.
func (a FieldAnswer) Validate() error {
	if a.StudyID == 0 || a.ThemeID == 0 {
		return fmt.Errorf("answer: study and theme are required: %w", ErrInvalid)
	}
	if hasNUL(a.Text, a.Context) {
		return fmt.Errorf("answer: NUL character: %w", ErrInvalid)
	}
	_, _, err := CleanAnswer(a.Text, a.Context)
	return err
}

// Validate checks a tracker before it is written, as Clean does.
func (t Tracker) Validate() error {
	if hasNUL(append(append([]string{t.Name, t.Team}, t.Words...), t.Synonyms...)...) {
		return fmt.Errorf("tracker: NUL character: %w", ErrInvalid)
	}
	_, err := t.Clean()
	return err
}

// Validate checks a persona before it is written: no NUL in its name or
// notes.
func (p Profile) Validate() error {
	if hasNUL(p.Name, p.Notes) {
		return fmt.Errorf("persona %d: NUL character in name or notes: %w", p.ID, ErrInvalid)
	}
	return nil
}

// Validate checks a participant before it is written: no NUL in its label
// or attributes.
func (p Participant) Validate() error {
	bad := hasNUL(p.Label)
	for k, v := range p.Attributes {
		bad = bad || hasNUL(k, v)
	}
	if bad {
		return fmt.Errorf("participant %.40q: NUL character: %w", p.Label, ErrInvalid)
	}
	return nil
}

// Validate checks a turn before it is written: no NUL in its speaker or
// text.
func (t Turn) Validate() error {
	if hasNUL(t.Speaker, t.Text) {
		return fmt.Errorf("turn %d: NUL character: %w", t.Seq, ErrInvalid)
	}
	return nil
}
