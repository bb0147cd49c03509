package persona

import (
	"fmt"
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
	UpdatedAt     time.Time     `json:"updated_at"`
}

// Validate checks the kinds; none means redact.DefaultKinds.
func (p Privacy) Validate() error {
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
