package persona_test

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

// TestSessionTalk: talk about the session's own work (planning it, handing
// out tasks, asking for material, breaks) is never a buyer's quote; a
// buyer's plan or process that says what they think, or names their own
// meetings and tasks, is.
func TestSessionTalk(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		// QMSum IS1001a–c: the project manager runs the meeting.
		{"Maybe for next meeting send me your presentation before by email so that we can see them altogether. That would be easier.", true},
		{"Then we will discuss if we have few ideas and we will end by dispatching the different task.", true},
		{"We'll then take decision in concert and then we will define the nest next task, to have to be done before the next meeting.", true},
		{"So I will ask the Industrial Designer to find out more about this industrial design so any working function we have discussed.", true},
		{"So we come back in five minutes? Half an hour.", true},
		{"Let's look at the agenda.", true},
		{"So we will have a next meeting in thirty minutes.", true},
		{"The meeting in ten minutes with our CFO decided it, the tool is too expensive.", false},
		{"I'll ask you all to prepare your presentations for the next meeting.", true},
		{"Could you send me your slides after the session?", true},
		// small talk beside the session (QMSum IS1001)
		{"I hope the students of management die, but anyway.", false}, // "but anyway" alone hides nothing (review)
		{"Okay it's your cat.", true},
		{"That's my pen.", true},
		{"It's too expensive for us, but anyway.", false},
		{"That's my main worry.", false},
		{"Anyway, the export is what we bought it for.", false},
		{"So presumably those are two different data sets anyway.", false}, // "in any case" (SERDIF)
		{"I would have hoped so anyway.", false},
		{"This session timeout was the main reason we left.", false},
		{"This recording feature saved us hours every week.", false},
		{"All it depends on who watch this meeting.", true},
		// a buyer's view, plan or process: kept
		{"We will discuss the price at the next meeting because it is too expensive.", false},
		{"Our weekly meeting goes over the metrics.", false},
		{"We had a meeting with procurement and they asked for three quotes.", false},
		{"They send me the invoices every month.", false},
		{"I'll ask our IT team whether the export is secure enough.", false},
		{"The next task is the migration, which worries me.", false},
		{"We will discuss the contract and it looks fine to me.", false},
		{"So we come back to the same problem: the remote is too expensive.", false},
		{"The wheel sensor seems to be quite expensive.", false},
		{"We need a remote that people can find easily.", false},
		// a buyer's words that name what software also names, or that a
		// plan only frames (review of quotes12)
		{"We will send the invoice by e-mail every month, which is painful.", false},
		{"You can send the files by email and it imports them.", false},
		{"We can send it by email, the PDF export breaks all the time.", false},
		{"We lose the session after five minutes.", false},
		{"Then we have to check every session by hand before the audit.", false},
		{"We can assign the tasks to each technician from the phone.", false},
		{"We can take the presentation and export it to PDF.", false},
		{"Let's face it, nobody reads the agenda.", false},
		{"Let's be honest, the presentation layer is a mess.", false},
		{"We're here to stay with them.", false},
		{"We're here for the long term with Salesforce.", false},
		{"Before this interview I looked at three vendors.", false},
		{"The app drops the session after ten minutes of idling.", false},
		{"Each meeting at 9 o'clock gets duplicated in Outlook.", false},
		{"That's our priority.", false},
		{"It is our bottleneck.", false},
		{"That's my opinion.", false},
		{"They raised the price twice in a year, but anyway.", false},
		{"We moved everything to HubSpot last spring, anyway.", false},
		{"We'll discuss the renewal at the next meeting. Procurement killed it.", false},
		{"I'll present it to the board at the next meeting. They picked Salesforce.", false},
		{"We have to present the ROI to the CFO at every budget meeting, and that's where it dies.", false},
		{"It's your turn.", true},
		// read on the dev sets: a phrase, and a view beside the meeting
		{"It is what, in the market, this call liquidity, for example, you want to buy a Ferrari.", false},
		{"We wouldn't actually save a lot by reducing it anyway, so for the purposes of this meeting maybe we can state that single curve still allows articulation.", false},
	} {
		if got := persona.IsSessionTalk(tc.text); got != tc.want {
			t.Errorf("IsSessionTalk(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
