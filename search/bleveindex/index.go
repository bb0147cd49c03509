// Package bleveindex is the embedded search.Indexer: buyer quotes in a
// bleve index on disk, an English analyzer for the text, keyword fields for
// filters and facets, and highlighting. The index is derived data; it can
// always be rebuilt from the database.
package bleveindex

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/verbatimhq/verbatim/search"
)

// MappingVersion changes whenever the mapping or the document shape does;
// an index with another version is rebuilt at start-up.
const MappingVersion = "10"

var versionKey = []byte("verbatim_mapping_version")

// compactKey is set while a compaction is under way and cleared when it
// completes, so a compaction cut short by a stop is known at the next start.
var compactKey = []byte("verbatim_compact_pending")

// Index is a bleve index of quotes.
type Index struct {
	// mu guards idx, which Reset replaces: every operation holds it for
	// reading, Reset for writing.
	mu   sync.RWMutex
	idx  bleve.Index
	disk bool
	dir  string

	partsMu sync.RWMutex
	parts   map[string]map[string]string // participantAttrs' cache

	// bleveDate indexes the date as bleve's date field, as mapping
	// version 8 did, through a mapping that has one: for the tests that
	// compare results with that version.
	bleveDate bool

	sh *shape // of idx's mapping
}

var (
	_ search.Indexer   = (*Index)(nil)
	_ search.Compactor = (*Index)(nil)
)

func newIndex(idx bleve.Index, dir string) *Index {
	return &Index{idx: idx, disk: dir != "", dir: dir, parts: map[string]map[string]string{}, sh: newShape(idx.Mapping())}
}

// Open opens the index in dir. When dir is missing, unreadable or built
// with another mapping version, it is recreated empty and fresh is true:
// the caller must then rebuild it from the database.
func Open(dir string) (ix *Index, fresh bool, err error) {
	if dir == "" {
		idx, err := bleve.NewMemOnly(newMapping())
		if err != nil {
			return nil, false, fmt.Errorf("search: create in-memory index: %w", err)
		}
		return newIndex(idx, ""), true, idx.SetInternal(versionKey, []byte(MappingVersion))
	}
	idx, err := bleve.OpenUsing(dir, runtimeConfig())
	if err == nil {
		v, verr := idx.GetInternal(versionKey)
		if verr == nil && string(v) == MappingVersion {
			return newIndex(idx, dir), false, nil
		}
		idx.Close()
	}
	if err != nil && !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		// Unreadable: derived data, so start over.
		err = nil
	}
	if idx, err = create(dir); err != nil {
		return nil, false, err
	}
	return newIndex(idx, dir), true, nil
}

// create makes an empty index in dir, removing what was there.
func create(dir string) (bleve.Index, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("search: remove stale index %s: %w", dir, err)
	}
	idx, err := bleve.NewUsing(dir, newMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, runtimeConfig())
	if err != nil {
		return nil, fmt.Errorf("search: create index %s: %w", dir, err)
	}
	b := idx.NewBatch()
	b.SetInternal(versionKey, []byte(MappingVersion))
	if err := write(context.Background(), idx, b, true); err != nil {
		idx.Close()
		return nil, fmt.Errorf("search: write mapping version: %w", err)
	}
	return idx, nil
}

// Close closes the index (a compaction under way ends early), once what
// was written to it is on disk.
func (ix *Index) Close() error {
	idx := ix.current()
	if ix.disk {
		ctx, cancel := context.WithTimeout(context.Background(), closeSyncTimeout)
		err := syncIndex(ctx, idx, true)
		cancel()
		if err != nil {
			idx.Close()
			return fmt.Errorf("search: close: %w", err)
		}
	}
	return idx.Close()
}

// current is the bleve index, for an operation that does not hold mu
// throughout (Close, Compact: Reset must be able to close it under them).
func (ix *Index) current() bleve.Index {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.idx
}

// Reset throws the index away and starts an empty one in its place.
// Searches and writes under way finish first (they hold mu); a compaction
// (which does not) ends when the old index closes.
func (ix *Index) Reset(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.idx.Close()
	var idx bleve.Index
	var err error
	if ix.disk {
		idx, err = create(ix.dir)
	} else if idx, err = bleve.NewMemOnly(newMapping()); err == nil {
		err = idx.SetInternal(versionKey, []byte(MappingVersion))
	}
	if err != nil {
		return fmt.Errorf("search: reset: %w", err)
	}
	ix.idx = idx
	ix.sh = newShape(idx.Mapping())
	ix.partsMu.Lock()
	ix.parts = map[string]map[string]string{}
	ix.partsMu.Unlock()
	return nil
}

// Count is the number of indexed quotes.
func (ix *Index) Count(context.Context) (uint64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.idx.DocCount()
}

// englishAnalyzer is bleve's English analyzer ("en": possessives,
// lower case, English stop words) with the Snowball English stemmer
// (Porter2) in place of the original Porter stemmer, which stems "use",
// "used" and "useful" to "us" (so a search for "use" found every "us")
// and "news" to "new"; Snowball keeps them apart, still joins "use",
// "used", "uses", "using", and also joins "deploy" and "deployment",
// which Porter split. PostgreSQL's "english" text search configuration
// (pgindex) is Snowball too. Mapping version 10.
const englishAnalyzer = "verbatim_en"

func newMapping() *mapping.IndexMappingImpl {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = englishAnalyzer
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	text.DocValues = false

	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	quote := bleve.NewDocumentStaticMapping()
	quote.AddFieldMappingsAt("text", text)
	question := bleve.NewTextFieldMapping()
	question.Analyzer = englishAnalyzer
	question.Store = false
	question.IncludeInAll = false
	question.IncludeTermVectors = false
	question.DocValues = false
	quote.AddFieldMappingsAt("question", question)
	// Of the stored values only the text (highlighting) and the
	// participant (deleteField) are ever read back: storing the others
	// cost every write and every merge a copy of them (mapping version 8).
	for _, f := range []string{"study", "source", "source_name", "format", "kind", "participant", "speaker", "ring", "theme", "persona", "hidden"} {
		m := kw(f == "participant")
		m.DocValues = false // facets come from tupleField
		quote.AddFieldMappingsAt(f, m)
	}
	// "date" is not in the mapping: document adds it (see dateField).
	tuple := kw(false)
	tuple.DocValues = true
	quote.AddFieldMappingsAt(tupleField, tuple)

	// No field goes into bleve's composite "_all" field (IncludeInAll is
	// off everywhere; fieldless queries go to "text"), so it is turned off:
	// building it anyway cost every write a pass over an empty field.
	quote.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())

	attrs := bleve.NewDocumentMapping()
	attrs.Dynamic = true
	attrs.DefaultAnalyzer = keyword.Name
	quote.AddSubDocumentMapping("attr", attrs)

	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer(englishAnalyzer, map[string]any{"type": custom.Name, "tokenizer": unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, en.StopName, en.SnowballStemmerName}}); err != nil {
		panic(err) // names of bleve's own registered parts
	}
	m.DefaultMapping = quote
	m.DefaultAnalyzer = keyword.Name
	m.DefaultField = "text"
	m.StoreDynamic = false // attributes are read from participantKey's values
	m.IndexDynamic = true
	m.DocValuesDynamic = false // attribute facets follow from participants
	return m
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// fields are d's values as bleve's mapping maps them (see eachValue).
func fields(d search.Doc) map[string]any {
	attrs := map[string]any{}
	f := map[string]any{"attr": attrs}
	eachValue(d, func(name, value string) { f[name] = value }, func(key, value string) { attrs[key] = value })
	return f
}

// eachValue calls field with each of d's field values and attr with each
// of its attributes (keys as search.AttrKey makes them).
func eachValue(d search.Doc, field func(name, value string), attr func(key, value string)) {
	for k, v := range search.DocAttrs(d) {
		attr(k, v)
	}
	tuple := make([]string, len(tupleFields))
	put := func(name, value string) {
		field(name, value)
		if i := slices.Index(tupleFields, name); i >= 0 {
			tuple[i] = value
		}
	}
	put("text", d.Text)
	put("study", id(d.StudyID))
	put("source", id(d.SourceID))
	put("source_name", d.Source)
	put("format", d.Format)
	put("kind", d.Kind)
	put("participant", id(d.ParticipantID))
	put("speaker", d.Speaker)
	put("hidden", strconv.FormatBool(d.Hidden))
	if d.Question != "" {
		put("question", d.Question) // an empty one matches nothing either way
	}
	if d.Ring != "" {
		put("ring", d.Ring)
	}
	if d.ThemeID != 0 {
		put("theme", id(d.ThemeID))
	}
	if d.PersonaID != 0 {
		put("persona", id(d.PersonaID))
	}
	field(tupleField, strings.Join(tuple, tupleSep))
}

// document is the bleve document of d: the fields mappedDocument would
// make, built directly (see shape). It stores the doc values of
// tupleField, the only keyword field with any, per quote, uncompressed,
// instead of in snappy-packed chunks of 1,024 quotes: counting facets over
// a few thousand hits spread across a million quotes otherwise
// decompresses a whole chunk per hit (half of a faceted search's CPU).
// bleve does the same for geo points; the mapping has no setting for it.
// Both flags are needed: zapx merges unchunked doc values correctly only
// when they are uncompressed (TestFacetsAfterUpdatesAndMerge). The cost:
// ~8 bytes of heap per quote for the per-quote offsets, decoded when a
// segment opens (~35 ms for a million quotes).
func (ix *Index) document(d search.Doc) (*document.Document, error) {
	if ix.bleveDate {
		return ix.mappedDocument(d)
	}
	return ix.sh.document(d, ix.dateField(d.Date)), nil
}

// mappedDocument is d mapped through the index mapping (bleve's
// reflection over fields(d)), with tupleField's doc values stored as
// document says. It is what shape.document must equal, field for field
// (TestDocumentAsMapped).
func (ix *Index) mappedDocument(d search.Doc) (*document.Document, error) {
	doc := document.NewDocument(id(d.ID))
	f := fields(d)
	if ix.bleveDate {
		f["date"] = d.Date
	}
	if err := ix.idx.Mapping().MapDocument(doc, f); err != nil {
		return nil, err
	}
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || !tf.Options().IncludeDocValues() || tf.Name() == "text" || tf.Name() == "question" {
			continue
		}
		doc.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(),
			tf.Options()|index.SkipDVChunking|index.SkipDVCompression, tf.Analyzer())
	}
	if f := ix.dateField(d.Date); f != nil && !ix.bleveDate {
		doc.AddField(f)
	}
	return doc, nil
}

// dateField is a quote's date as the one term sorting by date reads: the
// date in nanoseconds, prefix-coded with shift 0, with doc values, and no
// other term (mapping version 9). bleve's date field also indexes 15
// coarser prefixes of it for range queries, which no search here makes
// (a date is not a field a query can name): a third of every quote's
// terms, written, merged and kept in doc values for nothing. A sort on
// "date" keeps only shift-0 terms of a prefix-coded field, so it orders
// quotes exactly as before (TestDateSortUnchanged). Like bleve, a date it
// cannot represent gets no field.
func (ix *Index) dateField(t time.Time) *document.TextField {
	if t.Before(document.MinTimeRepresentable) || t.After(document.MaxTimeRepresentable) {
		return nil
	}
	return document.NewTextFieldCustom("date", nil, numeric.MustNewPrefixCodedInt64(t.UnixNano(), 0),
		index.IndexField|index.DocValues, ix.keyword())
}

// Delete removes quotes by id.
func (ix *Index) Delete(ctx context.Context, ids []int64) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	const size = 1000
	for lo := 0; lo < len(ids); lo += size {
		b := ix.idx.NewBatch()
		for _, n := range ids[lo:min(lo+size, len(ids))] {
			b.Delete(id(n))
		}
		if err := ix.write(ctx, b, lo+size >= len(ids)); err != nil {
			return fmt.Errorf("search: delete batch: %w", err)
		}
	}
	return nil
}

// DeleteSource removes every quote of a source.
func (ix *Index) DeleteSource(ctx context.Context, sourceID int64) error {
	return ix.deleteField(ctx, "source", id(sourceID))
}

// DeleteStudy removes every quote of a study.
func (ix *Index) DeleteStudy(ctx context.Context, studyID int64) error {
	return ix.deleteField(ctx, "study", id(studyID))
}

// deleteField removes every quote whose keyword field has value (e.g. all
// quotes of a source or study). Deleting by source, study or participant
// removes whole participants, so their kept attributes go too.
func (ix *Index) deleteField(ctx context.Context, field, value string) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	wholeParticipants := field == "source" || field == "study" || field == "participant"
	for deleted := false; ; deleted = true {
		q := bleve.NewTermQuery(value)
		q.SetField(field)
		req := bleve.NewSearchRequestOptions(q, 5000, 0, false)
		if wholeParticipants {
			req.Fields = []string{"participant"}
		}
		res, err := ix.idx.Search(req)
		if err != nil {
			return fmt.Errorf("search: find %s=%s: %w", field, value, err)
		}
		if len(res.Hits) == 0 {
			if deleted {
				return ix.sync(ctx)
			}
			return nil
		}
		b := ix.idx.NewBatch()
		gone := map[string]bool{}
		for _, h := range res.Hits {
			b.Delete(h.ID)
			if p, ok := h.Fields["participant"].(string); ok && wholeParticipants {
				gone[p] = true
			}
		}
		for p := range gone {
			b.DeleteInternal(participantKey(p))
		}
		if err := ix.idx.Batch(b); err != nil {
			return fmt.Errorf("search: delete %s=%s: %w", field, value, err)
		}
		ix.partsMu.Lock()
		for p := range gone {
			delete(ix.parts, p)
		}
		ix.partsMu.Unlock()
	}
}

// IDs returns every indexed quote id (for consistency checks).
func (ix *Index) IDs(context.Context) ([]int64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, err := ix.idx.DocCount()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n)+1, 0, false)
	res, err := ix.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search: list ids: %w", err)
	}
	out := make([]int64, 0, len(res.Hits))
	for _, h := range res.Hits {
		v, err := strconv.ParseInt(h.ID, 10, 64)
		if err == nil {
			out = append(out, v)
		}
	}
	return out, nil
}

// keyword is the analyzer of keyword fields: the whole value, one term.
func (ix *Index) keyword() analysis.Analyzer {
	return ix.idx.Mapping().AnalyzerNamed(keyword.Name)
}
