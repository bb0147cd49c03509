package bleveindex

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/verbatimhq/verbatim/search"
)

// Facets are counted from one doc-value field, tupleField, which holds each
// quote's ring, theme, persona, kind, source and participant joined. A
// participant's attributes are the same for all its quotes, so attribute
// facets follow from the participant counts and the attributes each
// participant was last indexed with (kept in the index beside the quotes,
// see participantKey). One doc-value field per quote keeps both the cost
// per hit (one read, no allocation once a value was seen) and the cost of
// opening the index (a million offsets to decode per field and segment)
// at their least.

// tupleField holds each quote's tupleFields joined by tupleSep, as one
// keyword with doc values.
const (
	tupleField = "tuple"
	tupleSep   = "\x1f"
)

// tupleFields are the fields in tupleField, in order.
var tupleFields = []string{"ring", "theme", "persona", "kind", "source", "participant"}

// participantPart is the index of the participant in tupleFields.
const participantPart = 5

// participantKey is the internal key under which the index keeps the
// attributes a participant's quotes were last indexed with.
func participantKey(id string) []byte { return []byte("verbatim_participant:" + id) }

// facetable says whether field can be counted: a tuple field or an
// attribute.
func facetable(field string) bool {
	return slices.Contains(tupleFields, field) || strings.HasPrefix(field, "attr.")
}

// facetCounter counts the joined tuples of a search's hits. It sits in
// front of bleve's top-N handler, so the query is evaluated once: the
// internal ids of the first cap+1 hits are kept, and when the search ends
// with no more than cap hits their doc values are read, on the same index
// snapshot the search ran on. Past cap nothing more is kept or read.
type facetCounter struct {
	cap    int // 0: no cap
	hits   int
	capped bool
	ids    []byte // internal ids of the hits, end to end
	ends   []int
	tuples map[string]*int
}

func newFacetCounter(cap int) *facetCounter {
	return &facetCounter{cap: cap, tuples: map[string]*int{}}
}

// handler is a bleve MakeDocumentMatchHandler (set on the search context).
func (c *facetCounter) handler(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
	if err != nil {
		return nil, false, err
	}
	reader := sctx.IndexReader
	return func(d *bsearch.DocumentMatch) error {
		if d == nil {
			if !c.capped && c.hits > 0 {
				if err := c.count(reader); err != nil {
					return err
				}
			}
			return next(nil)
		}
		c.hits++
		if !c.capped {
			if c.cap > 0 && c.hits > c.cap {
				c.capped, c.ids, c.ends = true, nil, nil
			} else {
				c.ids = append(c.ids, d.IndexInternalID...)
				c.ends = append(c.ends, len(c.ids))
			}
		}
		return next(d)
	}, loadID, nil
}

// count reads the tuple of every kept hit.
func (c *facetCounter) count(reader index.IndexReader) error {
	dvr, err := reader.DocValueReader([]string{tupleField})
	if err != nil {
		return err
	}
	visit := func(field string, term []byte) {
		if field != tupleField {
			return
		}
		if n, ok := c.tuples[string(term)]; ok {
			*n++
			return
		}
		one := 1
		c.tuples[string(term)] = &one
	}
	start := 0
	for _, end := range c.ends {
		if err := dvr.VisitDocValues(c.ids[start:end], visit); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// facets splits the counted tuples into the facets q asked for, ordered
// by count descending, then value, and cut to the facet size; quotes
// without a value in a field are not counted for it. attrs gives the
// attributes of a participant (by id).
func (c *facetCounter) facets(q search.Query, attrs func(id string) map[string]string, out map[string][]search.FacetCount) {
	counts := map[string]map[string]int{}
	var attrFields []string
	for _, f := range q.Facets {
		if !facetable(f) {
			out[f] = []search.FacetCount{}
			continue
		}
		counts[f] = map[string]int{}
		if key, ok := strings.CutPrefix(f, "attr."); ok {
			attrFields = append(attrFields, key)
		}
	}
	byParticipant := map[string]int{}
	fields := make([]map[string]int, len(tupleFields)) // counts by position in the tuple
	for i, name := range tupleFields {
		fields[i] = counts[name]
	}
	for tuple, n := range c.tuples {
		rest := tuple
		for i := range tupleFields {
			part, next, _ := strings.Cut(rest, tupleSep)
			rest = next
			if m := fields[i]; m != nil && part != "" {
				m[part] += *n
			}
			if i == participantPart && len(attrFields) > 0 {
				byParticipant[part] += *n
			}
		}
	}
	for p, n := range byParticipant {
		a := attrs(p)
		for _, key := range attrFields {
			if v := a[key]; v != "" {
				counts["attr."+key][v] += n
			}
		}
	}
	for f, m := range counts {
		list := make([]search.FacetCount, 0, len(m))
		for v, n := range m {
			list = append(list, search.FacetCount{Value: v, Count: n})
		}
		sort.Slice(list, func(a, b int) bool {
			if list[a].Count != list[b].Count {
				return list[a].Count > list[b].Count
			}
			return list[a].Value < list[b].Value
		})
		out[f] = list[:min(len(list), q.FacetLimit())]
	}
}

// participantAttrs returns the attributes participant id was last indexed
// with (keys as AttrKey makes them), from memory or the index.
func (ix *Index) participantAttrs(id string) map[string]string {
	ix.partsMu.RLock()
	a, ok := ix.parts[id]
	ix.partsMu.RUnlock()
	if ok {
		return a
	}
	v, err := ix.idx.GetInternal(participantKey(id))
	if err != nil || len(v) == 0 || json.Unmarshal(v, &a) != nil {
		return nil // unknown: counted for no attribute
	}
	ix.partsMu.Lock()
	defer ix.partsMu.Unlock()
	if cur, ok := ix.parts[id]; ok {
		return cur // a Put since the read: newer
	}
	ix.parts[id] = a
	return a
}
