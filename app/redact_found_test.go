package app

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/redact"
)

// The recogniser names "Acme Corp" once; the file says "Acme" alone
// before and after it, where the recogniser sees no name. Every "Acme"
// must go, from the stored turns, the quotes, the index and the quotes
// export, and as one pseudonym.
const companyOnceThenAlone = `Interviewer: Thanks for joining. Which vendor did you use before?
Buyer: Honestly the support at Acme was terrible, nobody answered our tickets for weeks.
Interviewer: What happened next?
Buyer: We moved off Acme Corp last year because it was slow and the invoices kept failing every month.
Interviewer: And today?
Buyer: Acme still sends us renewal reminders every quarter, which is annoying because we cancelled the contract.
`

func TestCompanyNamedOnceIsHiddenWhereItsPartIsSaidAlone(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.CreateStudy(ctx, "vendors")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetPrivacy(ctx, persona.Privacy{StudyID: st.ID, Redact: true, Kinds: []redact.Kind{redact.Person, redact.Company}}); err != nil {
		t.Fatal(err)
	}
	res := a.IngestWith(ctx, st.ID, "call.txt", strings.NewReader(companyOnceThenAlone), IngestOptions{Force: true})
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	a.WaitAnalyses()
	if n := hits(t, a, st.ID, "acme"); n != 0 {
		t.Errorf("search for acme finds %d quotes", n)
	}
	if hits(t, a, st.ID, "invoices") == 0 {
		t.Errorf("the rest of the text is no longer searchable")
	}
	turns, err := a.store.Turns(ctx, res.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]bool{}
	for _, tu := range turns {
		if strings.Contains(strings.ToLower(tu.Text), "acme") {
			t.Errorf("stored turn still says it: %q", tu.Text)
		}
		if tu.Speaker == "Buyer" {
			for _, f := range strings.SplitAfter(tu.Text, "]") {
				if i := strings.LastIndex(f, "["); i >= 0 {
					labels[f[i:]] = true
				}
			}
		}
	}
	if len(labels) != 1 {
		t.Errorf("the buyer's turns show %v; want the one pseudonym for Acme Corp and Acme", labels)
	}
	var exported strings.Builder
	if err := a.ExportQuotes(ctx, st.ID, func(q ExportQuote) error {
		exported.WriteString(strings.Join(q.Row(), ",") + "\n")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if exported.Len() == 0 {
		t.Fatal("no quote exported; the test proves nothing")
	}
	if strings.Contains(strings.ToLower(exported.String()), "acme") {
		t.Errorf("the quotes export still says acme:\n%s", exported.String())
	}
}

// The interviewer's own words pass through the same redaction: the buyer
// they thank by name (a name no speaker label gives, which the recogniser
// misses) is not in the stored turns, the questions quotes carry, the
// index, the quotes export or the REFI-QDA project's source text.
const thankedByName = `Interviewer: Thanks for joining, Maria. How did you choose your current invoicing tool?
Buyer: We picked it because the price was fair for a clinic of our size and the onboarding took one afternoon.
Interviewer: Great, thanks Maria, so what would make you switch?
Buyer: Honestly only a tool that reconciles the bank feed without me exporting spreadsheets every single week.
`

func TestInterviewerWordsAreRedactedToo(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, err := a.CreateStudy(ctx, "thanked")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.EnableRedaction(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	res := a.IngestWith(ctx, st.ID, "call.txt", strings.NewReader(thankedByName), IngestOptions{Force: true})
	if res.Status != StatusOK {
		t.Fatalf("ingest: %+v", res)
	}
	a.WaitAnalyses()
	if n := hits(t, a, st.ID, "maria"); n != 0 {
		t.Errorf("search for maria finds %d quotes", n)
	}
	var all strings.Builder
	turns, err := a.store.Turns(ctx, res.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tu := range turns {
		all.WriteString(tu.Speaker + ": " + tu.Text + " | " + tu.Question + "\n")
	}
	questions := 0
	if err := a.ExportQuotes(ctx, st.ID, func(q ExportQuote) error {
		if q.Question != "" {
			questions++
		}
		all.WriteString(strings.Join(q.Row(), ",") + "\n")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if questions == 0 {
		t.Fatal("no exported quote carries the interviewer's question; the test proves nothing")
	}
	var qdpx bytes.Buffer
	if err := a.ExportQDPX(ctx, st.ID, &qdpx); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(qdpx.Bytes()), int64(qdpx.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		all.Write(b)
	}
	if strings.Contains(strings.ToLower(all.String()), "maria") {
		t.Errorf("the interviewer's words still name her:\n%s", all.String())
	}
	if !strings.Contains(all.String(), "Thanks for joining, [Person 1].") {
		t.Errorf("want the interviewer's thanks with her pseudonym; got:\n%s", all.String())
	}
}
