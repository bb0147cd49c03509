package pgindex

import (
	"testing"

	"github.com/verbatimhq/verbatim/search"
)

// A query reads the narrow search_rank only when every column it names is
// there; the question, attributes, speaker, format and file name are in
// search_docs alone.
func TestNarrow(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		filters map[string][]string
		want    bool
	}{
		{"words", "security review", nil, true},
		{"no text, study filter", "", map[string][]string{"study": {"1"}}, true},
		{"ring and theme filters", "price", map[string][]string{"ring": {"perceived_barriers"}, "theme": {"3"}}, true},
		{"keyword clause it holds", "price kind:answer", nil, true},
		{"question clause", "question:budget", nil, false},
		{"attribute filter", "price", map[string][]string{"attr.Role": {"IT"}}, false},
		{"empty attribute filter (no filter)", "price", map[string][]string{"attr.Role": {""}}, true},
		{"speaker filter", "price", map[string][]string{"speaker": {"Sam"}}, false},
		{"attribute clause", "attr.Role:IT", nil, false},
		{"file name clause", "source_name:a.txt", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := search.Query{Filters: c.filters}
			if c.text != "" {
				q.Match = search.MustParse(c.text)
			}
			if got := narrow(q); got != c.want {
				t.Errorf("narrow(%q, %v) = %v, want %v", c.text, c.filters, got, c.want)
			}
		})
	}
}
