package persona

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRing(t *testing.T) {
	cases := []struct {
		in   string
		want Ring
		ok   bool
	}{
		{"", RingNone, true}, {"none", RingNone, true},
		{"perceived_barriers", RingBarriers, true}, {"Perceived barriers", RingBarriers, true}, {"barriers", RingBarriers, true},
		{"Buyer’s journey", RingJourney, true}, {"buyers journey", RingJourney, true}, {"buyers_journey", RingJourney, true},
		{" Decision  Criteria ", RingCriteria, true}, {"success", RingNone, false}, {"factors", RingSuccess, true},
		{"finance", RingNone, false},
	}
	for _, c := range cases {
		got, ok := ParseRing(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseRing(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestCodeClean(t *testing.T) {
	cases := []struct {
		name string
		in   Code
		err  string
		want string
	}{
		{"spaces collapsed", Code{Name: "  Price \n per  seat "}, "", "Price per seat"},
		{"no name", Code{Name: "  "}, "give it a name", ""},
		{"long name", Code{Name: strings.Repeat("é", MaxCodeName+1)}, "at most", ""},
		{"bad ring", Code{Name: "x", Ring: "finance"}, "five rings", ""},
		{"long text", Code{Name: "x", WhenNotToUse: strings.Repeat("a", MaxCodeText+1)}, "when not to use", ""},
		{"too many examples", Code{Name: "x", ExampleQuoteIDs: make21()}, "at most 20", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.in.Clean()
			if c.err == "" {
				if err != nil || got.Name != c.want {
					t.Errorf("= %q, %v; want %q", got.Name, err, c.want)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.err) {
				t.Errorf("error %v; want ErrInvalid with %q", err, c.err)
			}
		})
	}
	got, _ := Code{Name: "x", ExampleQuoteIDs: []int64{3, 0, 3, -1, 4}}.Clean()
	if len(got.ExampleQuoteIDs) != 2 {
		t.Errorf("examples %v; want 3, 4 (repeats and non-ids dropped)", got.ExampleQuoteIDs)
	}
}

func make21() []int64 {
	out := make([]int64, 21)
	for i := range out {
		out[i] = int64(i + 1)
	}
	return out
}
