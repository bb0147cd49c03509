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
// neighbour in the same turn (fillers not counted).
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
	Questions int // turns that ask, prompt or introduce the interview (Asks)
	SmallTalk int // turns that are only small talk (IsSmallTalk)
	Words     int
	// Institutional counts turns that speak for an institution
	// (SpeaksForInstitution): a hearing's minister, a vendor's presenter.
	Institutional int
}

// DetectInterviewers returns the speakers who interview; a file may have
// several (two students taking turns, an "Unknown Speaker" who asks).
// declared holds the roles speaker labels state themselves ("interviewer",
// "participant"): a declared interviewer interviews and a declared
// participant never does. Any other speaker interviews when most of their
// turns that are not small talk ask, prompt or introduce the project. At
// least one speaker stays a buyer: when all would interview, the undeclared
// speaker who asks least (then speaks most) is the buyer. In a
// conversation of three or more, a speaker who answers for an institution
// (a hearing's minister) is no buyer either and is marked the same way,
// unless no one else would be left to quote. When nobody
// qualifies and no label declares an interviewer, the one who asks most
// and speaks least interviews (as before several per file were found). A single speaker is never an
// interviewer.
func DetectInterviewers(stats map[string]SpeakerStats, declared map[string]string) map[string]bool {
	out := map[string]bool{}
	if len(stats) < 2 && len(declared) == 0 {
		return out
	}
	names := make([]string, 0, len(stats))
	for sp := range stats {
		names = append(names, sp)
	}
	sort.Strings(names)
	anyDeclared := false
	for sp, role := range declared {
		if role == "interviewer" {
			out[sp], anyDeclared = true, true
		}
	}
	for _, sp := range names {
		if declared[sp] == "" && mostlyAsks(stats[sp]) {
			out[sp] = true
		}
	}
	markAnswerers(out, stats, names, declared)
	buyers := 0
	for _, sp := range names {
		if !out[sp] {
			buyers++
		}
	}
	if buyers == 0 {
		if b := leastAsking(stats, names, declared); b != "" {
			delete(out, b)
		}
	}
	if len(out) == 0 && !anyDeclared && len(stats) >= 2 {
		if sp := askerSpeaksLeast(stats, names, declared); sp != "" {
			out[sp] = true
		}
	}
	return out
}

// markAnswerers marks the speakers who answer for an institution (answers)
// in a conversation of three or more, unless their label declares them a
// participant or no one else would be left to quote.
func markAnswerers(out map[string]bool, stats map[string]SpeakerStats, names []string, declared map[string]string) {
	if len(stats) < minAnswererSpeakers {
		return
	}
	var found []string
	others := 0
	for _, sp := range names {
		switch {
		case out[sp]:
		case declared[sp] == "" && answers(stats[sp]):
			found = append(found, sp)
		default:
			others++
		}
	}
	if others == 0 {
		return
	}
	for _, sp := range found {
		out[sp] = true
	}
}

// mostlyAsks reports a speaker most of whose turns, small talk aside, ask.
func mostlyAsks(s SpeakerStats) bool {
	turns := s.Turns - s.SmallTalk
	return turns > 0 && 2*s.Questions > turns
}

func askShare(s SpeakerStats) float64 {
	return float64(s.Questions) / float64(max(s.Turns-s.SmallTalk, 1))
}

// leastAsking is the undeclared speaker who asks least, then speaks most.
func leastAsking(stats map[string]SpeakerStats, names []string, declared map[string]string) string {
	best := ""
	for _, sp := range names {
		if declared[sp] != "" {
			continue
		}
		if best == "" || askShare(stats[sp]) < askShare(stats[best]) ||
			(askShare(stats[sp]) == askShare(stats[best]) && stats[sp].Words > stats[best].Words) {
			best = sp
		}
	}
	return best
}

// askerSpeaksLeast is the speaker who asks most and speaks least, when that
// is clear enough.
func askerSpeaksLeast(stats map[string]SpeakerStats, names []string, declared map[string]string) string {
	total := 0
	for _, s := range stats {
		total += s.Words
	}
	best, bestScore := "", -10.0
	for _, sp := range names {
		s := stats[sp]
		if declared[sp] == "participant" || s.Turns == 0 {
			continue
		}
		score := askShare(s) - float64(s.Words)/float64(max(total, 1))
		if score > bestScore {
			best, bestScore = sp, score
		}
	}
	if bestScore > -0.5 {
		return best
	}
	return ""
}

// Speech is one turn's text to cut into quotes, with the question it answers.
type Speech struct {
	Turn     int // index into Import.Turns
	Text     string
	Question string
	StartMS  int64
	EndMS    int64
	// Spoken marks transcript speech: a quote of it needs MinSpokenWords
	// words. Written answers (survey answers, field notes) keep short ones.
	Spoken bool
	// Continues marks a turn that may continue a sentence left open: the
	// turn before it, or this speaker's previous turn, does not end a
	// sentence. A lower-case start is then the rest of that sentence.
	Continues bool
	// Meeting marks speech in a conversation of minAnswererSpeakers or
	// more speakers (a hearing, a panel, a meeting), where talk about the
	// talk (IsMetaTalk) frames answers to several askers and is never
	// quoted.
	Meeting bool
}

// ExtractQuotes cuts speeches into quotes of whole sentences: prose
// segments them all at once (one call per source), and each quote is
// tagged in parallel. Quote text is always an exact substring of its turn.
// The hygiene rules (see cutSpeech) leave small talk, questions put to
// someone else and broken-off pieces out of the quotes.
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
	carried := "" // a question the previous speech ended on
	for i, s := range speeches {
		if carried != "" && i > 0 && s.Turn == speeches[i-1].Turn+1 {
			s.Question = carried
		}
		var cut []Quote
		cut, carried = cutSpeech(s, perTurn[i])
		quotes = append(quotes, cut...)
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
	speakers := map[int64]bool{}
	for _, t := range turns {
		speakers[t.ParticipantID] = true
	}
	meeting := len(speakers) >= minAnswererSpeakers
	lastOf := map[int64]int{} // participant -> index of their last turn
	for i, t := range turns {
		continues := i > 0 && !endsSentence(turns[i-1].Text)
		if j, ok := lastOf[t.ParticipantID]; ok && !endsSentence(turns[j].Text) {
			continues = true
		}
		lastOf[t.ParticipantID] = i
		if interviewer(t.ParticipantID) {
			if !IsSmallTalk(t.Text) { // "Mm-hmm." keeps the question open
				question = LastQuestion(t.Text)
			}
			continue
		}
		out = append(out, Speech{Turn: i, Text: t.Text, Question: question, StartMS: t.StartMS, EndMS: t.EndMS,
			Spoken: true, Continues: continues, Meeting: meeting})
		if meeting && strings.HasSuffix(strings.TrimSpace(t.Text), "?") && !tagQuestion(t.Text) {
			// In a meeting the others ask each other too: once one of
			// them ends a turn on a question of their own, the talk has
			// moved on, and the asker's question, however long the asker
			// then stays silent, is not what the next turns answer. A
			// statement with a tag ("It's too expensive, isn't it?")
			// asks nothing new.
			question = ""
		}
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

// tagQuestion reports a turn whose closing question is a statement with a
// short tag after its last comma: "It's too expensive, isn't it?", "…,
// right?", "…, don't you think?".
func tagQuestion(text string) bool {
	t := strings.TrimSuffix(strings.TrimSpace(text), "?")
	start := strings.LastIndexAny(t, ".!?\n") + 1
	sentence := t[start:]
	i := strings.LastIndex(sentence, ",")
	return i >= 0 && len(strings.Fields(sentence[i+1:])) <= 3 && len(strings.Fields(sentence[:i])) >= 2
}
