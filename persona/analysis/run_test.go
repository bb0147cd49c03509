package analysis

import (
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// themeInput builds a study from testdata/themes.csv: every quote is a
// researcher-set barrier (so only clustering is under test), participants
// 1-6 are RevOps managers at SaaS firms and 7-12 IT directors in
// healthcare.
func themeInput(t testing.TB) Input {
	f, err := os.Open("testdata/themes.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	in := Input{StudyID: 1, Options: Options{Seed: 1}, SourceNames: map[int64]string{}}
	for i, row := range rows[1:] {
		pid, _ := strconv.ParseInt(row[0], 10, 64)
		ring := persona.RingBarriers
		if strings.Contains(row[1], "save time") {
			ring = persona.RingSuccess
		}
		in.Quotes = append(in.Quotes, persona.Quote{ID: int64(100 + i), StudyID: 1, SourceID: pid,
			ParticipantID: pid, Kind: persona.KindTranscript, Text: row[1],
			Tokens: nlp.Shared().Tag(row[1]), Ring: ring, RingSet: true})
	}
	for p := int64(1); p <= 12; p++ {
		attrs := map[string]string{"role": "RevOps manager", "industry": "SaaS"}
		if p > 6 {
			attrs = map[string]string{"role": "IT director", "industry": "Healthcare"}
		}
		in.Participants = append(in.Participants, persona.Participant{ID: p, StudyID: 1, SourceID: p,
			Label: "P" + strconv.FormatInt(p, 10), Attributes: attrs})
		in.SourceNames[p] = "interview-" + strconv.FormatInt(p, 10) + ".txt"
	}
	return in
}

func mustRun(t testing.TB, in Input) *persona.Analysis {
	t.Helper()
	a, err := Run(in)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// themeWith returns the theme holding quote id, or nil.
func themeWith(a *persona.Analysis, id int64) *persona.Theme {
	for i := range a.Themes {
		if slices.Contains(a.Themes[i].QuoteIDs, id) {
			return &a.Themes[i]
		}
	}
	return nil
}

// TestThemes checks that price and security-review objections come out as
// two separate, recurring barrier themes with telling labels.
func TestThemes(t *testing.T) {
	a := mustRun(t, themeInput(t))
	price, sec := themeWith(a, 100), themeWith(a, 106)
	if price == nil || sec == nil || price.ID == sec.ID {
		t.Fatalf("price and security quotes share a theme or have none: %+v", a.Themes)
	}
	for _, tc := range []struct {
		th         *persona.Theme
		ids        []int64
		wantPhrase string
	}{
		{price, []int64{100, 101, 102, 103, 104, 105}, "price"},
		{sec, []int64{106, 107, 108, 109, 110, 111}, "security"},
	} {
		for _, id := range tc.ids {
			if !slices.Contains(tc.th.QuoteIDs, id) {
				t.Errorf("theme %q lacks quote %d: %v", tc.th.Label, id, tc.th.QuoteIDs)
			}
		}
		if !strings.Contains(tc.th.Label, tc.wantPhrase) || !tc.th.Recurring || tc.th.Of != 12 {
			t.Errorf("theme %+v; want label with %q, recurring, of 12", *tc.th, tc.wantPhrase)
		}
		if len(tc.th.TopQuoteIDs) == 0 || len(tc.th.TopQuoteIDs) > tc.th.Participants {
			t.Errorf("theme %q top quotes %v; want 1..%d (one per participant)", tc.th.Label, tc.th.TopQuoteIDs, tc.th.Participants)
		}
	}
	if got := len(a.Labels); got != 14 {
		t.Errorf("labels = %d; want 14", got)
	}
}

// TestPersonas checks that two obvious groups (by attributes and themes)
// become two personas with the right members and names.
func TestPersonas(t *testing.T) {
	a := mustRun(t, themeInput(t))
	var got [][]int64
	for _, p := range a.Personas {
		got = append(got, p.ParticipantIDs)
		if p.Size != len(p.ParticipantIDs) || len(p.Distinct) == 0 {
			t.Errorf("persona %q: size %d, distinct %v", p.Name, p.Size, p.Distinct)
		}
	}
	want := [][]int64{{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("persona members (-want +got):\n%s", diff)
	}
	if len(a.Personas) == 2 && !strings.HasPrefix(a.Personas[0].Name, "RevOps manager in SaaS") {
		t.Errorf("persona name %q; want it to start with the dominant role and industry", a.Personas[0].Name)
	}
}

// TestSmallStudyOnePersona: under six buyers everyone is one persona.
func TestSmallStudyOnePersona(t *testing.T) {
	in := themeInput(t)
	in.Participants = in.Participants[:4]
	a := mustRun(t, in)
	if len(a.Personas) != 1 || a.Personas[0].Size != 4 {
		t.Errorf("personas = %+v; want one of size 4", a.Personas)
	}
}

// TestEditsSurviveRerun re-runs the analysis with researcher edits and
// checks each is honoured.
func TestEditsSurviveRerun(t *testing.T) {
	base := themeInput(t)
	first := mustRun(t, base)
	price, sec := themeWith(first, 100), themeWith(first, 106)
	if price == nil || sec == nil {
		t.Fatal("no themes to edit")
	}
	tests := []struct {
		name  string
		edits []persona.Edit
		check func(t *testing.T, a *persona.Analysis)
	}{
		{"rename", []persona.Edit{{Kind: persona.EditRenameTheme, ThemeQuotes: [][]int64{price.QuoteIDs}, Label: "Seat pricing"}},
			func(t *testing.T, a *persona.Analysis) {
				if th := themeWith(a, 100); th == nil || th.Label != "Seat pricing" || !th.LabelSet {
					t.Errorf("renamed theme = %+v", th)
				}
			}},
		{"hide", []persona.Edit{{Kind: persona.EditHideQuote, QuoteIDs: []int64{101}}},
			func(t *testing.T, a *persona.Analysis) {
				total := 0
				for _, th := range a.Themes {
					total += th.Quotes
					if slices.Contains(th.TopQuoteIDs, 101) {
						t.Errorf("hidden quote among top quotes of %q", th.Label)
					}
				}
				if themeWith(a, 101) != nil || total != len(base.Quotes)-1 {
					t.Errorf("hidden quote still counted: %d quotes in themes; want %d", total, len(base.Quotes)-1)
				}
				if l := a.Labels[1]; !l.Hidden || l.ThemeIndex != -1 {
					t.Errorf("label of hidden quote = %+v", l)
				}
			}},
		{"merge", []persona.Edit{{Kind: persona.EditMergeThemes, ThemeQuotes: [][]int64{price.QuoteIDs, sec.QuoteIDs}, Label: "Cost and risk"}},
			func(t *testing.T, a *persona.Analysis) {
				th := themeWith(a, 100)
				if th == nil || th != themeWith(a, 106) || th.Label != "Cost and risk" {
					t.Errorf("merged theme = %+v", th)
				}
			}},
		{"split", []persona.Edit{{Kind: persona.EditSplitTheme, ThemeQuotes: [][]int64{price.QuoteIDs}, QuoteIDs: []int64{102, 103}, Label: "Price rises"}},
			func(t *testing.T, a *persona.Analysis) {
				th := themeWith(a, 102)
				if th == nil || th.Label != "Price rises" || th != themeWith(a, 103) || th == themeWith(a, 100) {
					t.Errorf("split theme = %+v", th)
				}
			}},
		{"pin", []persona.Edit{{Kind: persona.EditPinQuote, ThemeQuotes: [][]int64{price.QuoteIDs}, QuoteIDs: []int64{105}}},
			func(t *testing.T, a *persona.Analysis) {
				if th := themeWith(a, 105); th == nil || th.TopQuoteIDs[0] != 105 || !a.Labels[5].Pinned {
					t.Errorf("pinned theme = %+v", th)
				}
			}},
		{"rename persona", []persona.Edit{{Kind: persona.EditRenamePersona, PersonaParticipants: []int64{7, 8, 9, 10, 11}, Label: "Gatekeeper", Notes: "IT"}},
			func(t *testing.T, a *persona.Analysis) {
				if !slices.ContainsFunc(a.Personas, func(p persona.Profile) bool {
					return p.Name == "Gatekeeper" && p.NameSet && p.Notes == "IT" && slices.Contains(p.ParticipantIDs, 7)
				}) {
					t.Errorf("personas = %+v", a.Personas)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			in.Edits = tc.edits
			tc.check(t, mustRun(t, in))
		})
	}
}

// TestDeterministic: the same input gives the same output.
func TestDeterministic(t *testing.T) {
	in := themeInput(t)
	a, b := mustRun(t, in), mustRun(t, in)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ (-first +second):\n%s", diff)
	}
	g := generate(2000, 40, 7)
	if diff := cmp.Diff(mustRun(t, g), mustRun(t, g)); diff != "" {
		t.Errorf("two generated runs differ (-first +second):\n%s", diff)
	}
}

// TestRunRejectsDuplicateQuotes: quote ids must be unique.
func TestRunRejectsDuplicateQuotes(t *testing.T) {
	in := themeInput(t)
	in.Quotes = append(in.Quotes, in.Quotes[0])
	if _, err := Run(in); err == nil {
		t.Error("Run with a duplicate quote id succeeded; want an error")
	}
}
