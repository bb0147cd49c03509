package persona

import (
	"fmt"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona/redact"
)

// Privacy is how a study protects the people quoted (docs/PRIVACY.md):
// whether its uploads are redacted at ingest, which kinds of span, and
// whether an admin chose to keep the originals (in a table exports and
// search never read).
type Privacy struct {
	StudyID       int64         `json:"study_id"`
	Redact        bool          `json:"redact"`
	Kinds         []redact.Kind `json:"kinds"`
	KeepOriginals bool          `json:"keep_originals"`
	// KeepWords are never redacted as names the recogniser proposes:
	// products and places it takes for people ("Azure", "Python").
	KeepWords []string  `json:"keep_words"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Limits of KeepWords.
const (
	MaxKeepWords   = 500
	MaxKeepWordLen = 100
)

// Validate checks the kinds (none means redact.DefaultKinds) and the
// keep words.
func (p Privacy) Validate() error {
	if len(p.KeepWords) > MaxKeepWords {
		return fmt.Errorf("privacy: %d keep words, at most %d: %w", len(p.KeepWords), MaxKeepWords, ErrInvalid)
	}
	for _, w := range p.KeepWords {
		if len(w) > MaxKeepWordLen || strings.ContainsAny(w, ",\n") {
			return fmt.Errorf("privacy: keep word %.20q too long or holds a comma or line break: %w", w, ErrInvalid)
		}
	}
	for _, k := range p.Kinds {
		switch k {
		case redact.Person, redact.Company, redact.Email, redact.Phone, redact.URL:
		default:
			return fmt.Errorf("privacy: unknown kind %q (Person, Company, Email, Phone, URL): %w", k, ErrInvalid)
		}
	}
	return nil
}

// Original is a redacted span kept by an admin's choice: the pseudonym a
// source shows and what it replaced.
type Original struct {
	SourceID int64  `json:"source_id"`
	Label    string `json:"label"`
	Original string `json:"original"`
}

// RedactionPass is the state of a study's pass applying its redaction to
// what was stored before it redacted (docs/PRIVACY.md). It is stored, so
// every replica shows the same state.
type RedactionPass struct {
	StudyID int64 `json:"study_id"`
	Running bool  `json:"running"`
	// Sources is how many sources the pass reads; Done how many it has
	// read, Changed how many of those it rewrote.
	Sources    int        `json:"sources"`
	Done       int        `json:"done"`
	Changed    int        `json:"changed"`
	StartedAt  time.Time  `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	Error      string     `json:"error,omitempty"`
	// UpdatedAt is when the pass last reported progress: a running pass
	// that has not for long belonged to a process that stopped.
	UpdatedAt time.Time `json:"updated_at"`
	// ThroughSource is the id of the last source the pass finished (it
	// reads the sources in id order): a stopped pass resumes after it.
	ThroughSource int64 `json:"through_source,omitempty"`
	// Runner fences the process running the pass: a random token it
	// begins or takes the pass over with, and saves its progress under.
	// Once another process took a stale pass over, the one that stalled
	// can no longer save (its saves conflict), so it stops.
	Runner string `json:"-"`
}
