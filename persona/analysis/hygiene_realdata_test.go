package analysis

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestQuoteHygieneRealData ingests real interviews and meetings nobody here
// wrote through the real Parse and Build with the real language model and
// checks the buyer quotes against definitions of its own (not the
// extractor's functions):
//
//   - interviewer question: a quote holding a sentence that ends in "?" and
//     speaks to "you" — must be none;
//   - small talk: a quote whose every word is a greeting, thanks or
//     acknowledgement word — must be none;
//   - fragment, at most 5% of quotes: fewer than 3 words; or starting with a
//     lower-case letter where the turn text before it does not end a
//     sentence (a cut inside a sentence); or ending, after its last sentence
//     end, in a dangling piece of one or two words ("… get off. I").
//
// QMSum meetings come as JSON turns; each meeting becomes a "Speaker: text"
// transcript with the corpus's tokenisation undone (" ." -> ".", "{vocalsound}"
// markers dropped) and speaker labels cut to their name before any
// parenthesis, as an export from a meeting tool would read. The first ten
// meetings of each domain (sorted by name) are used: 30 of 232.
func TestQuoteHygieneRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	sets := []struct {
		name  string
		files func(t *testing.T) map[string][]byte
	}{
		{"ml_practitioner", readGlob("ml_practitioner_interviews/Interview_*.txt")},
		{"serdif", readGlob("serdif_usability_study/transcripts/*.txt")},
		{"qmsum", qmsumFiles(10)},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			var sum hygieneCounts
			for name, data := range set.files(t) {
				doc, err := ingest.Parse(name, bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				imp := ingest.Build(name, data, doc, nlp.Shared())
				sum.add(t, name, imp)
			}
			t.Logf("%s: %d files, %d speakers of whom %d interviewers, %d turns, %d buyer quotes; "+
				"interviewer questions %d, small talk %d, fragments %d (%.2f%%: short %d, mid-sentence start %d, dangling end %d), broken off %d",
				set.name, sum.files, sum.speakers, sum.interviewers, sum.turns, sum.quotes, sum.questions, sum.small,
				sum.fragments(), 100*float64(sum.fragments())/float64(max(sum.quotes, 1)), sum.short, sum.midStart, sum.dangling, sum.broken)
			if sum.quotes == 0 {
				t.Fatal("no quotes")
			}
			if sum.questions > 0 || sum.small > 0 {
				t.Errorf("%d interviewer questions and %d small-talk quotes among buyer quotes; want 0", sum.questions, sum.small)
			}
			if f := float64(sum.fragments()) / float64(sum.quotes); f > 0.05 {
				t.Errorf("fragments %.3f of quotes; want <= 0.05", f)
			}
		})
	}
}

type hygieneCounts struct {
	files, speakers, interviewers, turns, quotes        int
	questions, small, short, midStart, dangling, broken int
	logged                                              int
}

func (c *hygieneCounts) fragments() int { return c.short + c.midStart + c.dangling }

func (c *hygieneCounts) add(t *testing.T, name string, imp *persona.Import) {
	c.files++
	c.speakers += len(imp.Participants)
	for _, p := range imp.Participants {
		if p.Interviewer {
			c.interviewers++
		}
	}
	c.turns += len(imp.Turns)
	for _, q := range imp.Quotes {
		turn := imp.Turns[q.TurnID].Text
		if turn[q.Start:q.End] != q.Text {
			t.Fatalf("%s: quote %q is not the turn's text at [%d,%d)", name, q.Text, q.Start, q.End)
		}
		if imp.Participants[q.ParticipantID].Interviewer {
			t.Errorf("%s: quote %q is an interviewer's", name, q.Text)
		}
		c.quotes++
		kind := ""
		switch {
		case asksYou(q.Text):
			c.questions++
			kind = "question"
		case smallTalkOnly(q.Text):
			c.small++
			kind = "small talk"
		case len(testWords(q.Text)) < 3:
			c.short++
			kind = "short"
		case midSentenceStart(imp.Turns, int(q.TurnID), q.Start, q.Text):
			c.midStart++
			kind = "mid-sentence start"
		case danglingEnd(q.Text), endsMidWord(q.Text):
			c.dangling++
			kind = "dangling end"
		}
		if q.BrokenOff() {
			c.broken++
		}
		if kind != "" && c.logged < 12 && os.Getenv("HYGIENE_SHOW") != "" {
			c.logged++
			t.Logf("%s %s: %q", name, kind, q.Text)
		}
	}
}

var (
	testQuestionSplit = regexp.MustCompile(`[^.?!]*\?`)
	testYou           = regexp.MustCompile(`(?i)\b(you|your|you're|you've|you'd|you'll)\b`)
	testSmallTalk     = map[string]bool{}
	// testTag is a statement with a tag question ("…, right?"), not a
	// question put to someone.
	testTag = regexp.MustCompile(`(?i)[, ](right|okay|ok|yeah|huh|eh|you know|correct)\?$`)
)

func init() {
	for _, w := range strings.Fields(`yes yeah yep yup no nope ok okay alright right sure cool great good nice fine perfect
		awesome excellent exactly absolutely definitely totally true correct gotcha got it i see interesting wow oh ah uh um
		hmm mm mhm mm-hmm uh-huh thanks thank you very so much cheers hi hello hey bye goodbye welcome pleasure my`) {
		testSmallTalk[w] = true
	}
}

func asksYou(text string) bool {
	for _, q := range testQuestionSplit.FindAllString(text, -1) {
		if testYou.MatchString(q) && !testTag.MatchString(q) {
			return true
		}
	}
	return false
}

func testWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
}

func smallTalkOnly(text string) bool {
	for _, w := range testWords(text) {
		if !testSmallTalk[w] {
			return false
		}
	}
	return true
}

// midSentenceStart: the quote starts with a lower-case letter (not "i")
// and the text before it does not end a sentence: the turn's text before
// it, or, at the turn's start, the previous turn or the speaker's own
// previous turn.
func midSentenceStart(turns []persona.Turn, ti, start int, text string) bool {
	r := []rune(strings.TrimLeft(text, ` "'“(`))
	if len(r) == 0 || !unicode.IsLower(r[0]) || (r[0] == 'i' && (len(r) == 1 || !unicode.IsLetter(r[1]))) {
		return false
	}
	if before := strings.TrimSpace(turns[ti].Text[:start]); before != "" {
		return !endsWithSentence(before)
	}
	if ti > 0 && !endsWithSentence(turns[ti-1].Text) {
		return true
	}
	for j := ti - 1; j >= 0; j-- {
		if turns[j].ParticipantID == turns[ti].ParticipantID {
			return !endsWithSentence(turns[j].Text)
		}
	}
	return false
}

func endsWithSentence(s string) bool {
	s = strings.TrimRight(s, ` "'”)]`+"\n")
	return s != "" && strings.ContainsAny(s[len(s)-1:], ".?!") || strings.HasSuffix(s, "…")
}

// danglingEnd: after the last sentence end inside the quote come one or
// two words and no sentence end ("… and just get off. I").
func danglingEnd(text string) bool {
	t := strings.TrimSpace(text)
	i := strings.LastIndexAny(t, ".?!…")
	if i < 0 || i == len(t)-1 {
		return false
	}
	tail := t[i+1:]
	if strings.TrimRight(tail, `"'”)] `) == "" {
		return false
	}
	n := len(testWords(tail))
	return n > 0 && n <= 2
}

// endsMidWord: a quote without a sentence end whose last word was cut
// off: "w", "th", "s-" (a one- or two-letter word that is no English word,
// or a word ending in a hyphen).
func endsMidWord(text string) bool {
	if endsWithSentence(text) {
		return false
	}
	f := strings.Fields(text)
	if len(f) == 0 {
		return false
	}
	last := strings.ToLower(strings.TrimRight(f[len(f)-1], ",;:"))
	if strings.HasSuffix(last, "-") {
		return true
	}
	return len(last) <= 2 && !testShortWords[last] && !strings.ContainsAny(last, "0123456789")
}

var testShortWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a i an am as at be by do go he if in is it me my no of oh ok on or so to up us we
		ah eh uh um mm hm`) {
		testShortWords[w] = true
	}
}

func readGlob(pattern string) func(t *testing.T) map[string][]byte {
	return func(t *testing.T) map[string][]byte {
		files, _ := filepath.Glob(filepath.Join(dataDir, pattern))
		if len(files) == 0 {
			missingData(t, pattern)
		}
		out := map[string][]byte{}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(f)] = data
		}
		return out
	}
}

func missingData(t *testing.T, what string) {
	if os.Getenv("CI") == "true" {
		t.Fatalf("real data missing in CI: %s in %s", what, dataDir)
	}
	t.Skipf("real data not found: %s in %s; skipping", what, dataDir)
}

var (
	qmsumMarker = regexp.MustCompile(`\{[a-z]+\}`)
	qmsumSpace  = regexp.MustCompile(` +([.,?!;:%]|'[a-z]|n't)`)
	qmsumParen  = regexp.MustCompile(`\s*\(.*$`)
)

// qmsumFiles converts the first n meetings of each QMSum domain into
// "Speaker: text" transcripts.
func qmsumFiles(n int) func(t *testing.T) map[string][]byte {
	return func(t *testing.T) map[string][]byte {
		out := map[string][]byte{}
		for _, dom := range []string{"Academic", "Committee", "Product"} {
			files, _ := filepath.Glob(filepath.Join(dataDir, "qmsum_meetings", dom, "*.json"))
			if len(files) == 0 {
				missingData(t, "qmsum_meetings/"+dom)
			}
			sort.Strings(files)
			for _, f := range files[:min(n, len(files))] {
				out[dom+"_"+strings.TrimSuffix(filepath.Base(f), ".json")+".txt"] = qmsumTranscript(t, f)
			}
		}
		return out
	}
}

func qmsumTranscript(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Turns []struct{ Speaker, Content string } `json:"meeting_transcripts"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b bytes.Buffer
	for _, tu := range m.Turns {
		text := qmsumMarker.ReplaceAllString(tu.Content, "")
		text = strings.Join(strings.Fields(qmsumSpace.ReplaceAllString(text, "$1")), " ")
		speaker := strings.TrimSpace(qmsumParen.ReplaceAllString(tu.Speaker, ""))
		if text == "" || speaker == "" {
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n\n", speaker, text)
	}
	return b.Bytes()
}

// TestSurveyHygieneRealData ingests real survey exports through Parse and
// Build: the open-ended questions found from the values are the ones a
// reader would call open, and no survey quote is small talk or a
// non-answer.
func TestSurveyHygieneRealData(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("heavy evaluation on real data: run without -race and -short")
	}
	t.Parallel() // with the other real-data evaluations, on both cores
	sets := []struct {
		file string
		open []string
	}{
		{"capterra_azure_reviews/capterra_azure_reviews.csv", []string{"title", "overall", "pros", "cons"}},
		{"bc_ai_survey/bc_ai_survey_2025.csv", []string{"Q8_AI_helping_BC_community_text_OE", "Q13_AI_impact_worries_text_OE",
			"Q16_Indigenous_communities_involvement_AI_text_OE", "Q17_Advice_BC_Leaders_text_OE"}},
	}
	for _, set := range sets {
		t.Run(filepath.Base(set.file), func(t *testing.T) {
			f := openData(t, set.file)
			data, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ingest.Parse(filepath.Base(set.file), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(set.open, doc.Questions); diff != "" {
				t.Errorf("open questions (-want +got):\n%s", diff)
			}
			imp := ingest.Build(filepath.Base(set.file), data, doc, nlp.Shared())
			small, empty := 0, 0
			for _, q := range imp.Quotes {
				switch w := strings.Join(testWords(q.Text), " "); {
				case smallTalkOnly(q.Text):
					small++
				case w == "n a" || w == "none" || w == "nothing" || w == "na":
					empty++
				}
			}
			t.Logf("%s: %d respondents, %d open questions, %d quotes; small talk %d, non-answers %d",
				set.file, len(doc.Respondents), len(doc.Questions), len(imp.Quotes), small, empty)
			if small > 0 || empty > 0 {
				t.Errorf("%d small-talk and %d non-answer quotes; want 0", small, empty)
			}
		})
	}
}
