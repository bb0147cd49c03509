// Package persona is Verbatim's domain: studies, sources, participants,
// turns and quotes, and what the analysis derives from them (rings, themes,
// personas). It imports no HTTP, SQL or search code.
package persona

import (
	"errors"
	"time"
)

// Sentinel errors. Adapters wrap them with context; the API maps them to
// HTTP statuses in one table.
var (
	ErrNotFound  = errors.New("not found")
	ErrInvalid   = errors.New("invalid")
	ErrDuplicate = errors.New("duplicate")
	ErrConflict  = errors.New("conflict")
	ErrForbidden = errors.New("forbidden")
)

// Kind is what a source holds.
type Kind string

// Source kinds.
const (
	KindTranscript Kind = "transcript"
	KindSurvey     Kind = "survey"
	KindNote       Kind = "note"
)

// Study is one research project.
type Study struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// OwnerID is the user who created the study (0: created from the
	// command line or before studies had owners); see docs/ACCESS.md.
	OwnerID   int64     `json:"owner_id"`
	CreatedAt time.Time `json:"created_at"`
	// Speakers says whether the same speaker name in different files is
	// one person (SpeakerIdentity; auto by default).
	Speakers SpeakerIdentity `json:"speakers"`
}

// StudyStats are the counts shown beside a study.
type StudyStats struct {
	Sources      int `json:"sources"`
	Participants int `json:"participants"`
	Quotes       int `json:"quotes"`
}

// Source is one uploaded file.
type Source struct {
	ID         int64     `json:"id"`
	StudyID    int64     `json:"study_id"`
	Kind       Kind      `json:"kind"`
	Name       string    `json:"name"`
	Format     string    `json:"format"`
	SHA256     string    `json:"sha256"`
	Size       int64     `json:"size"`
	ImportedAt time.Time `json:"imported_at"`
	Warnings   []string  `json:"warnings,omitempty"`
	// NonAnswers counts a survey's answers set aside as non-answers at
	// ingest (IsNonAnswer): they give no quote. -1 until counted (surveys
	// stored before the count was kept).
	NonAnswers int `json:"non_answers,omitempty"`
}

// Participant is a person in a source: an interviewer, a buyer, or a
// survey respondent.
type Participant struct {
	ID          int64  `json:"id"`
	StudyID     int64  `json:"study_id"`
	SourceID    int64  `json:"source_id"`
	Label       string `json:"label"`
	Interviewer bool   `json:"interviewer"`
	// RoleSet is true when a researcher set Interviewer by hand; analysis
	// and re-ingest never override it.
	RoleSet    bool              `json:"role_set"`
	Attributes map[string]string `json:"attributes,omitempty"`
	PersonaID  int64             `json:"persona_id,omitempty"`
}

// Turn is one speaker's uninterrupted speech, exactly as transcribed.
type Turn struct {
	ID            int64  `json:"id"`
	SourceID      int64  `json:"source_id"`
	ParticipantID int64  `json:"participant_id"`
	Speaker       string `json:"speaker"`
	Seq           int    `json:"seq"`
	// StartMS and EndMS are offsets into the recording; -1 when unknown.
	StartMS int64  `json:"start_ms"`
	EndMS   int64  `json:"end_ms"`
	Text    string `json:"text"`
	// Line is the 1-based line (or cue, or row) in the source file.
	Line int `json:"line"`
	// Question is a survey answer's question (its column's title); empty
	// for other turns and for surveys stored before it was kept.
	Question string `json:"question,omitempty"`
}

// Token is one analysis token: lower-cased word and its part-of-speech tag.
// Fillers and punctuation are not tokens.
type Token struct {
	Text string `json:"t"`
	Tag  string `json:"p"`
}

// Quote is a buyer's sentence or short span. Text is a substring of the
// turn's text at [Start, End) (byte offsets).
type Quote struct {
	ID            int64  `json:"id"`
	StudyID       int64  `json:"study_id"`
	SourceID      int64  `json:"source_id"`
	ParticipantID int64  `json:"participant_id"`
	TurnID        int64  `json:"turn_id"`
	Kind          Kind   `json:"kind"`
	Text          string `json:"text"`
	Start         int    `json:"start"`
	End           int    `json:"end"`
	AtMS          int64  `json:"at_ms"`
	// Line is the line (or row) of the quote's turn in the source file.
	Line     int     `json:"line"`
	Question string  `json:"question,omitempty"`
	Tokens   []Token `json:"-"`

	// Analysis results.
	Ring           Ring    `json:"ring,omitempty"`
	RingConfidence float64 `json:"ring_confidence,omitempty"`
	// RingSet is true when a researcher corrected the ring.
	RingSet bool  `json:"ring_set,omitempty"`
	ThemeID int64 `json:"theme_id,omitempty"`
	Hidden  bool  `json:"hidden,omitempty"`
}

// Ring is one of the five rings of buying insight, or RingNone.
type Ring string

// The five rings.
const (
	RingNone     Ring = ""
	RingPriority Ring = "priority_initiative"
	RingSuccess  Ring = "success_factors"
	RingBarriers Ring = "perceived_barriers"
	RingJourney  Ring = "buyers_journey"
	RingCriteria Ring = "decision_criteria"
)

// Rings lists the five rings in their canonical order.
var Rings = []Ring{RingPriority, RingSuccess, RingBarriers, RingJourney, RingCriteria}

// Title is the ring's human name.
func (r Ring) Title() string {
	switch r {
	case RingPriority:
		return "Priority initiative"
	case RingSuccess:
		return "Success factors"
	case RingBarriers:
		return "Perceived barriers"
	case RingJourney:
		return "Buyer's journey"
	case RingCriteria:
		return "Decision criteria"
	}
	return "None"
}

// Valid reports whether r is a ring or RingNone.
func (r Ring) Valid() bool {
	if r == RingNone {
		return true
	}
	for _, x := range Rings {
		if x == r {
			return true
		}
	}
	return false
}
