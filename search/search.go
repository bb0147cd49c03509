// Package search is what Verbatim asks of a quote index, whatever engine
// holds it: the Indexer interface, the documents it indexes, a query parsed
// once into a small typed tree (Parse), and the results. The engines live
// in their own packages: search/bleveindex (embedded, the default) and
// search/pgindex (PostgreSQL, shared by replicas). An index is derived
// data; it can always be rebuilt from the database.
package search

import (
	"context"
	"errors"
	"time"
)

// Indexer is a quote index. Every method is safe for concurrent use.
type Indexer interface {
	// Put indexes (or re-indexes) docs, in batches.
	Put(ctx context.Context, docs []Doc) error
	// Delete removes quotes by id.
	Delete(ctx context.Context, ids []int64) error
	// DeleteSource removes every quote of a source.
	DeleteSource(ctx context.Context, sourceID int64) error
	// DeleteStudy removes every quote of a study.
	DeleteStudy(ctx context.Context, studyID int64) error
	// Reset empties the index (before a rebuild from the database).
	Reset(ctx context.Context) error
	// Search runs q: a page of hits, the total, facet counts over every
	// match, and highlighted fragments unless q.NoHighlight.
	Search(ctx context.Context, q Query) (Result, error)
	// Highlight returns the highlighted text fragments of the quotes ids
	// for the query m, by quote id (nil m: none).
	Highlight(ctx context.Context, m *Expr, ids []int64) (map[int64][]string, error)
	// Count is the number of indexed quotes.
	Count(ctx context.Context) (uint64, error)
	// IDs returns every indexed quote id (for consistency checks).
	IDs(ctx context.Context) ([]int64, error)
	// Close releases the index.
	Close() error
}

// Compactor is the optional extra of an index whose engine benefits from
// merging its storage after bulk writes (bleve's segments). The app type-
// asserts it.
type Compactor interface {
	// Compact merges the index's storage; it returns early, without
	// error, when the index closes.
	Compact(ctx context.Context) error
	// CompactPending reports whether a compaction started and did not
	// finish (the process stopped during it).
	CompactPending() bool
	// Segments is how many parts the index is made of.
	Segments() (int, error)
}

// ErrQuery marks a query the user wrote wrong (a 400, not a 500).
var ErrQuery = errors.New("bad query")

// Doc is one quote as the index sees it.
type Doc struct {
	ID            int64
	StudyID       int64
	SourceID      int64
	Source        string // file name
	Format        string
	Kind          string
	ParticipantID int64
	Speaker       string
	Attributes    map[string]string
	Text          string
	Question      string
	Date          time.Time
	Ring          string
	ThemeID       int64
	PersonaID     int64
	Hidden        bool
}

// Query is a search over quotes.
type Query struct {
	// Match is the parsed query text (Parse); nil matches every quote the
	// filters let through.
	Match *Expr
	// Filters are field -> accepted values (ANDed across fields, ORed within
	// one): "study", "source", "ring", "theme", "persona", "kind",
	// "format", "speaker", "participant", and AttrField(key) for attributes.
	Filters map[string][]string
	// Facets are the fields to count values of: "ring", "theme",
	// "persona", "kind", "source", "participant" and AttrField(key).
	Facets    []string
	FacetSize int
	// SortByDate orders newest first instead of by relevance.
	SortByDate bool
	From, Size int
	// IncludeHidden keeps quotes a researcher hid.
	IncludeHidden bool
	// FacetCap, when > 0, skips facets for queries matching more quotes
	// than this. Result.FacetsCapped says when it happened.
	FacetCap int
	// NoHighlight skips the highlighted fragments (a caller that re-ranks
	// many hits and shows few asks Highlight for those).
	NoHighlight bool
}

// PageSize is Query.Size when unset.
func (q Query) PageSize() int {
	if q.Size <= 0 {
		return 20
	}
	return q.Size
}

// FacetLimit is Query.FacetSize when unset.
func (q Query) FacetLimit() int {
	if q.FacetSize <= 0 {
		return 10
	}
	return q.FacetSize
}

// Hit is one matching quote.
type Hit struct {
	ID    int64   `json:"id"`
	Score float64 `json:"score"`
	// Fragments are HTML with matches in <mark>; everything else escaped.
	Fragments []string `json:"fragments"`
}

// FacetCount is one value of a facet.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is a page of hits with facet counts over all matches.
type Result struct {
	Total  uint64                  `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetCount `json:"facets"`
	// FacetsCapped is true when the query matched more than
	// Query.FacetCap quotes and facets were not counted.
	FacetsCapped bool `json:"facets_capped,omitempty"`
	// TotalCapped is true when the backend stopped counting: the query
	// matched more than Total quotes, and the page is ranked among the
	// first Total it found (PostgreSQL's rank cap; bleve counts all).
	TotalCapped bool `json:"total_capped,omitempty"`
}

// MaxSearchTime bounds a search whose caller set no deadline (the API sets
// its own, shorter one).
const MaxSearchTime = 30 * time.Second

// WithDeadline gives ctx MaxSearchTime when it has no deadline. Every
// backend runs every search under it.
func WithDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, MaxSearchTime)
}
