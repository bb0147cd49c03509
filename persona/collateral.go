package persona

import "time"

// Collateral is a piece of marketing material (a brochure, a web page, a
// one-pager) stored with a study to check against what its buyers say.
// Only its extracted text is kept.
type Collateral struct {
	ID        int64     `json:"id"`
	StudyID   int64     `json:"study_id"`
	Name      string    `json:"name"`
	Format    string    `json:"format"`
	SHA256    string    `json:"sha256"`
	Size      int64     `json:"size"`
	Text      string    `json:"text,omitempty"`
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}
