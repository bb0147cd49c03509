package persona

import (
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Language segments text into sentences and tags tokens. persona/nlp
// implements it with prose.
type Language interface {
	Segment(text string) [][2]int
	Tag(sentence string) []Token
}

// MinQuoteWords is the fragment size under which a sentence is joined to a
// neighbour in the same turn.
const MinQuoteWords = 5

// Import is one parsed source ready to store. Before storage, Turn.
// ParticipantID and Quote.ParticipantID are indexes into Participants and
// Quote.TurnID is an index into Turns; the store rewrites them to ids.
type Import struct {
	Source       Source
	Participants []Participant
	Turns        []Turn
	Quotes       []Quote
}

// SpeakerStats summarises one speaker for interviewer detection.
type SpeakerStats struct {
	Turns     int
	Questions int // turns that ask a question
	Words     int
}

// DetectInterviewers returns the speakers who interview. declared holds the
// roles speaker labels state themselves ("interviewer", "participant");
// when any label declares an interviewer, only declared labels are used.
// Otherwise the interviewer is the speaker who asks most questions and
// speaks least. A single speaker is never an interviewer.
func DetectInterviewers(stats map[string]SpeakerStats, declared map[string]string) map[string]bool {
	out := map[string]bool{}
	for sp, role := range declared {
		if role == "interviewer" {
			out[sp] = true
		}
	}
	if len(out) > 0 || len(stats) < 2 {
		return out
	}
	total := 0
	for _, s := range stats {
		total += s.Words
	}
	best, bestScore := "", -10.0
	names := make([]string, 0, len(stats))
	for sp := range stats {
		names = append(names, sp)
	}
	sort.Strings(names)
	for _, sp := range names {
		s := stats[sp]
		if declared[sp] == "participant" || s.Turns == 0 {
			continue
		}
		score := float64(s.Questions)/float64(s.Turns) - float64(s.Words)/float64(max(total, 1))
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	if best != "" && bestScore > -0.5 {
		out[best] = true
	}
	return out
}

// IsQuestion reports whether a turn asks something.
func IsQuestion(text string) bool {
	t := strings.TrimSpace(text)
	if strings.Contains(t, "?") {
		return true
	}
	lower := strings.ToLower(t)
	for _, w := range []string{"tell me", "walk me through", "take me back", "describe ", "can you", "could you", "how ", "what ", "why ", "who "} {
		if strings.HasPrefix(lower, w) {
			return true
		}
	}
	return false
}

// Speech is one turn's text to cut into quotes, with the question it answers.
type Speech struct {
	Turn     int // index into Import.Turns
	Text     string
	Question string
	StartMS  int64
	EndMS    int64
}

// ExtractQuotes cuts speeches into sentence quotes: prose segments them all
// at once (one call per source), fragments under MinQuoteWords join a
// neighbour in the same turn, and each quote is tagged in parallel. Quote
// text is always an exact substring of its turn.
func ExtractQuotes(lang Language, speeches []Speech) []Quote {
	const sep = "\n\n"
	var b strings.Builder
	offsets := make([]int, len(speeches))
	for i, s := range speeches {
		offsets[i] = b.Len()
		b.WriteString(s.Text)
		b.WriteString(sep)
	}
	spans := lang.Segment(b.String())
	perTurn := make([][][2]int, len(speeches))
	for _, sp := range spans {
		splitSpan(sp, offsets, speeches, perTurn)
	}
	var quotes []Quote
	for i, s := range speeches {
		for _, sp := range joinFragments(s.Text, perTurn[i]) {
			quotes = append(quotes, Quote{
				TurnID: int64(s.Turn), Text: s.Text[sp[0]:sp[1]], Start: sp[0], End: sp[1],
				Question: s.Question, AtMS: interpolate(s, sp[0]),
			})
		}
	}
	tagAll(lang, quotes)
	return quotes
}

// splitSpan maps a span of the joined text back to the speeches it covers,
// cutting it at speech boundaries.
func splitSpan(sp [2]int, offsets []int, speeches []Speech, perTurn [][][2]int) {
	i := sort.Search(len(offsets), func(i int) bool { return offsets[i] > sp[0] }) - 1
	for ; i >= 0 && i < len(speeches) && offsets[i] < sp[1]; i++ {
		lo, hi := max(sp[0]-offsets[i], 0), min(sp[1]-offsets[i], len(speeches[i].Text))
		if lo >= hi {
			continue
		}
		seg := speeches[i].Text[lo:hi]
		trimmed := strings.TrimSpace(seg)
		if trimmed == "" {
			continue
		}
		lo += strings.Index(seg, trimmed)
		perTurn[i] = append(perTurn[i], [2]int{lo, lo + len(trimmed)})
	}
}

// joinFragments merges sentences under MinQuoteWords into the previous
// sentence of the turn (or the next when it is the first).
func joinFragments(text string, spans [][2]int) [][2]int {
	var out [][2]int
	pendingStart := -1
	for _, sp := range spans {
		if pendingStart >= 0 {
			sp[0], pendingStart = pendingStart, -1
		}
		if len(strings.Fields(text[sp[0]:sp[1]])) >= MinQuoteWords {
			out = append(out, sp)
			continue
		}
		if len(out) > 0 {
			out[len(out)-1][1] = sp[1]
		} else {
			pendingStart = sp[0]
		}
	}
	if pendingStart >= 0 && len(spans) > 0 {
		out = append(out, [2]int{pendingStart, spans[len(spans)-1][1]})
	}
	return out
}

func interpolate(s Speech, at int) int64 {
	if s.StartMS < 0 {
		return -1
	}
	if s.EndMS <= s.StartMS || len(s.Text) == 0 {
		return s.StartMS
	}
	return s.StartMS + (s.EndMS-s.StartMS)*int64(at)/int64(len(s.Text))
}

// tagAll tags each quote's sentences on all cores.
func tagAll(lang Language, quotes []Quote) {
	var wg sync.WaitGroup
	next := make(chan int, len(quotes))
	for i := range quotes {
		next <- i
	}
	close(next)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				quotes[i].Tokens = lang.Tag(quotes[i].Text)
			}
		}()
	}
	wg.Wait()
}

// Speeches lists the buyers' turns to cut into quotes, each with the
// interviewer question it answers. interviewer says whether a turn's
// ParticipantID interviews.
func Speeches(turns []Turn, interviewer func(participantID int64) bool) []Speech {
	var out []Speech
	question := ""
	for i, t := range turns {
		if interviewer(t.ParticipantID) {
			question = LastQuestion(t.Text)
			continue
		}
		out = append(out, Speech{Turn: i, Text: t.Text, Question: question, StartMS: t.StartMS, EndMS: t.EndMS})
	}
	return out
}

// LastQuestion is the interviewer's last question in a turn, or the turn's
// last 300 bytes when it asks nothing explicitly.
func LastQuestion(text string) string {
	t := strings.TrimSpace(text)
	if i := strings.LastIndex(t, "?"); i >= 0 {
		start := strings.LastIndexAny(t[:i], ".!?\n") + 1
		return strings.TrimSpace(t[start : i+1])
	}
	if len(t) > 300 {
		cut := len(t) - 300
		for cut < len(t) && t[cut]&0xC0 == 0x80 {
			cut++
		}
		t = t[cut:]
	}
	return t
}
