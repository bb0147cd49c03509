package nlp

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona/redact"
)

func TestTagDropsFillersAndPunctuation(t *testing.T) {
	got := Shared().Tag("Um, it was, you know, too expensive.")
	var words []string
	for _, tok := range got {
		words = append(words, tok.Text)
		if tok.Tag == "" {
			t.Errorf("token %q has no tag", tok.Text)
		}
	}
	if diff := cmp.Diff([]string{"it", "was", "too", "expensive"}, words); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
	if got := Shared().Tag("You know the answer."); len(got) < 3 || got[0].Text != "you" {
		t.Errorf(`"you know" as a clause must stay: %+v`, got)
	}
}

func TestSegmentSpansAreExactSubstrings(t *testing.T) {
	text := "We looked at three vendors.  The price was too high, honestly! Then IT said no."
	spans := Shared().Segment(text)
	want := []string{"We looked at three vendors.", "The price was too high, honestly!", "Then IT said no."}
	var got []string
	for _, sp := range spans {
		got = append(got, text[sp[0]:sp[1]])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func TestEntitiesFindPeopleWithOffsets(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Our CFO, Priya Raman, signs off on every renewal.", []string{"Priya Raman"}},
		{"I talked to John Miller at Salesforce last week about the pricing.", []string{"John Miller"}},
		{"Then Sarah from procurement asked for a discount.", []string{"Sarah"}},
		{"the export takes all day and nobody trusts it.", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range Shared().Entities(tt.text) {
			if s.Kind == redact.Person {
				got = append(got, tt.text[s.Start:s.End])
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Entities(%q) people = %q, want %q", tt.text, got, tt.want)
		}
	}
}
