package persona

import "time"

// Theme is a recurring problem: quotes of one ring, from several
// participants, grouped under a short label.
type Theme struct {
	ID      int64    `json:"id"`
	StudyID int64    `json:"study_id"`
	Label   string   `json:"label"`
	Ring    Ring     `json:"ring"`
	Phrases []string `json:"phrases,omitempty"`
	// QuoteIDs are all member quotes; TopQuoteIDs the ranked
	// representatives (central, diverse, one per participant).
	QuoteIDs    []int64 `json:"quote_ids,omitempty"`
	TopQuoteIDs []int64 `json:"top_quote_ids,omitempty"`
	// HeadlineQuoteID is the theme's most central short whole sentence,
	// shown under the label; Headline is its text.
	HeadlineQuoteID int64  `json:"headline_quote_id,omitempty"`
	Headline        string `json:"headline,omitempty"`
	// Counts.
	Quotes       int `json:"quotes"`
	Participants int `json:"participants"`
	Sources      int `json:"sources"`
	// Of is the number of buyers in the study ("raised by Participants of Of").
	Of        int  `json:"of"`
	Recurring bool `json:"recurring"`
	// LabelSet is true when a researcher renamed the theme.
	LabelSet bool `json:"label_set,omitempty"`
}

// Profile is a persona: a group of participants who buy alike.
type Profile struct {
	ID             int64   `json:"id"`
	StudyID        int64   `json:"study_id"`
	Name           string  `json:"name"`
	NameSet        bool    `json:"name_set,omitempty"`
	Notes          string  `json:"notes,omitempty"`
	ParticipantIDs []int64 `json:"participant_ids"`
	Size           int     `json:"size"`
	// Attributes holds, per attribute, its values' counts in this persona,
	// most frequent first.
	Attributes map[string][]Count `json:"attributes,omitempty"`
	// Rings lists, per ring, the persona's top theme ids.
	Rings map[Ring][]int64 `json:"rings"`
	// ThemeCounts is how many of this persona's participants raised each
	// theme (theme id -> participants).
	ThemeCounts map[int64]int `json:"theme_counts,omitempty"`
	// Distinct are the themes and attribute values with the highest lift
	// over the other personas.
	Distinct []Lift `json:"distinct,omitempty"`
	// Roles are the roles members state about themselves ("I'm a data
	// scientist at …"), most stated first, each with the quotes saying
	// it: who they are where no attribute says it.
	Roles []StatedRole `json:"stated_roles,omitempty"`
}

// StatedRole is a role some persona members state about themselves, in
// their own words, with the quotes (one per member) that say it.
type StatedRole struct {
	Role     string  `json:"role"`
	N        int     `json:"n"`
	QuoteIDs []int64 `json:"quote_ids"`
}

// Count is one value's frequency.
type Count struct {
	Value string `json:"value"`
	N     int    `json:"n"`
}

// Lift says how much more often a persona shows a theme or attribute value
// than the rest of the study.
type Lift struct {
	ThemeID   int64   `json:"theme_id,omitempty"`
	Attribute string  `json:"attribute,omitempty"`
	Value     string  `json:"value,omitempty"`
	Share     float64 `json:"share"` // within the persona
	Rest      float64 `json:"rest"`  // in the other personas
	Lift      float64 `json:"lift"`
}

// EditKind names a researcher edit that survives re-analysis.
type EditKind string

// Edit kinds.
const (
	EditRenameTheme   EditKind = "rename_theme"
	EditMergeThemes   EditKind = "merge_themes"
	EditSplitTheme    EditKind = "split_theme"
	EditPinQuote      EditKind = "pin_quote"
	EditHideQuote     EditKind = "hide_quote"
	EditRenamePersona EditKind = "rename_persona"
	EditSetRing       EditKind = "set_ring"
)

// Edit is one researcher correction. Themes and personas are identified by
// the quotes or participants they held when the edit was made, so the edit
// can find its target again after the analysis re-runs.
type Edit struct {
	ID      int64    `json:"id"`
	StudyID int64    `json:"study_id"`
	Kind    EditKind `json:"kind"`
	// ThemeQuotes are the member quote ids of each theme the edit names
	// (one for rename/split/pin, several for merge).
	ThemeQuotes [][]int64 `json:"theme_quotes,omitempty"`
	// QuoteIDs are the quotes moved out by a split, or pinned/hidden.
	QuoteIDs []int64 `json:"quote_ids,omitempty"`
	// PersonaParticipants identify the persona renamed.
	PersonaParticipants []int64   `json:"persona_participants,omitempty"`
	Label               string    `json:"label,omitempty"`
	Notes               string    `json:"notes,omitempty"`
	Ring                Ring      `json:"ring,omitempty"`
	CreatedAt           time.Time `json:"created_at"`
}

// Analysis is one analysis run's results for a study.
type Analysis struct {
	StudyID  int64     `json:"study_id"`
	Version  int       `json:"version"`
	RanAt    time.Time `json:"ran_at"`
	Themes   []Theme   `json:"themes"`
	Personas []Profile `json:"personas"`
	// Labels are the per-quote results (ring, confidence, theme).
	Labels []QuoteLabel `json:"-"`
}

// QuoteLabel is the analysis result for one quote. ThemeIndex is an index
// into Analysis.Themes, or -1.
type QuoteLabel struct {
	QuoteID    int64   `json:"quote_id"`
	Ring       Ring    `json:"ring"`
	Confidence float64 `json:"confidence"`
	ThemeIndex int     `json:"theme_index"`
	Hidden     bool    `json:"hidden,omitempty"`
	Pinned     bool    `json:"pinned,omitempty"`
}
