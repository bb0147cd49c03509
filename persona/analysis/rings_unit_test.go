package analysis

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

func TestNormWord(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"pricing", "pric"}, {"priced", "pric"}, {"prices", "pric"}, {"price", "pric"},
		{"migration", "migrat"}, {"migrate", "migrat"}, {"stopped", "stop"}, {"was", "be"},
		{"n't", "not"}, {"burned", "burn"}, {"burnt", "burn"}, {"companies", "company"},
	} {
		if got := normWord(tc.in); got != tc.want {
			t.Errorf("normWord(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestLexicon checks that cue phrases find their ring, tolerating word
// forms and one inserted word.
func TestLexicon(t *testing.T) {
	for _, tc := range []struct {
		text string
		want persona.Ring
	}{
		{"It was too damn expensive for us", persona.RingBarriers},
		{"IT would never approve another tool", persona.RingBarriers},
		{"the migration looked like months of work", persona.RingBarriers},
		{"the board asked us to fix churn", persona.RingPriority},
		{"when we doubled the team the spreadsheets broke", persona.RingPriority},
		{"I want to stop being the bottleneck", persona.RingSuccess},
		{"we shortlisted three vendors", persona.RingJourney},
		{"our CTO had the final word", persona.RingJourney},
		{"it had to integrate with Salesforce", persona.RingCriteria},
		{"we needed pricing we could predict", persona.RingCriteria},
	} {
		words := normTokens(plainTokens(tc.text))
		s := ringLexicon.match(words, nil)
		if got := ringOf(argmax(s)); got != tc.want {
			t.Errorf("lexicon(%q) = %s %v; want %s", tc.text, got, s, tc.want)
		}
	}
}

func argmax(s scores) int {
	best := 0
	for c := range s {
		if s[c] > s[best] {
			best = c
		}
	}
	return best
}

// TestPatterns checks the part-of-speech rules on tagged sentences.
func TestPatterns(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"It had to integrate with Salesforce", []string{"obligation_verb"}},
		{"Their support was better than the others", []string{"comparative"}},
		{"IT would never approve another tool", []string{"negated_vendor"}},
		{"It was too expensive for us", []string{"too_adjective"}},
		{"We wanted it so I can stop chasing people", []string{"purpose_clause"}},
		{"It cut onboarding to two weeks", []string{"time_quantity"}},
		{"When we doubled the team everything broke", []string{"trigger_clause"}},
		{"Then we booked demos with three vendors", []string{"sequence_past", "counted_vendors"}},
	} {
		toks := nlp.Shared().Tag(tc.text)
		var got []string
		patternScores(toks, normTokens(toks), func(n string) { got = append(got, n) })
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("patterns(%q) %v (-want +got):\n%s", tc.text, toks, diff)
		}
	}
}

// TestQuestionScores checks that the interviewer's question points to a ring.
func TestQuestionScores(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want persona.Ring
	}{
		{"What concerns did you have?", persona.RingBarriers},
		{"What almost stopped you?", persona.RingBarriers},
		{"What made this a priority at that moment?", persona.RingPriority},
		{"How would you know it worked?", persona.RingSuccess},
		{"Who else was involved?", persona.RingJourney},
		{"How did you compare the options?", persona.RingCriteria},
	} {
		if got := ringOf(argmax(questionScores(tc.q))); got != tc.want {
			t.Errorf("questionScores(%q) = %s; want %s", tc.q, got, tc.want)
		}
	}
}

// TestClassifyUsesQuestion checks that a vague answer leans to the ring
// of the question it answers: the interviewer's question or a survey or
// review column ("Cons", "What do you like best?").
func TestClassifyUsesQuestion(t *testing.T) {
	rc, err := NewRingClassifier(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		answer, question string
		want             persona.Ring
	}{
		{"The implementation timeline.", "What concerns did you have?", persona.RingBarriers},
		{"The pricing model.", "Cons", persona.RingBarriers},
		{"The pricing model.", "What do you dislike about the product?", persona.RingBarriers},
		{"The pricing model.", "What do you like best?", persona.RingSuccess},
		{"The pricing model.", "Pros", persona.RingSuccess},
		{"The reporting.", "How did you evaluate and choose a vendor?", persona.RingCriteria},
		{"Our old system was shut down.", "Why did you start looking?", persona.RingPriority},
	} {
		toks := nlp.Shared().Tag(tc.answer)
		without := rc.probabilities(rc.signals(toks, "", 0))
		with := rc.probabilities(rc.signals(toks, tc.question, 0))
		c := classOf(tc.want)
		if with[c] <= without[c] || argmax(with) != c {
			t.Errorf("%q answering %q: P(%s) = %.2f with the question, %.2f without; want the larger and the top class (%.2f)",
				tc.answer, tc.question, tc.want, with[c], without[c], with)
		}
	}
}

// BenchmarkRingClassify classifies the held-out sentences, one per op.
func BenchmarkRingClassify(b *testing.B) {
	f, err := os.Open("testdata/ring_eval.csv")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadExamples(f, nlp.Shared().Tag)
	if err != nil {
		b.Fatal(err)
	}
	rc, err := NewRingClassifier(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rc.Classify(ex[i%len(ex)].Tokens, "What do you dislike?")
	}
}
