package app

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/qdpx"
	"github.com/verbatimhq/verbatim/persona/store"
	"github.com/verbatimhq/verbatim/samples"
)

// coderCoding is one coding as a reader of two studies can compare it:
// coder name, code name and the quote's text.
type coderCoding struct{ coder, code, text string }

func studyCodings(t *testing.T, a *App, studyID int64) map[coderCoding]bool {
	t.Helper()
	ctx := context.Background()
	byID, _, err := a.studyCodes(ctx, studyID)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := a.store.Codings(ctx, store.CodingFilter{StudyID: studyID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[coderCoding]bool{}
	for _, c := range cs {
		q, err := a.store.Quote(ctx, c.QuoteID)
		if err != nil {
			t.Fatal(err)
		}
		out[coderCoding{c.Coder, byID[c.CodeID].Name, q.Text}] = true
	}
	return out
}

// coded is a coding a test makes: by whom, which of its quotes, which code.
type coded struct {
	by   Actor
	q    int
	code int64
}

// codeQuotes makes each coding on the quotes q.
func codeQuotes(t *testing.T, a *App, q []persona.Quote, cs []coded) {
	t.Helper()
	for _, c := range cs {
		if _, err := a.CodeQuote(context.Background(), q[c.q].ID, c.code, c.by); err != nil {
			t.Fatal(err)
		}
	}
}

// qdpxCopy exports the study as .qdpx and imports the file into a study
// "copy" in a fresh data directory: the file as read back, the App and
// study it went into and the import's result.
func qdpxCopy(t *testing.T, a *App, studyID int64) (*qdpx.Project, *App, persona.Study, FileResult) {
	t.Helper()
	ctx := context.Background()
	var buf bytes.Buffer
	if err := a.ExportQDPX(ctx, studyID, &buf); err != nil {
		t.Fatal(err)
	}
	p, err := qdpx.Read(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	cp, err := b.CreateStudy(ctx, "copy")
	if err != nil {
		t.Fatal(err)
	}
	return p, b, cp, b.Ingest(ctx, cp.ID, "study.qdpx", bytes.NewReader(buf.Bytes()))
}

// The .qdpx export carries the codebook (codes with definitions and
// criteria, under their rings) and each researcher's codings with the
// coder as the REFI-QDA user; importing it brings both back.
func TestQDPXCarriesTheCodebookAndResearchersCodings(t *testing.T) {
	// Two of the demo's interviews, not analysed: the codings go on one
	// source's quotes, and the other's text travels without any (the
	// whole analysed demo made the export and import a study of 14
	// sources and a survey, which cost most of the test under -race).
	a, st := freshStudy(t, "qdpx")
	ctx := context.Background()
	for _, name := range []string{"interviews/01-dana-whitfield-brightlane.txt", "interviews/11-jess-tran-pebblecart.txt"} {
		b, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if res := a.Ingest(ctx, st.ID, path.Base(name), bytes.NewReader(b)); res.Status != StatusOK {
			t.Fatalf("ingest %s: %+v", name, res)
		}
	}
	x, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Price pressure", Ring: "barriers", Definition: "Cost named as an obstacle.",
		WhenToUse: "Price, budget, cost.", WhenNotToUse: "Value for money praised."})
	if err != nil {
		t.Fatal(err)
	}
	y, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Trust", Definition: "Whether the vendor is believed."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateCode(ctx, st.ID, CodeInput{Name: "Unused code"}); err != nil {
		t.Fatal(err)
	}
	ann, bob := Actor{ID: 11, Name: "ann"}, Actor{ID: 12, Name: "bob"}
	q := sourceQuotes(t, a, st.ID, 3)
	codeQuotes(t, a, q, []coded{{ann, 0, x.ID}, {ann, 1, y.ID}, {ann, 2, x.ID}, {bob, 0, y.ID}, {bob, 1, y.ID}, {bob, 0, x.ID}})
	if _, err := a.Settle(ctx, q[0].ID, ann.ID, bob.ID, persona.SettleFirst, ann); err != nil {
		t.Fatal(err)
	}
	want := studyCodings(t, a, st.ID)
	if len(want) != 7 { // 6 codings and the consensus X on q0
		t.Fatalf("study codings %v; want 7", want)
	}

	p, b, cp, res := qdpxCopy(t, a, st.ID)
	users := map[string]string{}
	for _, u := range p.Users {
		users[u.GUID] = u.Name
	}
	inFile := map[coderCoding]bool{}
	names := map[string]string{}
	qdpx.Walk(p.Codes, func(c qdpx.Code, _ []qdpx.Code) { names[c.GUID] = c.Name })
	for _, s := range p.Sources {
		runes := []rune(s.Text)
		for _, sel := range s.Selections {
			for i, code := range sel.CodeGUIDs {
				if u := sel.CoderOf(i); u != "" {
					inFile[coderCoding{users[u], names[code], string(runes[sel.Start:sel.End])}] = true
				}
			}
		}
	}
	if len(inFile) != len(want) {
		t.Errorf("the file holds %d researchers' codings %v; want %d", len(inFile), inFile, len(want))
	}
	for c := range want {
		if !inFile[c] {
			t.Errorf("the file lacks %+v (the selection must be the quote's exact text)", c)
		}
	}

	if res.Status != StatusOK {
		t.Fatalf("import: %+v", res)
	}
	_, codes, err := b.studyCodes(ctx, cp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 3 {
		t.Errorf("imported codebook %+v; want the 3 codes", codes)
	}
	for _, c := range codes {
		if c.Name == x.Name && (c.Ring != persona.RingBarriers || c.Definition != x.Definition || c.WhenToUse != x.WhenToUse || c.WhenNotToUse != x.WhenNotToUse) {
			t.Errorf("imported %+v; want %+v", c, x)
		}
	}
	got := studyCodings(t, b, cp.ID)
	if len(got) != len(want) {
		t.Errorf("imported codings %v; want %v", got, want)
	}
	for c := range want {
		if !got[c] {
			t.Errorf("the import lost %+v", c)
		}
	}
	rep, err := b.Agreement(ctx, cp.ID, Actor{ID: 99})
	if err != nil {
		t.Fatal(err)
	}
	pair := false
	for _, c := range rep.Comparisons {
		pair = pair || len(c.Coders) == 2 && c.Coders[0].Name == "ann" && c.Coders[1].Name == "bob" && c.Units == 3
	}
	if !pair {
		t.Errorf("the imported coders are not compared as two researchers over 3 quotes: %+v", rep.Comparisons)
	}
}
