package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/search"
)

const beforeRedaction = `Interviewer: Thanks for joining. How did you choose your current tool?
Dana Ortiz: I am Dana Ortiz, head of support at our clinic. We picked it because the price was fair for a team of our size. Write to me at dana.ortiz@example.com if you need the numbers.
Interviewer: And the onboarding?
Dana Ortiz: Honestly the onboarding was painful and nobody trained us, so I called +44 20 7946 0958 every week.
`

// hits counts the study's quotes a query finds.
func hits(t *testing.T, a *App, studyID int64, text string) int {
	t.Helper()
	m, err := search.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Search(context.Background(), search.Query{Match: m, Filters: map[string][]string{"study": {strconv.FormatInt(studyID, 10)}}, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	return int(res.Total)
}

// Text stored before redaction was on is redacted by the pass: the e-mail,
// the phone and the name are no longer searchable or stored, the file's
// name no longer names her, and codings stay on their quotes.
func TestRedactStoredHidesWhatCameBefore(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.CreateStudy(ctx, "privacy later")
	if err != nil {
		t.Fatal(err)
	}
	res := a.IngestWith(ctx, st.ID, "interview-dana-ortiz.txt", strings.NewReader(beforeRedaction), IngestOptions{Force: true})
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	secrets := []string{`"dana.ortiz@example.com"`, "ortiz", "7946"}
	for _, s := range secrets {
		if hits(t, a, st.ID, s) == 0 {
			t.Fatalf("%s is not searchable before redaction; the test proves nothing", s)
		}
	}
	if _, err := a.RedactStored(ctx, st.ID); !errors.Is(err, persona.ErrInvalid) {
		t.Errorf("a pass on a study that does not redact: %v; want refused", err)
	}
	code, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "contact"})
	if err != nil {
		t.Fatal(err)
	}
	q, ok := quoteWith(t, a, res.SourceID, "dana.ortiz@example.com")
	if !ok {
		t.Fatal("no quote holds the e-mail")
	}
	if _, err := a.CodeQuote(ctx, q.ID, code.ID, Actor{ID: 7, Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	if err := a.EnableRedaction(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	pass, err := a.RedactStored(ctx, st.ID)
	if err != nil || pass.Changed != 1 || pass.Done != 1 || pass.Running {
		t.Fatalf("pass %+v %v; want the one source changed", pass, err)
	}
	a.WaitAnalyses()
	for _, s := range secrets {
		if n := hits(t, a, st.ID, s); n != 0 {
			t.Errorf("%s still finds %d quotes after the pass", s, n)
		}
	}
	if hits(t, a, st.ID, "onboarding") == 0 {
		t.Errorf("the rest of the text is no longer searchable")
	}
	src, err := a.store.Source(ctx, res.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(src.Name), "dana") || strings.Contains(strings.ToLower(src.Name), "ortiz") || !strings.Contains(src.Name, "[Person") {
		t.Errorf("source name %q still names her", src.Name)
	}
	stored := []string{src.Name}
	turns, _ := a.store.Turns(ctx, src.ID)
	for _, t := range turns {
		stored = append(stored, t.Speaker, t.Text)
	}
	quotes, _ := a.store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID})
	for _, qq := range quotes {
		stored = append(stored, qq.Text, qq.Question)
		for _, tok := range qq.Tokens {
			stored = append(stored, tok.Text)
		}
		if tt := turnText(turns, qq.TurnID); qq.End > len(tt) || tt[qq.Start:qq.End] != qq.Text {
			t.Errorf("quote %d's offsets [%d,%d) no longer index its turn", qq.ID, qq.Start, qq.End)
		}
	}
	parts, _ := a.store.Participants(ctx, store.ParticipantFilter{SourceID: src.ID})
	for _, p := range parts {
		stored = append(stored, p.Label)
	}
	un, _ := a.UnplacedCodings(ctx, st.ID, Actor{ID: 7})
	for _, u := range un {
		stored = append(stored, u.Text)
	}
	all := strings.ToLower(strings.Join(stored, "\n"))
	for _, s := range []string{"dana", "ortiz", "example.com", "7946"} {
		if strings.Contains(all, s) {
			t.Errorf("%q is still stored after the pass", s)
		}
	}
	cs, err := a.store.Codings(ctx, store.CodingFilter{StudyID: st.ID})
	if err != nil || len(cs) != 1 || cs[0].QuoteID != q.ID {
		t.Errorf("codings after the pass %+v %v; want ann's on quote %d", cs, err, q.ID)
	}
	if len(un) != 0 {
		t.Errorf("the pass left codings unplaced: %+v", un)
	}
	if err := a.CheckIndex(ctx); err != nil {
		t.Errorf("index and database differ after the pass: %v", err)
	}
}

func turnText(turns []persona.Turn, id int64) string {
	for _, t := range turns {
		if t.ID == id {
			return t.Text
		}
	}
	return ""
}
