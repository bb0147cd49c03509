package persona

// What a held anchor holds (HeldAnchor.Kind).
const (
	HeldExample    = "example"
	HeldSuggestion = "suggestion"
)

// HeldAnchor keeps, while it waits to be placed again, a code's example
// quote or a seeded-coding suggestion whose quote a re-cut (role change)
// or a re-ingest removed: anchored to the source text as codings are
// (CodingAnchor's file, turn, offsets and text; CodeID the example's code
// or the suggestion's applied code, QuoteID the quote it was on). Position
// is an example's place in its code's list; Suggestion the suggestion's
// other fields (its QuoteID is the old quote).
type HeldAnchor struct {
	CodingAnchor
	Kind       string     `json:"kind"`
	Position   int        `json:"position,omitempty"`
	Suggestion Suggestion `json:"-"`
}
