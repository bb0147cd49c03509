package persona

import "strings"

// Talk about the talk: sentences whose only content is the conversation
// itself — thanks and gratitude for being asked ("Thank you, and I'm very
// grateful for the opportunity to clarify."), praise of a question ("That's
// a good question."), announcing an answer ("Let me answer that.", "I'd
// like to clarify."). They frame what a speaker says next and are no one's
// view of the subject, so they are never quoted. The test is the words
// left once function words, fillers and forms of address are set aside:
// every one must be a word of the conversation's own acts, and one of them
// an act of courtesy or of answering. A sentence that names anything else
// ("I'm grateful the export saves me an hour") is speech about the subject.

// metaActWords are the acts that make a sentence talk about the talk.
// Feelings alone ("I'm very happy.") are not among them: a buyer may say
// that of the product; nor a response ("Response time" is a service's).
var metaActWords = wordSet(`thank thanks thanking thanked grateful gratitude honoured honored privilege
appreciate appreciated appreciative welcome welcoming clarify clarifying clarification
answer answers answering question questions correct correcting reiterate`)

// metaWords are the other words such a sentence may hold: what is said
// about the exchange (its chance, its questions, being here today) and how
// much, never what the exchange is about.
var metaWords = wordSet(`respond responding response responses reply replying glad pleased happy delighted pleasure opportunity opportunities chance invitation invite invited inviting
understand understood explain explaining comment comments remark remarks point points ask asked asking raise raised raising
say said saying add adding address addressing speak speaking share sharing mention begin start first
good great excellent fair interesting important valid thoughtful very really so much many truly deeply
sincerely most indeed absolutely certainly sure again also too here today tonight now once
be being been am is are was were join joining joined come coming came appear appearing attend attending
testify testifying present presenting meet meeting let allow like want wish would could can will shall may
might should do does did have has had must briefly quickly please kind kindly everyone everybody all both
chair chairman chairwoman madam mr mrs ms member members colleague colleagues minister ministers
committee honourable honorable hon sir senator panel witness witnesses`)

// metaFunctionWords are set aside before the test.
var metaFunctionWords = wordSet(`i me my mine myself we us our ours you your yours he him his she her it its they
them their this that these those there the a an and or but of to for on in at by with from as about that's
it's i'm i'd i'll we're we'd we'll you're let's there's what's which who whom what how`)

// IsMetaTalk reports a sentence that only speaks about the conversation:
// courtesy, gratitude for the chance to speak, praise of a question, an
// announced answer or clarification.
func IsMetaTalk(s string) bool {
	ws := words(s)
	if len(ws) == 0 || len(ws) > 24 {
		return false
	}
	act := false
	for _, w := range ws {
		switch {
		case fillerWords[w] || metaFunctionWords[w]:
		case metaActWords[w]:
			act = true
		case metaWords[w] || smallTalkWords[w]:
		default:
			return false
		}
	}
	return act && !strings.HasSuffix(strings.TrimSpace(s), "?")
}
