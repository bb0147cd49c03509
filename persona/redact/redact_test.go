package redact

import (
	"strings"
	"testing"
)

func TestFindPatterns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // kind:text of each span
	}{
		{"email", "Write to alice.smith+crm@acme-corp.co.uk today.", []string{"Email:alice.smith+crm@acme-corp.co.uk"}},
		{"us phone", "Call me on (415) 555-0132 after lunch.", []string{"Phone:(415) 555-0132"}},
		{"intl phone", "My cell is +44 7700 900123, any time.", []string{"Phone:+44 7700 900123"}},
		{"dotted phone", "It's 030.1234.5678 at the office.", []string{"Phone:030.1234.5678"}},
		{"profile url", "See linkedin.com/in/alice-smith-42 for my CV.", []string{"URL:linkedin.com/in/alice-smith-42"}},
		{"url with query and trailing dot", "The deal is https://crm.example.com/deals?id=4411.", []string{"URL:https://crm.example.com/deals?id=4411"}},
		{"bare product domain kept", "We moved to salesforce.com and https://www.hubspot.com/ last year.", nil},
		{"money kept", "It cost $1,250,000 over 3 years.", nil},
		{"thousands-shaped phone after a cue", "You can call me on 612 345 678 tomorrow.", []string{"Phone:612 345 678"}},
		{"big number kept", "We process 120 000 000 rows a day", nil},
		{"date kept", "The renewal was on 2024-03-01 at 10.30 and again 2023-11-15.", nil},
		{"year range kept", "From 2019-2021 we used spreadsheets.", nil},
		{"percent kept", "Churn fell 12.5 percent, 99 999 9999% no.", nil},
		{"short number kept", "Room 4 213, extension 5521.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range FindPatterns(tt.text) {
				got = append(got, string(s.Kind)+":"+tt.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("FindPatterns(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestPersonName(t *testing.T) {
	for label, want := range map[string]bool{
		"Alice": true, "Alice Smith": true, "Dr. Ortiz": true, "Jean-Luc Picard": true, "O'Neil": true,
		"Interviewer": false, "Speaker 2": false, "P07": false, "Customer": false, "SPEAKER_01": false,
		"Participant 3": false, "": false, "the buyer": false,
	} {
		if got := PersonName(label); got != want {
			t.Errorf("PersonName(%q) = %v, want %v", label, got, want)
		}
	}
}

// One person keeps one pseudonym however they are named, within a text
// and across texts of the study; other people get other numbers.
func TestRedactIsConsistentAcrossAStudy(t *testing.T) {
	r := &Redactor{Pseudonyms: NewPseudonyms([]byte("study-key")), Names: []string{"Alice Smith", "Bob Okafor", "Interviewer"}}
	got1, reps := r.Redact("Alice Smith said Bob would call. Alice's email is alice@acme.com.")
	want1 := "[Person 1] said [Person 2] would call. [Person 1]'s email is [Email 1]."
	if got1 != want1 {
		t.Fatalf("Redact:\n got %q\nwant %q", got1, want1)
	}
	for _, rep := range reps {
		if got1[rep.Start:rep.End] != rep.Label {
			t.Fatalf("replacement offsets %d-%d read %q, want %q", rep.Start, rep.End, got1[rep.Start:rep.End], rep.Label)
		}
	}
	got2, _ := r.Redact("Later, Okafor wrote from bob@acme.com; Interviewer asked Smith.")
	want2 := "Later, [Person 2] wrote from [Email 2]; Interviewer asked [Person 1]."
	if got2 != want2 {
		t.Fatalf("second text:\n got %q\nwant %q", got2, want2)
	}
	if r.Label("Bob Okafor") != "[Person 2]" || r.Label("Interviewer") != "Interviewer" {
		t.Fatalf("speaker labels: %q %q", r.Label("Bob Okafor"), r.Label("Interviewer"))
	}
}

// A stored mapping restores the same numbers and holds no original.
func TestPseudonymsRestoreAndHideOriginals(t *testing.T) {
	key := []byte("k")
	p := NewPseudonyms(key)
	p.Label(Person, "Alice Smith")
	p.Label(Email, "a@b.co")
	p.Label(Person, "Bob")
	entries := p.Entries()
	for _, e := range entries {
		if strings.Contains(strings.ToLower(e.Hash), "alice") || strings.Contains(e.Hash, "@") {
			t.Fatalf("entry holds an original: %+v", e)
		}
	}
	q := NewPseudonyms(key)
	q.Restore(entries)
	if got := q.Label(Person, "bob"); got != "[Person 2]" {
		t.Fatalf("restored mapping gives %q for Bob, want [Person 2]", got)
	}
	if got := q.Label(Person, "Carol"); got != "[Person 3]" {
		t.Fatalf("a new person after restore: %q, want [Person 3]", got)
	}
	other := NewPseudonyms([]byte("another study"))
	other.Restore(entries)
	if got := other.Label(Person, "Bob"); got == "[Person 2]" {
		t.Fatal("another study's key matched Bob's hash: the key does not protect the mapping")
	}
}

// The recogniser is asked only about text where an unknown name can hide,
// and its spans are replaced.
func TestEntitiesCalledOnlyWhereANameCanHide(t *testing.T) {
	calls := 0
	r := &Redactor{Pseudonyms: NewPseudonyms(nil), Entities: func(text string) []Span {
		calls++
		i := strings.Index(text, "Priya Raman")
		if i < 0 {
			return nil
		}
		return []Span{{i, i + len("Priya Raman"), Person}}
	}}
	for _, text := range []string{"the export takes all day.", "It is slow. We wait.", "I think so."} {
		if out, _ := r.Redact(text); out != text {
			t.Fatalf("Redact(%q) changed it to %q", text, out)
		}
	}
	if calls != 0 {
		t.Fatalf("recogniser called %d times on text with no inner capital", calls)
	}
	got, _ := r.Redact("Our CFO, Priya Raman, signs off.")
	if got != "Our CFO, [Person 1], signs off." || calls != 1 {
		t.Fatalf("got %q after %d calls", got, calls)
	}
}

func TestKindsChooseWhatIsHidden(t *testing.T) {
	r := &Redactor{Pseudonyms: NewPseudonyms(nil), Kinds: []Kind{Email}, Names: []string{"Alice"}}
	got, _ := r.Redact("Alice: alice@x.io or +1 415 555 0132")
	if got != "Alice: [Email 1] or +1 415 555 0132" {
		t.Fatalf("got %q", got)
	}
}

func FuzzRedactKeepsText(f *testing.F) {
	for _, s := range []string{"Alice Smith, a@b.io, +1 (415) 555-0132", "https://x.y/z?q=1.", "Ünïcödé Ålice’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := &Redactor{Pseudonyms: NewPseudonyms(nil), Names: []string{"Alice Smith"}}
		out, reps := r.Redact(s)
		for _, rep := range reps {
			if rep.Start < 0 || rep.End > len(out) || out[rep.Start:rep.End] != rep.Label {
				t.Fatalf("bad replacement %+v in %q", rep, out)
			}
		}
		if len(reps) == 0 && out != s {
			t.Fatalf("text changed without a replacement: %q → %q", s, out)
		}
	})
}

// Words the study writes in lower case are not names, whether a recogniser
// proposes them or they are speaker labels that name a role.
func TestLearnDropsCommonWords(t *testing.T) {
	r := &Redactor{Pseudonyms: NewPseudonyms(nil), Names: []string{"Marketing", "Craig"},
		Entities: func(text string) []Span {
			var out []Span
			for _, w := range []string{"Okay", "Reporting", "Priya"} {
				if i := strings.Index(text, w); i >= 0 {
					out = append(out, Span{i, i + len(w), Person})
				}
			}
			return out
		}}
	r.Learn("our marketing team hates the reporting, okay?")
	got, _ := r.Redact("Then Okay. Reporting in Marketing is slow, said Craig and Priya.")
	want := "Then Okay. Reporting in Marketing is slow, said [Person 1] and [Person 2]."
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// TestWidenCompletesHalfTaggedNames: the recogniser tags one word of a
// name; the span grows over the capitalised words beside it, but not over
// acronyms or words the study writes in lower case.
func TestWidenCompletesHalfTaggedNames(t *testing.T) {
	for _, tc := range []struct{ text, tagged, want string }{
		{"Our CFO Priya Raman had the final word.", "Raman", "Our CFO [Person 1] had the final word."},
		{"Ask Priya Raman, she knows.", "Priya", "Ask [Person 1], she knows."},
		{"We met Jo at Marketing Week.", "Jo", "We met [Person 1] at Marketing Week."},
		{"Then Okay Raman said no.", "Raman", "Then Okay [Person 1] said no."},
	} {
		r := &Redactor{Pseudonyms: NewPseudonyms([]byte("k")), Entities: func(text string) []Span {
			i := strings.Index(text, tc.tagged)
			return []Span{{i, i + len(tc.tagged), Person}}
		}}
		r.Learn("okay so that was it")
		if got, _ := r.Redact(tc.text); got != tc.want {
			t.Errorf("Redact(%q) with %q tagged = %q; want %q", tc.text, tc.tagged, got, tc.want)
		}
	}
}

func TestWrittenAsName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"Priya Raman", true}, {"J. Smith", true}, {"Ronan McDonald", true}, {"PIerre", false}, {"GPUs", false}, {"O'Neil", true}, {"Mr. Earl Dreeshen", true},
		{"CSIS", false}, {"R C N N", false}, {"AI", false}, {"STEAM Project", false}, {"Azure DevOps", false},
		{"TechStuck", false}, {"BruceGreyOwen Sound", false}, {"Country X", false}, {"Region Y", false},
	} {
		if got := writtenAsName(tc.name); got != tc.want {
			t.Errorf("writtenAsName(%q) = %v; want %v", tc.name, got, tc.want)
		}
	}
}

// TestEntitiesReadOnlySentencesWithInnerCapitals: the recogniser gets the
// sentences where a name can hide, and its spans land at the right place
// in the whole text.
func TestEntitiesReadOnlySentencesWithInnerCapitals(t *testing.T) {
	var got []string
	r := &Redactor{Pseudonyms: NewPseudonyms([]byte("k")), Entities: func(text string) []Span {
		got = append(got, text)
		i := strings.Index(text, "Raman")
		if i < 0 {
			return nil
		}
		return []Span{{i, i + len("Raman"), Person}}
	}}
	text := "We keep it all in sheets. It breaks every quarter! Then we asked Raman about it. Done."
	out, _ := r.Redact(text)
	if want := []string{"Then we asked Raman about it."}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("recogniser read %q; want %q", got, want)
	}
	if want := "We keep it all in sheets. It breaks every quarter! Then we asked [Person 1] about it. Done."; out != want {
		t.Errorf("Redact = %q; want %q", out, want)
	}
	r2 := &Redactor{Pseudonyms: NewPseudonyms(nil), Entities: func(text string) []Span {
		i := strings.Index(text, "Mr.Chair")
		return []Span{{i, i + len("Mr.Chair"), Person}}
	}}
	if out, _ := r2.Redact("Thank you, Mr.Chair now."); out != "Thank you, Mr.Chair now." {
		t.Errorf("Mr.Chair redacted as a person: %q", out)
	}
}

func TestKeepWordsAreNeverNames(t *testing.T) {
	tagged := func(words ...string) Entities {
		return func(text string) []Span {
			var out []Span
			for _, w := range words {
				if i := strings.Index(text, w); i >= 0 {
					out = append(out, Span{i, i + len(w), Person})
				}
			}
			return out
		}
	}
	for _, tc := range []struct {
		keep []string
		want string
	}{
		{nil, "We run it on [Person 1] with [Person 2] now."},
		{[]string{"azure", "Google Cloud"}, "We run it on Azure with [Person 1] now."},
	} {
		r := &Redactor{Pseudonyms: NewPseudonyms(nil), Keep: tc.keep, Entities: tagged("Azure", "Ricardo")}
		if got, _ := r.Redact("We run it on Azure with Ricardo now."); got != tc.want {
			t.Errorf("keep %q: %q; want %q", tc.keep, got, tc.want)
		}
	}
}

func TestNamesAfterTitles(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"We'll go back to Mr. Bezan.", "We'll go back to Mr. [Person 1]."},
		{"Thank you, Mr.Chair. Ms Anju Dhillon has the floor.", "Thank you, Mr.Chair. Ms [Person 1] has the floor."},
		{"Dr. Tedros said so, Madam Speaker.", "Dr. [Person 1] said so, Madam Speaker."},
		{"Mr. Speaker, I rise.", "Mr. Speaker, I rise."},
	} {
		r := &Redactor{Pseudonyms: NewPseudonyms(nil)}
		if got, _ := r.Redact(tc.text); got != tc.want {
			t.Errorf("Redact(%q) = %q; want %q", tc.text, got, tc.want)
		}
	}
	if !HasInnerCapital("We now go to Mr. Bezan") || HasInnerCapital("It broke. Then it worked") {
		t.Error("HasInnerCapital reads a title as a sentence end, or a sentence start as inner")
	}
}

// A name the recogniser finds once is found wherever else the file says
// it, also a part of it alone, and numbered as the whole: "Acme Corp." and
// then (or before) "Acme"; "Priya Raman" and then "Priya". A part the file
// writes in lower case ("data") or a legal form ("Corp") is not taken
// alone.
func TestNamesFoundOnceAreFoundEverywhere(t *testing.T) {
	tagged := map[string]Kind{"Acme Corp.": Company, "Global Data Systems": Company, "Priya Raman": Person}
	calls := 0
	r := &Redactor{Pseudonyms: NewPseudonyms([]byte("k")), Kinds: []Kind{Person, Company}, Entities: func(text string) []Span {
		calls++
		var out []Span
		for name, kind := range tagged {
			if i := strings.Index(text, name); i >= 0 {
				out = append(out, Span{i, i + len(name), kind})
			}
		}
		return out
	}}
	texts := []string{
		"Honestly the support at Acme was terrible.",
		"We moved off Acme Corp. in May, and our data moved with us.",
		"Then Global Data Systems came in. Data is messy, Global said it was fine.",
		"I asked Priya Raman and then Priya signed. Corp is not a company.",
		"Acme, frankly, never called back.",
	}
	r.Learn(texts...)
	r.Prepare(texts...)
	prepared := calls
	var got []string
	for _, text := range texts {
		out, _ := r.Redact(text)
		got = append(got, out)
	}
	want := []string{
		"Honestly the support at [Company 1] was terrible.",
		"We moved off [Company 1] in May, and our data moved with us.",
		"Then [Company 2] came in. Data is messy, [Company 2] said it was fine.",
		"I asked [Person 1] and then [Person 1] signed. Corp is not a company.",
		"[Company 1], frankly, never called back.",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Redact(%q)\n got %q\nwant %q", texts[i], got[i], want[i])
		}
	}
	if calls != prepared {
		t.Errorf("the recogniser ran %d more times after Prepare; want none", calls-prepared)
	}
}

// A name the recogniser read in more sentences than it tagged it in is
// left to the recogniser's judgement in context: "Canada", taken for a
// person once, is not replaced where it was read and not tagged.
func TestNamesTheRecogniserMostlyRejectsAreNotSpread(t *testing.T) {
	r := &Redactor{Pseudonyms: NewPseudonyms([]byte("k")), Entities: func(text string) []Span {
		if i := strings.Index(text, "Canada Lee"); i >= 0 {
			return []Span{{i, i + len("Canada"), Person}}
		}
		return nil
	}}
	texts := []string{"We met Canada Lee there.", "Sales in Canada grew.", "Our team in Canada is small.", "Then Canada changed the rules."}
	r.Learn(texts...)
	r.Prepare(texts...)
	for _, text := range texts[1:] {
		if out, _ := r.Redact(text); out != text {
			t.Errorf("Redact(%q) = %q; want it left", text, out)
		}
	}
}

// The person an interviewer greets or thanks by name is found without the
// recogniser (which misses "Thanks, Maria"), and then wherever else the
// file names them; greetings of no one are left.
func TestPeopleGreetedByName(t *testing.T) {
	r := &Redactor{Pseudonyms: NewPseudonyms([]byte("k"))}
	texts := []string{
		"Thanks, Maria. Can you tell me about your role?",
		"Great, thanks Maria, so what happened next?",
		"Maria, one more thing: who signs the contract?",
		"Hi everyone, thanks, Great to be here.",
		"Thank you, Sir. Hello, I'm back. Hi Team.",
		"Good morning, Sam! We will start.",
		"Thanks for joining, Ana. We use Python, Azure, and more.",
	}
	r.Learn(texts...)
	r.Prepare(texts...)
	want := []string{
		"Thanks, [Person 1]. Can you tell me about your role?",
		"Great, thanks [Person 1], so what happened next?",
		"[Person 1], one more thing: who signs the contract?",
		"Hi everyone, thanks, Great to be here.",
		"Thank you, Sir. Hello, I'm back. Hi Team.",
		"Good morning, [Person 2]! We will start.",
		"Thanks for joining, [Person 3]. We use Python, Azure, and more.",
	}
	for i, text := range texts {
		if got, _ := r.Redact(text); got != want[i] {
			t.Errorf("Redact(%q)\n got %q\nwant %q", text, got, want[i])
		}
	}
}

// A name found by a greeting or a title is spread to the file's other
// sentences also when a recogniser is set and tags none of them: the vote
// that checks a recogniser's guesses is not for it.
func TestGreetedNameSpreadsWithRecogniser(t *testing.T) {
	for _, tc := range []struct {
		name     string
		entities Entities
	}{
		{"no recogniser", nil},
		{"recogniser tags nothing", func(string) []Span { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Redactor{Pseudonyms: NewPseudonyms([]byte("k")), Entities: tc.entities}
			texts := []string{
				"Thanks, Maria.",
				"Then I asked Maria about the budget.",
				"So Maria said the board decides.",
				"We sent Maria the contract and Dr. Okafor signed it.",
				"Later Okafor called again.",
			}
			r.Learn(texts...)
			r.Prepare(texts...)
			want := []string{
				"Thanks, [Person 1].",
				"Then I asked [Person 1] about the budget.",
				"So [Person 1] said the board decides.",
				"We sent [Person 1] the contract and Dr. [Person 2] signed it.",
				"Later [Person 2] called again.",
			}
			for i, text := range texts {
				if got, _ := r.Redact(text); got != want[i] {
					t.Errorf("Redact(%q)\n got %q\nwant %q", text, got, want[i])
				}
			}
		})
	}
}

// A name the recogniser found in one file of a study is found in the
// study's next file too, where it does not tag it, through the keyed hash
// the pseudonyms keep (the original is not stored): the full name always,
// a single word unless the recogniser read it there in more sentences
// than one vote carries ("Canada", tagged once in the first file).
func TestNamesFoundInAnotherFileAreFoundAgain(t *testing.T) {
	first := map[string]Kind{"Priya Raman": Person, "Acme Corp.": Company, "Dana": Person, "Canada": Person,
		"Sean O'Brien": Person, "Åsa Berg": Person, "Роман Петров": Person}
	newRedactor := func(ps *Pseudonyms, tagged map[string]Kind) *Redactor {
		return &Redactor{Pseudonyms: ps, Kinds: []Kind{Person, Company}, Entities: func(text string) []Span {
			var out []Span
			for name, kind := range tagged {
				if i := strings.Index(text, name); i >= 0 {
					out = append(out, Span{i, i + len(name), kind})
				}
			}
			return out
		}}
	}
	ps := NewPseudonyms([]byte("k"))
	a := newRedactor(ps, first)
	fileA := []string{"I report to Priya Raman at Acme Corp. now.", "Ask Dana, she knows.", "We sell to Canada Lee.",
		"Then Sean O'Brien joined.", "Then Åsa Berg joined.", "Then Роман Петров joined."}
	a.Learn(fileA...)
	a.Prepare(fileA...)
	for _, text := range fileA {
		a.Redact(text)
	}
	// The next file starts from the stored mapping, as an ingest does.
	stored := NewPseudonyms([]byte("k"))
	stored.Restore(ps.Entries())
	b := newRedactor(stored, nil) // the recogniser misses every name here
	fileB := []string{
		"Priya Raman signed it. Then Priya left.",
		"Acme Corp. is slow.",
		"Dana called.",
		"Sales in Canada grew.", "Our team in Canada is small.", "Then Canada changed the rules.",
		"Raman is a surname here too.",
		"He said “Priya Raman signed it” and left.",
		"Priya Raman's team signed. Sean O'Brien's too.",
		"Åsa Berg called, then Роман Петров.",
	}
	b.Learn(fileB...)
	b.Prepare(fileB...)
	want := []string{
		"[Person 1] signed it. Then [Person 1] left.",
		"[Company 1] is slow.",
		"[Person 2] called.",
		"Sales in Canada grew.", "Our team in Canada is small.", "Then Canada changed the rules.",
		"[Person 1] is a surname here too.",
		"He said “[Person 1] signed it” and left.",
		"[Person 1]'s team signed. [Person 4]'s too.",
		"[Person 5] called, then [Person 6].",
	}
	for i, text := range fileB {
		if got, _ := b.Redact(text); got != want[i] {
			t.Errorf("Redact(%q)\n got %q\nwant %q", text, got, want[i])
		}
	}
	// A file that says only a part of a name finds the part by its stored
	// hash when another file replaced that part alone ("Then Priya left."
	// in fileB), and gives it the full name's pseudonym. A part no file
	// replaced alone ("Sean", "Acme") is not carried: it was only ever
	// seen inside the full name, which is weaker evidence than a file's
	// own finding.
	after := NewPseudonyms([]byte("k"))
	after.Restore(stored.Entries())
	c := newRedactor(after, nil)
	fileC := []string{"Priya left early.", "Then Sean called.", "Acme is slow."}
	c.Learn(fileC...)
	c.Prepare(fileC...)
	wantC := []string{"[Person 1] left early.", "Then Sean called.", "Acme is slow."}
	for i, text := range fileC {
		if got, _ := c.Redact(text); got != wantC[i] {
			t.Errorf("Redact(%q) after only a part was said\n got %q\nwant %q", text, got, wantC[i])
		}
	}
	// The same within one live mapping (files of one upload share it).
	d := newRedactor(stored, nil)
	d.Learn(fileC...)
	d.Prepare(fileC...)
	for i, text := range fileC {
		if got, _ := d.Redact(text); got != wantC[i] {
			t.Errorf("Redact(%q) with the live mapping\n got %q\nwant %q", text, got, wantC[i])
		}
	}
}
