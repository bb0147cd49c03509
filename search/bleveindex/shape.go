package bleveindex

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/verbatimhq/verbatim/search"
)

// shape is how each field of a quote's document is indexed: the options
// and analyzer the index mapping gives it, read from the mapping once. A
// document built from it directly is the one bleve's mapping makes from
// fields(d) (TestDocumentAsMapped) without bleve's walk by reflection
// over a map of the values, which cost ~10 s of CPU per million quotes
// written.
type shape struct {
	fields  map[string]fieldShape // the mapping's named fields
	attr    fieldShape            // a participant attribute (a dynamic field under "attr")
	keyword analysis.Analyzer
}

type fieldShape struct {
	opts     index.FieldIndexingOptions
	analyzer analysis.Analyzer
}

// newShape reads m (an index mapping of newMapping's form).
func newShape(m mapping.IndexMapping) *shape {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok {
		return nil
	}
	analyzer := func(name string) analysis.Analyzer {
		if name == "" {
			name = im.DefaultAnalyzer
		}
		return im.AnalyzerNamed(name)
	}
	sh := &shape{fields: map[string]fieldShape{}, keyword: im.AnalyzerNamed(keyword.Name)}
	for name, sub := range im.DefaultMapping.Properties {
		if len(sub.Fields) == 1 {
			fm := sub.Fields[0]
			sh.fields[name] = fieldShape{opts: perQuoteDocValues(name, fm.Options()), analyzer: analyzer(fm.Analyzer)}
		}
	}
	// As bleve maps a dynamic string field.
	dyn := bleve.NewTextFieldMapping()
	dyn.Store, dyn.Index, dyn.DocValues = im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic
	attrAnalyzer := ""
	if sub := im.DefaultMapping.Properties["attr"]; sub != nil {
		attrAnalyzer = sub.DefaultAnalyzer
	}
	sh.attr = fieldShape{opts: perQuoteDocValues("attr", dyn.Options()), analyzer: analyzer(attrAnalyzer)}
	return sh
}

// perQuoteDocValues adds to the options of a keyword field with doc values
// the flags that store them per quote, uncompressed (see document).
func perQuoteDocValues(name string, o index.FieldIndexingOptions) index.FieldIndexingOptions {
	if !o.IncludeDocValues() || name == "text" || name == "question" {
		return o
	}
	return o | index.SkipDVChunking | index.SkipDVCompression
}

// document is the bleve document of d.
func (sh *shape) document(d search.Doc, date *document.TextField) *document.Document {
	doc := document.NewDocument(id(d.ID))
	eachValue(d, func(name, value string) {
		if f, ok := sh.fields[name]; ok {
			doc.AddField(document.NewTextFieldCustom(name, []uint64{}, []byte(value), f.opts, f.analyzer))
		}
	}, func(key, value string) {
		doc.AddField(document.NewTextFieldCustom("attr."+key, []uint64{}, []byte(value), sh.attr.opts, sh.attr.analyzer))
	})
	if date != nil {
		doc.AddField(date)
	}
	doc.SetIndexed()
	return doc
}
