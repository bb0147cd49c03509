package persona_test

import (
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestWhyUnquotable: real sentences from the dev sets (ML-practitioner
// interviews, QMSum product and committee meetings, SERDIF, Capterra and
// NHS answers). A fragment, a disfluent run, a courtesy or the
// interviewer's question is never shown as a representative; a whole
// sentence that names something is.
func TestWhyUnquotable(t *testing.T) {
	spoken, written := persona.KindTranscript, persona.KindSurvey
	tests := []struct {
		text string
		kind persona.Kind
		want string
	}{
		// fragments
		{"Although we had our separate tasks,", spoken, persona.UnquotableFragment},
		{"It's a bi i it's like a g it's a gadget, it's a", spoken, persona.UnquotableFragment},
		{"Because it's too slow.", spoken, persona.UnquotableFragment},
		{"And then we had to, you know, go back and", spoken, persona.UnquotableFragment},
		{"The model was great and it's", spoken, persona.UnquotableFragment},
		{"Data quality, mostly.", spoken, persona.UnquotableFragment},
		{"They're they're expensive, they don't", spoken, persona.UnquotableFragment},
		{"That's today's kick off meeting,.", spoken, persona.UnquotableFragment},
		{"Which is less than ten P_.", spoken, persona.UnquotableFragment},
		{"But you know, that's not always possible from the point of view of.", spoken, persona.UnquotableFragment},
		{"Usually we, once we have this development and we are ready, we change all the shops to.", spoken, persona.UnquotableFragment},
		{"In order to be able to automate this.", spoken, persona.UnquotableFragment},
		{"And, um, now starting a new project with discuss already.", spoken, persona.UnquotableFragment},
		{"Because we have to, because some of our models were judging, like grammar and writing skills of students.", spoken, persona.UnquotableFragment},
		{"Uh, Because sometimes raw data works, uh, better than some pre data. It's all depends.", spoken, persona.UnquotableFragment},
		{"Obviously—[Inaudible.]—that point. We wrote to them last Friday, and we are awaiting their response now.", spoken, persona.UnquotableFragment},
		{"We moved the models to (crosstalk) the new cluster last year.", spoken, persona.UnquotableFragment},
		{"The export [unintelligible 00:12:03] every week.", written, persona.UnquotableFragment},
		{"Obviously, the information that we've had about the Healthy Child Wales, the health boards will be monitoring that information and will be—.", spoken, persona.UnquotableFragment},
		{"So, it's the threshold for intervention that's the key, really, isn't it, rather than—?", spoken, persona.UnquotableAsked},
		{"Double curve. We can transform the double curve into single c yeah.", spoken, persona.UnquotableFragment},
		{"In the end we went with plan b yeah.", spoken, ""},
		// disfluent runs
		{"So like, yeah, I see it as a big point and big pain point.", spoken, persona.UnquotableDisfluent},
		{"So like, yeah, I see it as a big point and big point.", spoken, persona.UnquotableDisfluent},
		{"Uh, so, um, yeah, the the data is is there.", spoken, persona.UnquotableDisfluent},
		{"You know, um, so, yeah, the the data is is there.", spoken, persona.UnquotableDisfluent},
		{"If it's leak, like, you know, it's, it's internal.", spoken, persona.UnquotableDisfluent},
		// naming nothing
		{"So yeah, we work a lot with that.", spoken, persona.UnquotableEmpty},
		{"You like it, you want to use it.", spoken, persona.UnquotableEmpty},
		// courtesies and talk about the talk
		{"I hope you guys thank you so much.", spoken, persona.UnquotableCourtesy},
		{"That's a really good question.", spoken, persona.UnquotableCourtesy},
		{"Thank you, and I'm very grateful for the opportunity to clarify.", spoken, persona.UnquotableCourtesy},
		{"Thanks for having me today.", spoken, persona.UnquotableCourtesy},
		// talk about the session's own work (QMSum IS1001)
		{"Maybe for next meeting send me your presentation before by email so that we can see them altogether. That would be easier.", spoken, persona.UnquotableSession},
		{"We'll then t take decision in concert and then uh uh we will uh define the nest next task, to have to be done before the next meeting.", spoken, persona.UnquotableSession},
		{"We will discuss the price at the next meeting because it is too expensive.", spoken, ""},
		// the interviewer's part
		{"What kind of tools do you use for monitoring the models?", spoken, persona.UnquotableAsked},
		{"Can you tell me about your role at the company.", spoken, persona.UnquotableAsked},
		// a chair running the talk while naming its subject (QMSum committee)
		{"We've got a couple more questions now on vulnerable learners.", spoken, persona.UnquotableAsked},
		{"Siân Gwenllian now has some questions on secondary schools causing concern.", spoken, persona.UnquotableAsked},
		{"Hefin, briefly, and then we're going to take one final question from Suzy on emergency legislation.", spoken, persona.UnquotableAsked},
		{"Huw, I don't know if there's anything you want to add.", spoken, persona.UnquotableAsked},
		{"Albert, I just wanted to check there wasn't anything you wanted to add, please.", spoken, persona.UnquotableAsked},
		{"Can I remind everyone again: sharp focused questions and concise answers? Janet.", spoken, persona.UnquotableAsked},
		{"We've lost Janet. We'll come back to her.", spoken, persona.UnquotableAsked},
		{"Sorry, Dawn's frozen, we'll come back to her.", spoken, persona.UnquotableAsked},
		{"I don't know whether, Jassa, you've got anything to add to the general points we've made.", spoken, persona.UnquotableAsked},
		{"We've got some further questions, indeed, from Helen Mary and then Hefin.", spoken, persona.UnquotableAsked},
		{"We're going to talk now a bit about schools causing concern with questions from Huw Irranca-Davies.", spoken, persona.UnquotableAsked},
		{"Thank you, Janet. We're going to go on now, then, to the questions on higher and further education from Suzy Davies. Suzy.", spoken, persona.UnquotableAsked},
		// quotable
		{"Make the data processing site more efficient.", spoken, ""},
		{"You know, we, we had to send this to our server and get it done there.", spoken, ""},
		{"No, it is a first class service we can be proud of.", spoken, ""},
		{"We learned it step by step, day to day, with the data and the model.", spoken, ""},
		{"It was a very complex tree model.", spoken, ""},
		{"We had more false positives, so we started implementing this data collection.", spoken, ""},
		{"Although we had our separate tasks, we talked every day about the design.", spoken, ""},
		{"If you have data quality issues, fix them before you train.", spoken, ""},
		{"It's hard to deploy models when the infrastructure team owns the servers.", spoken, ""},
		{"Unfortunately, not all regions of Canada have reliable, affordable, high-speed access.", spoken, ""},
		{"Thank you for the export, it saves me an hour every week.", spoken, ""},
		{"Number one hurdle is that, uh, we had to sell this and we had to scale this, uh, pro project, right?", spoken, ""},
		{"If you leave them on the whole time you get to look like a noodle the whole time.", spoken, ""},
		{"We've made a first declaration with our colleagues in Australia and the U.K. to say that we have deep concerns.", spoken, ""},
		{"Um, okay on we've got the flip-screen, the top one is gonna be the L_C_D_ and the bottom one is gonna be the rubberised buttons.", spoken, ""},
		{"She just spoke at me and didn't listen to what I needed or wanted.", written, ""},
		{"Because it is an excellent service.", written, ""},
		{"No, it is a first class service we can be proud of.", written, ""},
		{"Friendly, helpful staff.", written, ""},
		{"Response time", written, ""},
		{"So when I went to the CFO for budget, the first thing he said was \"isn't this the same thing we bought last time?\"", spoken, ""},
		{"If I'd done that I'd have saved myself about a month.", spoken, ""},
		{"we could not deploy the model because the servers belonged to another team", spoken, ""},
		{"Thank you everyone you are excellent.", written, ""},
		{"Offshore support is terrible.", written, ""},
		{"The dashboard (the unclear one) confuses our finance team.", written, ""},
		{"Support was slow (unclear pricing too) and we left.", written, ""},
		{"Our [internal] tooling is slow to deploy models.", spoken, ""},
		// near the chair's forms, but a buyer's view
		{"We have some questions about the security model before we sign.", spoken, ""},
		{"I look on accuracy and then cross my finger and then put it in production. Oops.", spoken, ""},
		{"The procurement team had a few more questions on pricing than on security.", spoken, ""},
		{"We had to go back to the vendor with questions from our security team.", spoken, ""},
		{"Is there anything you want to add to the roadmap? Single sign-on.", written, ""},
		{"I now have more questions about the pricing than answers.", spoken, ""},
		{"We now have some questions around data residency.", spoken, ""},
		{"We have a few more questions now about the renewal.", spoken, ""},
		{"We have some questions from IT about single sign-on.", spoken, ""},
		{"Salesforce is frozen half the time when I open the report.", spoken, ""},
		{"So Teams is breaking up on every call with the vendor.", spoken, ""},
		{"Right, we've lost Salesforce data twice this year.", spoken, ""},
		{"Online service is far too complex with far too long user ID and security codes.", written, ""},
	}
	tag := nlp.Shared()
	for _, tt := range tests {
		q := persona.Quote{Text: tt.text, Kind: tt.kind, Tokens: tag.Tag(tt.text)}
		if got := persona.WhyUnquotable(q); got != tt.want {
			t.Errorf("WhyUnquotable(%q) = %q, want %q (tokens %v)", tt.text, got, tt.want, q.Tokens)
		}
	}
}

// BenchmarkUnquotableForm: the check the analysis makes for every quote of
// a theme (a million in a large study).
func BenchmarkUnquotableForm(b *testing.B) {
	s := "Uh, but it was an, it was a known issue, uh, for some of the, some of the problems and then the other problems."
	q := persona.Quote{Text: s, Kind: persona.KindTranscript, Tokens: nlp.Shared().Tag(s)}
	b.ReportAllocs()
	for b.Loop() {
		persona.UnquotableForm(q)
	}
}

// TestQuotableOtherScripts: the grammar tests are English ones; a spoken
// sentence in another script (no English verb tag, no English
// punctuation) is not judged by them and may be shown, as the analysis
// shows a theme of text not in English as it is. Before, every such
// sentence was a "fragment" and a theme of them showed no quote at all.
func TestQuotableOtherScripts(t *testing.T) {
	tag := nlp.Shared()
	for _, s := range []string{
		"这个遥控器太贵了，我们不会买。",
		"Этот пульт слишком дорогой, мы его не купим.",
		"この リモコン は 高すぎる と 思います。",
		"هذا الجهاز غالي جدا بالنسبة لنا.",
	} {
		q := persona.Quote{Text: s, Kind: persona.KindTranscript, Tokens: tag.Tag(s)}
		if got := persona.WhyUnquotable(q); got != "" {
			t.Errorf("WhyUnquotable(%q) = %q, want quotable", s, got)
		}
	}
	// Empty and English still judged: nothing to show, and a fragment.
	for _, s := range []string{"", "   ", "Although we had our separate tasks, 这个"} {
		q := persona.Quote{Text: s, Kind: persona.KindTranscript, Tokens: tag.Tag(s)}
		if persona.WhyUnquotable(q) == "" {
			t.Errorf("WhyUnquotable(%q) = quotable, want a reason", s)
		}
	}
}

// TestUnquotableTalkNotProcedure: for a quote that is no meeting procedure
// nor chairing, the shortcut says what UnquotableTalk says; it only skips
// those two pattern sets.
func TestUnquotableTalkNotProcedure(t *testing.T) {
	for _, text := range []string{
		"Thank you, Madam Chair.",
		"What did you compare it with?",
		"The pricing we could predict mattered most to our finance team.",
		"That's a good question.",
		// No chairing as stored, chairing once the title's period goes
		// (UnquotableTalk reads it so): the shortcut must not skip it.
		"Before I bring Dr. Jones in, one thing.",
	} {
		q := persona.Quote{Text: text, Kind: persona.KindTranscript}
		if persona.IsMeetingProcedure(text) || persona.IsChairing(text, nil) {
			t.Fatalf("%q is procedure; pick another case", text)
		}
		if got, want := persona.UnquotableTalkNotProcedure(q), persona.UnquotableTalk(q); got != want {
			t.Errorf("UnquotableTalkNotProcedure(%q) = %q; UnquotableTalk says %q", text, got, want)
		}
	}
	if persona.UnquotableTalk(persona.Quote{Text: "Paper to note 2 is a letter from the Minister.", Kind: persona.KindTranscript}) == "" {
		t.Error("a paper to note is quotable by UnquotableTalk")
	}
}
