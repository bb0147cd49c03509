package frontend

import (
	"bytes"
	"strings"
	"testing"
)

func TestNumAndCount(t *testing.T) {
	tests := []struct {
		n          any
		num, count string
	}{
		{0, "0", "0 quotes"},
		{1, "1", "1 quote"},
		{int64(999), "999", "999 quotes"},
		{1501, "1,501", "1,501 quotes"},
		{uint64(1000000), "1,000,000", "1,000,000 quotes"},
		{-1234, "-1,234", "-1,234 quotes"},
	}
	for _, tc := range tests {
		if got := Num(tc.n); got != tc.num {
			t.Errorf("Num(%v) = %q; want %q", tc.n, got, tc.num)
		}
		if got := Count(tc.n, "quote"); got != tc.count {
			t.Errorf("Count(%v, quote) = %q; want %q", tc.n, got, tc.count)
		}
	}
}

// Counts read as words on the pages: "1 quote", "1,501 quotes"; an empty
// buyer profile says how to add attributes.
func TestPagesCountInWords(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	render := func(name string, v any) string {
		var b bytes.Buffer
		if err := p.Render(&b, name, v); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	src := render("source", SourcePage{Source: SourceHead{Name: "call", Quotes: 1}})
	if !strings.Contains(src, "· 1 quote</p>") {
		t.Error(`source page with one quote does not say "1 quote"`)
	}
	study := render("study", Study{Study: StudyCard{Quotes: 1501}})
	if !strings.Contains(study, "<dd>1,501</dd>") {
		t.Error("study page writes 1501 without a thousands separator")
	}
	persona := render("persona", PersonaPage{Name: "P", StudyName: "Demo"})
	if !strings.Contains(persona, "verbatim attributes") {
		t.Error("an empty buyer profile does not say how to add attributes")
	}
}
