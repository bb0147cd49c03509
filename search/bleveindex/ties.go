package bleveindex

import (
	"container/heap"
	"sort"
	"strconv"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
)

// Hits of equal score are ordered by quote id (numerically, as PostgreSQL
// orders them), not in the index's own order, which changes as segments
// are written and merged: the same search gives the same page every time.
//
// Sorting by bleve's _id field would load every hit's stored id and
// compare ids as text. Instead tieCollector watches the hits go by (in
// front of bleve's own collector, as facetCounter does): it keeps every
// hit scoring at least the k-th best score seen so far (k = from+size,
// the page's last rank), so at the end it holds every hit that ranks on
// the page and every hit tied with one; only those that can be on the
// page have their ids read, and the page is cut from them sorted by
// score, then id.
type tieCollector struct {
	from, size int
	next       func(*bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error)
	best       scoreHeap // the k best scores so far, lowest first
	kept       []tieHit  // hits scoring at least best's lowest when seen
	ids        []byte    // their internal ids, concatenated
	page       []*bsearch.DocumentMatch
}

type tieHit struct {
	score      float64
	start, end int // in ids
}

func newTieCollector(from, size int, next func(*bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error)) *tieCollector {
	if next == nil {
		next = collector.MakeTopNDocumentMatchHandler
	}
	return &tieCollector{from: from, size: size, next: next}
}

// threshold is the lowest score a hit needs to be kept.
func (c *tieCollector) threshold() (float64, bool) {
	if len(c.best) < c.from+c.size {
		return 0, false
	}
	return c.best[0], true
}

// handler is a bleve MakeDocumentMatchHandler (set on the search context).
func (c *tieCollector) handler(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
	next, loadID, err := c.next(sctx)
	if err != nil {
		return nil, false, err
	}
	reader := sctx.IndexReader
	k := c.from + c.size
	return func(d *bsearch.DocumentMatch) error {
		if d == nil {
			if err := c.cut(reader); err != nil {
				return err
			}
			return next(nil)
		}
		if t, full := c.threshold(); !full || d.Score >= t {
			if !full {
				heap.Push(&c.best, d.Score)
			} else if d.Score > t {
				c.best[0] = d.Score
				heap.Fix(&c.best, 0)
			}
			start := len(c.ids)
			c.ids = append(c.ids, d.IndexInternalID...)
			c.kept = append(c.kept, tieHit{score: d.Score, start: start, end: len(c.ids)})
			if len(c.kept) > 4*k+256 {
				c.prune()
			}
		}
		return next(d)
	}, loadID, nil
}

// prune drops the kept hits that score below the threshold now.
func (c *tieCollector) prune() {
	t, full := c.threshold()
	if !full {
		return
	}
	kept, ids := c.kept[:0], make([]byte, 0, len(c.ids))
	for _, h := range c.kept {
		if h.score >= t {
			start := len(ids)
			ids = append(ids, c.ids[h.start:h.end]...)
			kept = append(kept, tieHit{score: h.score, start: start, end: len(ids)})
		}
	}
	c.kept, c.ids = kept, ids
}

// cut reads the ids of the kept hits that can be on the page and cuts it.
func (c *tieCollector) cut(reader index.IndexReader) error {
	c.prune()
	if len(c.kept) <= c.from {
		return nil
	}
	sort.SliceStable(c.kept, func(i, j int) bool { return c.kept[i].score > c.kept[j].score })
	// Hits scoring above the page's first score rank before the page.
	first := c.kept[c.from].score
	above := sort.Search(len(c.kept), func(i int) bool { return c.kept[i].score <= first })
	cands := make([]*bsearch.DocumentMatch, 0, len(c.kept)-above)
	for _, h := range c.kept[above:] {
		id, err := reader.ExternalID(index.IndexInternalID(c.ids[h.start:h.end]))
		if err != nil {
			return err
		}
		cands = append(cands, &bsearch.DocumentMatch{ID: id, Score: h.score})
	}
	sortTies(cands)
	lo := c.from - above
	c.page = cands[lo:min(lo+c.size, len(cands))]
	return nil
}

// sortTies orders hits by score, highest first, then by quote id.
func sortTies(hits []*bsearch.DocumentMatch) {
	id := func(h *bsearch.DocumentMatch) int64 { n, _ := strconv.ParseInt(h.ID, 10, 64); return n }
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return id(hits[i]) < id(hits[j])
	})
}

// scoreHeap is a min-heap of scores.
type scoreHeap []float64

func (h scoreHeap) Len() int           { return len(h) }
func (h scoreHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h scoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoreHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *scoreHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
