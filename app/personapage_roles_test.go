package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/store"
)

// A persona page shows the roles its members state about themselves,
// each with one quote per member saying it, from a member; a quote a
// researcher hides leaves the page (and its role, when it was the only
// one) before the next analysis.
func TestPersonaPageStatedRoles(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	ps, err := a.Personas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	var page PersonaPage
	for _, p := range ps {
		if page, err = a.PersonaPage(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if len(page.Roles) > 0 {
			break
		}
	}
	if len(page.Roles) == 0 {
		t.Fatal("no demo persona shows a stated role; its interviewees introduce themselves")
	}
	members := map[string]bool{}
	for _, m := range page.Participants {
		members[m.Label] = true
	}
	for _, r := range page.Roles {
		if r.N != len(r.Quotes) || r.Of != page.Persona.Size {
			t.Errorf("role %q: n %d of %d, %d quotes; want n = quotes, of = persona size %d", r.Role, r.N, r.Of, len(r.Quotes), page.Persona.Size)
		}
		for _, q := range r.Quotes {
			last := strings.Fields(r.Role)
			if !members[q.Participant] || !strings.Contains(strings.ToLower(q.Text), strings.ToLower(last[len(last)-1])) {
				t.Errorf("role %q: quote %d %q by %q, not a member saying it", r.Role, q.ID, q.Text, q.Participant)
			}
		}
	}
	last := page.Roles[len(page.Roles)-1]
	hidden := last.Quotes[0].ID
	if _, err := a.EditQuote(ctx, hidden, QuoteEdit{Hidden: ptrTo(true)}); err != nil {
		t.Fatal(err)
	}
	after, err := a.PersonaPage(ctx, page.Persona.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range after.Roles {
		if slices.ContainsFunc(r.Quotes, func(q QuoteRef) bool { return q.ID == hidden }) {
			t.Errorf("hidden quote %d still shown for role %q", hidden, r.Role)
		}
		if r.Role == last.Role && r.N != last.N-1 {
			t.Errorf("role %q: n %d after hiding one of its %d quotes", r.Role, r.N, last.N)
		}
	}
	// Nor in the persona the JSON API gives, on the page or in the list.
	listed, err := a.Personas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(listed, after.Persona) {
		for _, r := range p.Roles {
			if slices.Contains(r.QuoteIDs, hidden) {
				t.Errorf("persona %d: role %q still lists hidden quote %d", p.ID, r.Role, hidden)
			}
		}
	}
}

func ptrTo[T any](v T) *T { return &v }

// A role shown is told from the quote text shown: after a redaction pass
// rewrites a quote (and before the next analysis), the role the analysis
// told from the original text, which may hold a name the pass removed, is
// no longer shown with it; every word of a shown role is in each of its
// quotes as stored now.
func TestPersonaPageStatedRolesFollowRedactedText(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	ps, err := a.Personas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	// A role of two words or more, so that removing one is seen.
	var page PersonaPage
	var role StatedRole
	for _, p := range ps {
		if page, err = a.PersonaPage(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Roles {
			if len(strings.Fields(r.Role)) >= 2 {
				role = r
			}
		}
		if role.Role != "" {
			break
		}
	}
	if role.Role == "" {
		t.Fatal("no demo persona shows a stated role of two words or more")
	}
	words := strings.Fields(role.Role)
	head := words[len(words)-1]
	target := role.Quotes[0]
	src, err := a.store.Source(ctx, target.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{SourceID: src.ID})
	if err != nil {
		t.Fatal(err)
	}
	// What a pass leaves of "I am the Initech <role>": the words before
	// the head are a company's name, now a pseudonym.
	redacted := "I am the [Company 1] " + head + " here."
	for i := range quotes {
		if quotes[i].ID == target.ID {
			quotes[i].Text = redacted
		}
	}
	if err := a.store.RewriteSource(ctx, src, nil, nil, quotes); err != nil {
		t.Fatal(err)
	}
	after, err := a.PersonaPage(ctx, page.Persona.ID)
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]bool{}
	for _, r := range after.Roles {
		shown[r.Role] = true
		if r.N != len(r.Quotes) {
			t.Errorf("role %q: n %d, %d quotes", r.Role, r.N, len(r.Quotes))
		}
		for _, q := range r.Quotes {
			text := strings.ToLower(strings.ReplaceAll(q.Text, "’", "'"))
			for _, w := range strings.Fields(strings.ToLower(r.Role)) {
				if !strings.Contains(text, w) {
					t.Errorf("role %q shown with quote %d %q, which no longer says %q", r.Role, q.ID, q.Text, w)
				}
			}
		}
	}
	// The persona the JSON API and its export give carries the same roles.
	listed, err := a.Personas(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(listed, after.Persona) {
		if p.ID != page.Persona.ID {
			continue
		}
		for _, r := range p.Roles {
			if !shown[r.Role] {
				t.Errorf("persona %d carries role %q, not one the page shows (%v)", p.ID, r.Role, shown)
			}
		}
	}
}
