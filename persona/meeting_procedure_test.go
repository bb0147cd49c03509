package persona_test

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestMeetingProcedure: a formal meeting's business (QMSum education
// committee, sessions 0-3 and 4, 11, 15, 20) is never quoted; a buyer's
// standing order, invoice item, transcript or last question stays.
func TestMeetingProcedure(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"In accordance with Standing Order 34.19, I've determined that the public are excluded from the committee's meeting, in order to protect public health.", true},
		{"Aside from the procedural adaptation related to conducting proceedings remotely, all other Standing Order requirements for committees remain in place.", true},
		{"As usual, you'll be sent a transcript to check for accuracy following the meeting.", true},
		{"You will be sent a draft of the transcript, to check for accuracy. Diolch yn fawr.", true},
		{"As usual, we will send you a transcript to check for accuracy following the meeting, but thank you again for attending.", true},
		{"Item 3, then, is papers to note.", true},
		{"Item 4, then.", true},
		{"Item 2 this morning is our scrutiny session on Estyn's annual report 2018-19.", true},
		{"Moving on, then, to item 2 this afternoon, which is an evidence session with the Welsh Government.", true},
		{"Okay then, the next item is item 3, papers to note, the first of which is a letter from the Cabinet Secretary.", true},
		{"Paper to note 4 is a letter from Qualifications Wales to the Minister for Education on qualifications for the new curriculum.", true},
		{"We've received apologies for absence from Hefin David AM, and there is no substitution.", true},
		{"We've received apologies from Hefin David and Lynne Neagle.", true},
		{"I've received no apologies for absence.", true},
		{"Vikki Howells is substituting for Jack Sargeant.", true},
		{"Can I ask Members if there are any declarations of interest, please?", true},
		{"Item 4 is a motion under Standing Order 17.42 to resolve to exclude the public for the remainder of the meeting.", true},
		{"We will move then into private session.", true},
		{"Dawn, final question, please.", true},
		{"Just one final question from me.", true},
		{"My final question, Chair, is about some of the responses we've had to this committee.", true},
		{"The final question is from Hefin David.", true},
		{"A record of the proceedings will be published as usual.", true},
		{"My last question is about housing and homelessness.", true},
		{"Yes, my final question, Chair, thank you, is about the parent, childcare and employment programme.", true},
		{"And just one final question from me then, going back to Trinity Saint David.", true},
		{"The final question from me is: there's a general concern about the number of teachers.", true},
		{"We've received no apologies, although Dawn Bowden is running late.", true},
		{"We haven't received any other apologies.", true},
		{"Yes, I have a declaration of interest, Chair.", true},
		{"The first item on our agenda today is apologies, substitutions, declarations of interest.", true},
		{"Please note that, pursuant to the Standing Order made on April20 and May26, the House has been recalled.", true},
		// near misses: a buyer's words
		{"I pay the licence by standing order every month.", false},
		{"Item 3 on the invoice was wrong, and support took a week to fix it.", false},
		{"Item 2 is the most expensive line on the quote.", false},
		{"We check every transcript for accuracy before we code it.", false},
		{"Otter sends you a transcript after every call, which saves me an hour.", false},
		{"We received apologies from the vendor after the outage.", false},
		{"The final question on the RFP was about data residency.", false},
		{"The last question the CFO asked was how much it would cost per seat.", false},
		{"We moved the data into a private cloud because the public one was too slow.", false},
		{"I apologise, the export keeps failing on large files.", false},
		// buyers' sentences the first patterns took for procedure (review)
		{"The last question is always price.", false},
		{"The final question is whether it integrates with SAP.", false},
		{"Our final question, then, was the cost per seat.", false},
		{"The vendor made no apologies.", false},
		{"We received no apologies from the vendor when it went down.", false},
		{"We never got any apologies from Oracle.", false},
		{"With Gong you get a transcript of every call.", false},
		{"You'll get a transcript of every meeting, which is the whole point.", false},
		{"You receive a transcript by email an hour later.", false},
		{"Every supplier signs declarations of interest before the tender.", false},
		{"We pay the licence by Standing Order.", false},
		{"We got the record of proceedings from the tribunal.", false},
		{"The public is excluded from that data by default.", false},
		// meeting housekeeping, in any meeting (QMSum ES2008c and kin)
		{"Um it's our conceptual design meeting and it's starting at approximately fourteen twenty five and so we have forty minutes for this one again and so we'll go just after three o'clock.", true},
		{"Let's do the look and feel design presentation first.", true},
		{"This meeting is being recorded.", true},
		{"Can everyone see my screen?", true},
		{"We've got about ten minutes left.", true},
		{"Our weekly meeting goes over the model metrics with the product team.", false},
		{"In the meeting with procurement they asked for the minutes of every call.", false},
		{"The presentation layer is where most of the bugs are.", false},
		{"It takes forty minutes for the report to load.", false},
		{"We spend the first ten minutes of every meeting on the dashboard.", false},
		{"Now our next meeting starts in thirty minutes.", true},
		{"After that we have thirty minutes of individual work.", true},
		{"At the next meeting, procurement asked for the security review.", false},
		{"We have ten minutes of downtime every night.", false},
		// a buyer's own buying process (review)
		{"Then we'll look at the vendor presentations before the board decides.", false},
		{"I'll give the board presentation on ROI next week.", false},
		{"Let's look at the agenda.", true},
		{"I'll give my presentation now.", true},
		// who speaks first (QMSum ES2011a): the meeting's running order
		{"Who starts? We ought to decide who starts and all that.", true},
		{"So who wants to go first?", true},
		{"Shall we start?", true},
		{"Okay. Who's next?", true},
		{"Whose turn is it?", true},
		{"Shall we begin?", true},
		{"Should I go first?", true},
		{"Okay, shall I begin?", true},
		{"Should we begin the rollout before the renewal?", false},
		{"First we should begin with the security review.", false},
		{"Shall we begin to consider other vendors, I asked myself.", false},
		{"We need to decide who starts the pilot with the vendor.", false},
		{"Who starts the onboarding when a new hire joins?", false},
		{"Should we start using the cloud version?", false},
		{"Who goes first in the approval chain is finance.", false},
		{"The next release is what we are waiting for.", false},
	}
	for _, tc := range tests {
		if got := persona.IsMeetingProcedure(tc.text); got != tc.want {
			t.Errorf("IsMeetingProcedure(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	// Only in speech: never shown as a transcript's representative.
	tag := nlp.Shared()
	for _, tc := range tests {
		if !tc.want {
			continue
		}
		q := persona.Quote{Text: tc.text, Kind: persona.KindTranscript, Tokens: tag.Tag(tc.text)}
		if why := persona.WhyUnquotable(q); why == "" {
			t.Errorf("WhyUnquotable(%q) = \"\", want a reason", tc.text)
		}
	}
}

// TestChairKeepsTime: the chair's own words for the last question, the
// end of the time, bringing a member in and supplementary questions are
// the chair's part (QMSum education committee); a buyer's are not.
func TestChairKeepsTime(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Siân, this will need to be the last question, I'm afraid.", true},
		{"We've come to the end of our time.", true},
		{"Darren, I've got to bring Llyr in now.", true},
		{"Before you move on, sorry, I've got a couple of supplementaries.", true},
		{"We've got a lot of ground that we want to cover this morning, so if it's okay we'll go straight into questions.", true},
		{"Okay. Before I bring Suzy in, can I just welcome Siân Gwenllian, who is joining us via video-conference in north Wales?", true},
		{"We'll bring Deloitte in next year to run the migration.", false},
		{"That was the last question on the RFP, and it was about data residency.", false},
		{"We have come to the end of our contract with the old vendor.", false},
		{"The supplementary licence cost us another ten thousand.", false},
		{"Support was slow to get into questions about billing.", false},
		{"We had to bring Deloitte in.", false},
		{"So we decided to bring Accenture in, and they fixed it.", false},
		{"We have some supplementary budget for training.", false},
		{"We take supplementary insurance on every contract.", false},
		{"That's the final question we put to every vendor.", false},
		{"It's the last question anyone asks about security.", false},
		{"We have reached the time where we need to renew.", false},
		{"We went straight into questions.", false},
		{"Then we went on to questions, and they couldn't answer any.", false},
		// the chair's courtesies that carry subject words (QMSum education 0–24)
		{"I'm going to appeal for brief questions and brief answers so that we can cover the rest of the questions.", true},
		{"We know that this is a really difficult and pressurised time for everyone, and we appreciate your attendance.", true},
		{"We appreciate your time this morning.", true},
		{"Buyers asked for brief answers to the security questionnaire.", false},
		{"We appreciate your product's time savings every month.", false},
		{"We appreciate the attention to detail in the reports.", false},
	}
	tag := nlp.Shared()
	for _, tc := range tests {
		if got := persona.IsChairing(tc.text, tag.Tag(tc.text)); got != tc.want {
			t.Errorf("IsChairing(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
