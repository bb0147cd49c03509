package persona

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Code is one entry of a study's codebook: a named idea researchers apply
// to quotes, in one of the five rings (or none), with the guidance coders
// need to apply it alike.
type Code struct {
	ID      int64  `json:"id"`
	StudyID int64  `json:"study_id"`
	Name    string `json:"name"`
	Ring    Ring   `json:"ring"`
	// Definition says what the code means; WhenToUse and WhenNotToUse
	// are its inclusion and exclusion criteria.
	Definition   string `json:"definition"`
	WhenToUse    string `json:"when_to_use"`
	WhenNotToUse string `json:"when_not_to_use"`
	// ExampleQuoteIDs are quotes that show the code (typical cases).
	ExampleQuoteIDs []int64   `json:"example_quote_ids"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Codebook limits.
const (
	MaxCodeName     = 200
	MaxCodeText     = 4000
	MaxCodeExamples = 20
	MaxCodes        = 2000
)

// Clean validates a code: a name (spaces collapsed), a known ring, texts
// within limits, examples without repeats.
func (c Code) Clean() (Code, error) {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.Definition = strings.TrimSpace(c.Definition)
	c.WhenToUse = strings.TrimSpace(c.WhenToUse)
	c.WhenNotToUse = strings.TrimSpace(c.WhenNotToUse)
	if c.Name == "" {
		return c, fmt.Errorf("code: give it a name: %w", ErrInvalid)
	}
	if utf8.RuneCountInString(c.Name) > MaxCodeName {
		return c, fmt.Errorf("code name: at most %d characters: %w", MaxCodeName, ErrInvalid)
	}
	if !c.Ring.Valid() {
		return c, fmt.Errorf("code ring %.40q: use one of the five rings or none: %w", string(c.Ring), ErrInvalid)
	}
	for what, s := range map[string]string{"definition": c.Definition, "when to use": c.WhenToUse, "when not to use": c.WhenNotToUse} {
		if utf8.RuneCountInString(s) > MaxCodeText {
			return c, fmt.Errorf("code %s: at most %d characters: %w", what, MaxCodeText, ErrInvalid)
		}
	}
	seen := map[int64]bool{}
	ex := []int64{}
	for _, id := range c.ExampleQuoteIDs {
		if id > 0 && !seen[id] {
			seen[id] = true
			ex = append(ex, id)
		}
	}
	if len(ex) > MaxCodeExamples {
		return c, fmt.Errorf("code examples: at most %d quotes: %w", MaxCodeExamples, ErrInvalid)
	}
	c.ExampleQuoteIDs = ex
	return c, nil
}

// ParseRing reads a ring from its key ("perceived_barriers"), its title
// ("Perceived barriers") or a short name ("barriers"); "" and "none" are
// RingNone.
func ParseRing(s string) (Ring, bool) {
	n := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " "))
	n = strings.ReplaceAll(n, "’", "'")
	if n == "" || n == "none" {
		return RingNone, true
	}
	for _, r := range Rings {
		key := strings.ReplaceAll(string(r), "_", " ")
		title := strings.ToLower(r.Title())
		short := strings.Fields(title)[len(strings.Fields(title))-1]
		if n == key || n == title || n == short || n == strings.ReplaceAll(title, "'", "") {
			return r, true
		}
	}
	return RingNone, false
}

// Coding is one coder's application of a code to a quote.
type Coding struct {
	ID        int64     `json:"id"`
	StudyID   int64     `json:"study_id"`
	CodeID    int64     `json:"code_id"`
	QuoteID   int64     `json:"quote_id"`
	CoderID   int64     `json:"coder_id"`
	Coder     string    `json:"coder"`
	CreatedAt time.Time `json:"created_at"`
}

// CodingRound is a blind double-coding round: the named coders code the
// same sources (the whole study when SourceIDs is empty) and, while it is
// open, each sees only their own codings on those sources. When every
// coder has marked the round done it is revealed.
type CodingRound struct {
	ID         int64        `json:"id"`
	StudyID    int64        `json:"study_id"`
	SourceIDs  []int64      `json:"source_ids"`
	Coders     []RoundCoder `json:"coders"`
	CreatedBy  string       `json:"created_by"`
	CreatedAt  time.Time    `json:"created_at"`
	RevealedAt *time.Time   `json:"revealed_at"`
}

// RoundCoder is one coder of a round and when they said they were done.
type RoundCoder struct {
	ID     int64      `json:"id"`
	Name   string     `json:"name"`
	DoneAt *time.Time `json:"done_at"`
}

// Blind reports whether the round still hides coders' codings.
func (r CodingRound) Blind() bool { return r.RevealedAt == nil }

// Covers reports whether the round covers a source.
func (r CodingRound) Covers(sourceID int64) bool {
	if len(r.SourceIDs) == 0 {
		return true
	}
	for _, id := range r.SourceIDs {
		if id == sourceID {
			return true
		}
	}
	return false
}

// HasCoder reports whether a user codes in the round.
func (r CodingRound) HasCoder(id int64) bool {
	for _, c := range r.Coders {
		if c.ID == id {
			return true
		}
	}
	return false
}

// Settle choices for a quote two coders coded differently.
const (
	SettleFirst  = "first"
	SettleSecond = "second"
	SettleBoth   = "both"
	SettleNone   = "none"
)

// Settlement records how a disagreement between two coders on a quote was
// settled: the codes the quote keeps, and who decided.
type Settlement struct {
	ID        int64     `json:"id"`
	StudyID   int64     `json:"study_id"`
	QuoteID   int64     `json:"quote_id"`
	Coders    [2]int64  `json:"coders"`
	Choice    string    `json:"choice"`
	CodeIDs   []int64   `json:"code_ids"`
	ByID      int64     `json:"by_id"`
	By        string    `json:"by"`
	CreatedAt time.Time `json:"created_at"`
}

// Suggestion is the seeded coding's proposal for one quote (docs/SEEDED.md):
// CodeID 0 leaves the quote uncoded; BestCodeID is the most likely code
// even then. Seeded quotes were a researcher's coding or a code's example.
// Status is "" while open, or SuggestionAccepted, SuggestionCorrected,
// SuggestionSkipped after a review decision (the row then keeps what was
// suggested, so agreement counts the decision against it).
type Suggestion struct {
	QuoteID    int64     `json:"quote_id"`
	StudyID    int64     `json:"study_id"`
	CodeID     int64     `json:"code_id"`
	BestCodeID int64     `json:"best_code_id"`
	Confidence float64   `json:"confidence"`
	Teach      float64   `json:"teach"`
	Seeded     bool      `json:"seeded"`
	Status     string    `json:"status"`
	CreatedAt  time.Time `json:"created_at"`
}

// Review decisions on a suggestion.
const (
	SuggestionAccepted  = "accepted"
	SuggestionCorrected = "corrected"
	SuggestionSkipped   = "skipped"
)

// CodingAnchor ties a coding to the source text rather than to a quote
// id, so a re-ingest of the source or a role change that re-cuts its
// quotes can put the coding back on the quote that now holds that text.
// QuoteID is the quote it is placed on (0, or a quote that no longer
// exists, when it waits to be placed).
type CodingAnchor struct {
	ID      int64  `json:"id"`
	StudyID int64  `json:"study_id"`
	CodeID  int64  `json:"code_id"`
	CoderID int64  `json:"coder_id"`
	Coder   string `json:"coder"`
	QuoteID int64  `json:"quote_id"`
	// SourceSHA and SourceName identify the source file; TurnSeq, Start
	// and End the coded text inside it (byte offsets in the turn's text).
	SourceSHA  string `json:"source_sha"`
	SourceName string `json:"source_name"`
	TurnSeq    int    `json:"turn_seq"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	// TextHash is the hex sha256 of the coded text ("" for anchors made
	// from codings older than anchors; Text is compared then).
	TextHash  string    `json:"-"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}
