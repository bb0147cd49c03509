package app

import (
	"context"
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
