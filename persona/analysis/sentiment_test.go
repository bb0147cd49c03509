package analysis

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

func tagWords(s string) []string {
	toks := nlp.Shared().Tag(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// TestSentimentNegation checks VADER's rules as ported: lexicon words,
// negation in the three words before, boosters, "but", and the Pattern
// adjectives and inflections that fill VADER's gaps.
func TestSentimentNegation(t *testing.T) {
	for _, tc := range []struct {
		text     string
		positive bool
	}{
		{"it is easy to use", true},
		{"it is not easy to use", false},
		{"it isn't easy to use", false},
		{"the docs are never helpful", false},
		{"there is no good way to export", false},
		{"it lacks good reporting", false},
		{"the support is great", true},
		{"the support is not great", false},
		{"the setup was slow", false},   // Pattern: slow
		{"it is expensive", false},      // Pattern: expensive
		{"it crashes every day", false}, // crash -> crashes
		{"it was hard at first but now it is great", true},
		{"it looks nice but it is painful to configure", false},
	} {
		s := sentimentOf(tagWords(tc.text))
		if (s.compound > 0) != tc.positive || s.compound == 0 {
			t.Errorf("sentimentOf(%q).compound = %.3f; want positive %v", tc.text, s.compound, tc.positive)
		}
	}
}

// TestSentimentBooster checks that "very" strengthens and "slightly"
// weakens a word.
func TestSentimentBooster(t *testing.T) {
	plain := sentimentOf(tagWords("it is good")).compound
	very := sentimentOf(tagWords("it is very good")).compound
	slightly := sentimentOf(tagWords("it is slightly good")).compound
	if !(very > plain && plain > slightly && slightly > 0) {
		t.Errorf("compound: very good %.3f, good %.3f, slightly good %.3f; want decreasing and positive", very, plain, slightly)
	}
}

// TestComplaintModel checks that the embedded model reads complaint
// phrasings as complaints and praise as praise, in words no test data
// was picked for.
func TestComplaintModel(t *testing.T) {
	m, err := embeddedComplaintModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text      string
		complaint bool
	}{
		{"it is not easy to set up", true},
		{"the reporting could be better", true},
		{"there is no way to export the data", true},
		{"it lacks basic reporting", true},
		{"the sync takes ages", true},
		{"the interface is clunky and slow", true},
		{"it crashes a lot", true},
		{"it is easy to use and the support is great", false},
		{"we love the dashboards", false},
		{"setup was quick and painless", false},
	} {
		if z := m.Logit(tagWords(tc.text)); (z > 0) != tc.complaint {
			t.Errorf("Logit(%q) = %.2f; want complaint %v", tc.text, z, tc.complaint)
		}
	}
}

// TestComplaintLogitMatchesFeatures checks that classifying by hashed
// keys sums exactly the features the model was trained on.
func TestComplaintLogitMatchesFeatures(t *testing.T) {
	m, err := embeddedComplaintModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"it is not easy to use at first", "could be better", "great support", "no way to export"} {
		words := tagWords(s)
		fs := complaintFeatures(words, nil)
		want := m.Bias
		d := denseFeatures(sentimentOf(words))
		for i := range d {
			want += m.Dense[i] * d[i]
		}
		var sum float64
		for _, f := range fs {
			sum += m.Weights[f]
		}
		want += sum * featureScale(len(fs))
		if got := m.Logit(words); math.Abs(got-want) > 1e-9 {
			t.Errorf("Logit(%q) = %.6f; want %.6f from features %v", s, got, want, fs)
		}
	}
}

// TestComplaintModelRoundTrip trains a small model, writes and reads it.
func TestComplaintModelRoundTrip(t *testing.T) {
	var texts []ComplaintText
	for _, s := range []string{"it is slow and buggy", "not easy to use", "too expensive for us", "it crashes"} {
		texts = append(texts, ComplaintText{Words: tagWords(s), Complaint: true})
	}
	for _, s := range []string{"it is fast and reliable", "easy to use", "great value", "it works"} {
		texts = append(texts, ComplaintText{Words: tagWords(s), Complaint: false})
	}
	m := TrainComplaintModel(texts, 20, 1, 1e-3, 1)
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	got, err := ReadComplaintModel(&b)
	if err != nil {
		t.Fatal(err)
	}
	round := cmpopts.EquateApprox(0, 1e-3)
	if diff := cmp.Diff(m.Weights, got.Weights, round); diff != "" {
		t.Errorf("weights after round trip (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(m.Dense, got.Dense, round); diff != "" {
		t.Errorf("dense weights after round trip (-want +got):\n%s", diff)
	}
	for _, tc := range texts {
		if z := got.Logit(tc.Words); (z > 0) != tc.Complaint {
			t.Errorf("trained model: Logit(%v) = %.2f; want complaint %v", tc.Words, z, tc.Complaint)
		}
	}
	if _, err := ReadComplaintModel(strings.NewReader("bias\tx\n")); err == nil {
		t.Error("ReadComplaintModel accepted a bad bias")
	}
}

// TestNilAnswersAndSmallTalkGetNoRing checks the "none" outcome on the
// small talk and empty answers seen in real interviews and surveys.
// Acknowledgements and nil answers get no ring whatever the question;
// longer small talk gets none on its own and under a barrier question
// (under "What do you like best?" it can still take the question's ring:
// docs/RINGS.md).
func TestNilAnswersAndSmallTalkGetNoRing(t *testing.T) {
	rc, err := NewRingClassifier(nil)
	if err != nil {
		t.Fatal(err)
	}
	short := []string{"Thanks!", "My pleasure :)", "ok", "yeah", "mm-hmm", "Yeah, sure.", "Good morning!",
		"Great, thanks.", "Okay, cool.", "Bye!", "Sounds good.", "Nothing.", "None really.", "N/A",
		"Nothing at all.", "No.", "Can't think of anything."}
	long := []string{"Can you hear me?", "Thank you so much for your time.", "Nice to meet you.",
		"Let me share my screen.", "I have been at the company for about three years."}
	for _, tc := range []struct {
		texts     []string
		questions []string
	}{
		{short, []string{"", "What could we improve?", "Cons", "What do you like best?", "Answer B"}},
		{long, []string{"", "What concerns did you have?", "Cons", "Answer B"}},
	} {
		for _, text := range tc.texts {
			for _, q := range tc.questions {
				if r, _ := rc.Classify(nlp.Shared().Tag(text), q); r != persona.RingNone {
					t.Errorf("Classify(%q, question %q) = %s; want no ring", text, q, r)
				}
			}
		}
	}
}
