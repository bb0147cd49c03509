package bleveindex

import (
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/verbatimhq/verbatim/search"
	"github.com/verbatimhq/verbatim/search/searchtest"
)

// describe lists a document's fields, analysed, in name order: everything
// the index writes of them.
func describe(t *testing.T, doc *document.Document) []string {
	t.Helper()
	var out []string
	doc.VisitFields(func(f index.Field) {
		f.Analyze()
		tf := f.AnalyzedTokenFrequencies()
		keys := make([]string, 0, len(tf))
		for k := range tf {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var terms []string
		for _, k := range keys {
			v := tf[k]
			locs := ""
			for _, l := range v.Locations {
				locs += fmt.Sprintf("[%s %v %d-%d @%d]", l.Field, l.ArrayPositions, l.Start, l.End, l.Position)
			}
			terms = append(terms, fmt.Sprintf("%q:%d:%s", k, v.Frequency(), locs))
		}
		out = append(out, fmt.Sprintf("%s %T pos=%d opts=%d value=%q plain=%d type=%c len=%d terms=%v",
			f.Name(), f, len(f.ArrayPositions()), f.Options(), f.Value(), f.NumPlainTextBytes(), f.EncodedFieldType(), f.AnalyzedLength(), terms))
	})
	sort.Strings(out)
	out = append(out, fmt.Sprintf("id=%s indexed=%v composite=%d", doc.ID(), doc.Indexed(), len(doc.CompositeFields)))
	return out
}

// A document built from the mapping's shape is the one bleve's mapping
// makes, field for field: names, options, values, analysed terms with
// their positions and offsets; over the conformance quotes, quotes with
// every field set and quotes with empty or odd values.
func TestDocumentAsMapped(t *testing.T) {
	ix, _, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := append(searchtest.Docs(t), datedDocs(50)...)
	docs = append(docs,
		search.Doc{ID: 9001, Text: ""},
		search.Doc{ID: 9002, StudyID: 3, SourceID: 4, Source: "Survey (2026).xlsx", Format: "xlsx", Kind: "survey", ParticipantID: 77,
			Text: "Don't you think the customers' pricing was UNFAIR? It's 100% true — naïve café.", Question: "What did you think of the price?",
			Attributes: map[string]string{"Role ": "CFO", "role": "CEO", "Company size": "", "Région / pays": "Québec", "": "x"},
			Ring:       "decision_criteria", ThemeID: 12, PersonaID: 5, Hidden: true},
		search.Doc{ID: 9003, Speaker: "  ", Text: "   ", Question: " ", Ring: "x"},
	)
	compared := 0
	for _, d := range docs {
		want, err := ix.mappedDocument(d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.document(d)
		if err != nil {
			t.Fatal(err)
		}
		w, g := describe(t, want), describe(t, got)
		if !reflect.DeepEqual(w, g) {
			t.Errorf("quote %d: built\n%q\nmapped\n%q", d.ID, g, w)
		}
		compared++
	}
	if compared != len(docs) {
		t.Fatalf("compared %d of %d", compared, len(docs))
	}
}
