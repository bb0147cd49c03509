package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// namedInterview names its buyer in the labels and in the text, with an
// e-mail address, a phone number and a profile URL.
const namedInterview = `Maya Chen  0:01
Hi Dana, thanks for joining. How do you handle invoices today?

Dana Ortiz  0:09
We keep everything in spreadsheets and it breaks every quarter. Write to me at dana.ortiz@acme.io or call +1 415 555 0199 if you need the files.

Maya Chen  0:30
Would a tool help? What would make you switch?

Dana Ortiz  0:35
My manager Priya Raman decides, she posts at linkedin.com/in/priya-raman-42 about it. We tried QuickBooks but it was far too expensive for a team of four.
`

const namedSurvey = `id,role,What frustrates you about invoicing?
r1,Finance,Chasing late payers by hand takes hours every week. Email me at kim@example.org with questions.
r2,Owner,The reports are slow and nobody trusts the numbers we send to the bank.
`

func buildRedacted(t *testing.T, name, text string, red *Redaction) (*persona.Import, []persona.Original) {
	t.Helper()
	doc, err := Parse(name, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return BuildWith(name, []byte(text), doc, nlp.Shared(), red)
}

// stored is everything of an import that is stored, shown, indexed or
// exported.
func stored(imp *persona.Import) string {
	var b strings.Builder
	for _, p := range imp.Participants {
		b.WriteString(p.Label + "\n")
		for k, v := range p.Attributes {
			b.WriteString(k + "=" + v + "\n")
		}
	}
	for _, t := range imp.Turns {
		b.WriteString(t.Speaker + ": " + t.Text + "\n")
	}
	for _, q := range imp.Quotes {
		b.WriteString(q.Text + " | " + q.Question + "\n")
	}
	return b.String()
}

func TestBuildWithRedactsBeforeQuotesAreCut(t *testing.T) {
	ents := nlp.Shared().Entities
	for _, tc := range []struct {
		name, file, text string
		kinds            []redact.Kind
		keep             bool
		gone, kept       []string // originals that must not / must remain
		wantOriginals    []string
	}{
		{name: "transcript, default kinds, originals kept", file: "otter.txt", text: namedInterview, keep: true,
			gone:          []string{"Dana", "Ortiz", "Maya Chen", "dana.ortiz@acme.io", "555 0199", "linkedin.com/in/priya-raman-42", "Priya"},
			kept:          []string{"QuickBooks", "spreadsheets"},
			wantOriginals: []string{"Dana Ortiz", "Maya Chen", "dana.ortiz@acme.io"}},
		{name: "transcript, e-mail only", file: "otter.txt", text: namedInterview, kinds: []redact.Kind{redact.Email},
			gone: []string{"dana.ortiz@acme.io"},
			kept: []string{"Dana Ortiz", "Maya Chen", "+1 415 555 0199"}},
		{name: "survey", file: "survey.csv", text: namedSurvey,
			gone: []string{"kim@example.org"},
			kept: []string{"r1", "Finance", "Chasing late payers"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain, _ := buildRedacted(t, tc.file, tc.text, nil)
			ps := redact.NewPseudonyms([]byte("study secret"))
			red := &Redaction{Redactor: &redact.Redactor{Pseudonyms: ps, Kinds: tc.kinds, Entities: ents}, KeepOriginals: tc.keep}
			imp, originals := buildRedacted(t, tc.file, tc.text, red)
			all := stored(imp)
			for _, s := range tc.gone {
				if strings.Contains(all, s) {
					t.Errorf("%q is still stored:\n%s", s, all)
				}
			}
			for _, s := range tc.kept {
				if !strings.Contains(all, s) {
					t.Errorf("%q was redacted but should stay:\n%s", s, all)
				}
			}
			if len(imp.Quotes) == 0 || len(imp.Quotes) != len(plain.Quotes) {
				t.Errorf("%d quotes redacted vs %d plain", len(imp.Quotes), len(plain.Quotes))
			}
			for i, p := range imp.Participants {
				if p.Interviewer != plain.Participants[i].Interviewer {
					t.Errorf("participant %d (%s): interviewer %v, unredacted %v", i, p.Label, p.Interviewer, plain.Participants[i].Interviewer)
				}
			}
			for _, q := range imp.Quotes {
				if imp.Turns[q.TurnID].Text[q.Start:q.End] != q.Text {
					t.Errorf("quote %q is not its turn's text at [%d,%d)", q.Text, q.Start, q.End)
				}
				if imp.Turns[q.TurnID].Speaker != imp.Participants[q.ParticipantID].Label {
					t.Errorf("turn speaker %q, participant label %q", imp.Turns[q.TurnID].Speaker, imp.Participants[q.ParticipantID].Label)
				}
			}
			var got []string
			for _, o := range originals {
				got = append(got, o.Original)
				if !strings.HasPrefix(o.Label, "[") || !strings.Contains(all, o.Label) {
					t.Errorf("original %q kept under %q, a label the import does not show", o.Original, o.Label)
				}
			}
			for _, w := range tc.wantOriginals {
				if !slices.Contains(got, w) {
					t.Errorf("originals %q lack %q", got, w)
				}
			}
			if !tc.keep && len(originals) != 0 {
				t.Errorf("originals returned without KeepOriginals: %v", got)
			}
			// Entries hold hashes, never an original.
			for _, e := range ps.Entries() {
				for _, s := range tc.gone {
					if strings.Contains(e.Hash, s) {
						t.Errorf("entry %+v holds %q", e, s)
					}
				}
			}
		})
	}
}

func TestBuildWithSamePersonSamePseudonymAcrossFiles(t *testing.T) {
	ps := redact.NewPseudonyms([]byte("k"))
	red := &Redaction{Redactor: &redact.Redactor{Pseudonyms: ps}}
	a, _ := buildRedacted(t, "a.txt", namedInterview, red)
	other := strings.ReplaceAll(namedInterview, "Maya Chen", "Leo Park")
	b, _ := buildRedacted(t, "b.txt", other+"\n", red)
	label := func(imp *persona.Import, interviewer bool) string {
		for _, p := range imp.Participants {
			if p.Interviewer == interviewer {
				return p.Label
			}
		}
		return ""
	}
	if la, lb := label(a, false), label(b, false); la != lb || !strings.HasPrefix(la, "[Person ") {
		t.Errorf("Dana Ortiz is %q in one file and %q in the other", la, lb)
	}
	if la, lb := label(a, true), label(b, true); la == lb {
		t.Errorf("Maya Chen and Leo Park share the pseudonym %q", la)
	}
}
