package search

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		text string
		want []Clause
	}{
		{"too expensive", []Clause{{Text: "too"}, {Text: "expensive"}}},
		{`"security review" budget`, []Clause{{Kind: Phrase, Text: "security review"}, {Text: "budget"}}},
		{"Pric*", []Clause{{Kind: Prefix, Text: "pric"}}},
		{"budgt~1 budgt~ price~2", []Clause{{Kind: Fuzzy, Text: "budgt", Fuzziness: 1}, {Kind: Fuzzy, Text: "budgt", Fuzziness: 1}, {Kind: Fuzzy, Text: "price", Fuzziness: 2}}},
		{"+budget -slow data", []Clause{{Occur: Must, Text: "budget"}, {Occur: MustNot, Text: "slow"}, {Text: "data"}}},
		{"text:team question:budget", []Clause{{Text: "team"}, {Field: QuestionField, Text: "budget"}}},
		{`ring:perceived_barriers speaker:"Ann Lee" attr.Company_Size:51-200`, []Clause{{Field: "ring", Text: "perceived_barriers"},
			{Field: "speaker", Kind: Phrase, Text: "Ann Lee"}, {Field: "attr.company_size", Text: "51-200"}}},
		{"security^3 review^0.25", []Clause{{Text: "security", Boost: 3}, {Text: "review", Boost: 0.25}}},
		{`a\:b \+c e-mail`, []Clause{{Text: "a:b"}, {Text: "+c"}, {Text: "e-mail"}}},
		{`"say \"no\""`, []Clause{{Kind: Phrase, Text: `say "no"`}}},
	}
	for _, tc := range tests {
		e, err := Parse(tc.text)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.text, err)
			continue
		}
		if diff := cmp.Diff(tc.want, e.Clauses); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tc.text, diff)
		}
		// String writes what Parse reads back the same.
		again, err := Parse(e.String())
		if err != nil || !cmp.Equal(e, again) {
			t.Errorf("Parse(%q).String() = %q reads back as %+v, %v", tc.text, e.String(), again, err)
		}
	}
	if e, err := Parse("   "); e != nil || err != nil {
		t.Errorf("Parse(blank) = %v, %v; want nil, nil", e, err)
	}
}
