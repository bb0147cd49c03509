package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// changeCase is a write through the API and what the reads made after it
// must show. The reads are made once before the write, so every cache
// (persona pages and their JSON, themes, personas, survey sizing) holds
// the old state when the write comes.
type changeCase struct {
	name string
	// write changes the study through the API; it may note what it
	// changed for check.
	write func(t *testing.T, r *rig, f *changeFixture)
	check func(t *testing.T, r *rig, f *changeFixture)
}

// changeFixture is the persona the reads look at, as it was before the
// write, and what the write noted.
type changeFixture struct {
	persona int64
	before  app.PersonaPage
	theme   persona.Theme // a theme on the persona page with at least two quotes
	other   int64         // another theme on the page
	quote   app.QuoteRef  // a quote on the page
	member  app.Member    // a member of the persona
	answer  int64
}

// personaPage reads the persona page JSON through the API.
func personaPage(t *testing.T, r *rig, id int64) app.PersonaPage {
	t.Helper()
	var page app.PersonaPage
	if st := r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/personas/%d", id), nil, &page); st != http.StatusOK {
		t.Fatalf("GET persona %d: %d", id, st)
	}
	return page
}

func pageThemes(page app.PersonaPage) []app.PersonaTheme {
	var out []app.PersonaTheme
	for _, r := range page.Rings {
		out = append(out, r.Themes...)
	}
	return out
}

func pageQuotes(page app.PersonaPage) []app.QuoteRef {
	var out []app.QuoteRef
	for _, t := range pageThemes(page) {
		out = append(out, t.Quotes...)
	}
	return out
}

// newChangeFixture warms the caches of the demo study's first persona
// (its page JSON, its HTML page, the themes page, the objection answers)
// and picks what the writes change.
func newChangeFixture(t *testing.T, r *rig, p *pageClient) *changeFixture {
	t.Helper()
	personas, err := r.app.Personas(t.Context(), r.study)
	if err != nil || len(personas) == 0 {
		t.Fatalf("personas: %v %v", personas, err)
	}
	f := &changeFixture{persona: personas[0].ID}
	f.before = personaPage(t, r, f.persona)
	for _, pt := range pageThemes(f.before) {
		if f.theme.ID == 0 && pt.Theme.Quotes >= 2 {
			var full persona.Theme
			if st := r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/themes/%d", pt.Theme.ID), nil, &struct {
				Theme *persona.Theme `json:"theme"`
			}{&full}); st != http.StatusOK {
				t.Fatalf("GET theme %d: %d", pt.Theme.ID, st)
			}
			f.theme = full
		} else if f.other == 0 && pt.Theme.ID != f.theme.ID {
			f.other = pt.Theme.ID
		}
	}
	if f.theme.ID == 0 || f.other == 0 || len(f.theme.QuoteIDs) < 2 {
		t.Fatalf("the demo persona's page has no two themes to edit (theme %+v, other %d)", f.theme.ID, f.other)
	}
	quotes := pageQuotes(f.before)
	if len(quotes) == 0 || len(f.before.Participants) == 0 {
		t.Fatal("the demo persona's page shows no quotes or members")
	}
	f.quote, f.member = quotes[0], f.before.Participants[0]
	// The other cached reads, warmed too.
	for _, path := range []string{fmt.Sprintf("/personas/%d", f.persona), fmt.Sprintf("/studies/%d/themes", r.study),
		"/search?q=price"} {
		if res, _ := p.get(path); res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
	}
	return f
}

// TestWritesInvalidateCachedReads: after every kind of write, the reads
// served from the caches (the persona page JSON and HTML, the themes
// page) show it at once.
func TestWritesInvalidateCachedReads(t *testing.T) {
	cases := []changeCase{
		{
			name: "study rename",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				if st := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/studies/%d", r.study), map[string]string{"name": "Renamed study"}, nil); st != http.StatusOK {
					t.Fatalf("rename study: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				if got := personaPage(t, r, f.persona).Study.Name; got != "Renamed study" {
					t.Errorf("persona JSON shows study %q; want the new name", got)
				}
			},
		},
		{
			name: "theme rename",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				if st := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/themes/%d", f.theme.ID), map[string]string{"label": "Renamed theme"}, nil); st != http.StatusOK {
					t.Fatalf("rename theme: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				if got := themeOnPage(personaPage(t, r, f.persona), f.theme.ID); got.Label != "Renamed theme" {
					t.Errorf("persona JSON shows theme %d as %q; want the new label", f.theme.ID, got.Label)
				}
			},
		},
		{
			name: "theme merge",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				body := map[string]any{"theme_ids": []int64{f.theme.ID, f.other}, "label": "Merged theme"}
				if st := r.json(account.RoleResearcher, "POST", "/api/v1/themes/merge", body, nil); st != http.StatusOK {
					t.Fatalf("merge themes: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				page := personaPage(t, r, f.persona)
				if got := themeOnPage(page, f.theme.ID); got.Label != "Merged theme" {
					t.Errorf("persona JSON shows the merged theme as %q; want the merge's label", got.Label)
				}
				if got := themeOnPage(page, f.other); got.ID != 0 {
					t.Errorf("persona JSON still shows theme %d, merged away", f.other)
				}
			},
		},
		{
			name: "theme split",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				body := map[string]any{"quote_ids": f.theme.QuoteIDs[:1], "label": "Split off"}
				if st := r.json(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/themes/%d/split", f.theme.ID), body, nil); st != http.StatusCreated {
					t.Fatalf("split theme: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				got := themeOnPage(personaPage(t, r, f.persona), f.theme.ID)
				if got.Quotes != f.theme.Quotes-1 {
					t.Errorf("persona JSON counts %d quotes in the split theme; want %d", got.Quotes, f.theme.Quotes-1)
				}
			},
		},
		{
			name: "quote hidden",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				if st := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/quotes/%d", f.quote.ID), map[string]bool{"hidden": true}, nil); st != http.StatusOK {
					t.Fatalf("hide quote: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				for _, q := range pageQuotes(personaPage(t, r, f.persona)) {
					if q.ID == f.quote.ID {
						t.Errorf("persona JSON still shows quote %d, hidden", q.ID)
					}
				}
			},
		},
		{
			name: "participant rename and attributes",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				body := map[string]any{"label": "Renamed buyer", "attributes": map[string]string{"Team": "Zebra keepers"}}
				if st := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/participants/%d", f.member.ID), body, nil); st != http.StatusOK {
					t.Fatalf("edit participant: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				page := personaPage(t, r, f.persona)
				i := slices.IndexFunc(page.Participants, func(m app.Member) bool { return m.ID == f.member.ID })
				if i < 0 || page.Participants[i].Label != "Renamed buyer" || page.Participants[i].Attributes["Team"] != "Zebra keepers" {
					t.Errorf("persona JSON shows member %d as %+v; want the new label and attributes", f.member.ID, page.Participants[max(i, 0)])
				}
			},
		},
		{
			name: "persona rename",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				if st := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/personas/%d", f.persona), map[string]string{"name": "Renamed persona"}, nil); st != http.StatusOK {
					t.Fatalf("rename persona: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				if got := personaPage(t, r, f.persona).Persona.Name; got != "Renamed persona" {
					t.Errorf("persona JSON shows %q; want the new name", got)
				}
			},
		},
		{
			name: "wave set",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				body := map[string]string{"wave": "Launch wave", "date": "2026-05-02"}
				if st := r.json(account.RoleResearcher, "PUT", fmt.Sprintf("/api/v1/sources/%d/wave", f.member.SourceID), body, nil); st != http.StatusOK {
					t.Fatalf("set wave: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				if st, body := r.do(account.RoleSales, "GET", fmt.Sprintf("/api/v1/studies/%d/waves", r.study), "", nil); st != http.StatusOK || !strings.Contains(string(body), "Launch wave") {
					t.Errorf("waves: %d, without the new wave", st)
				}
			},
		},
		{
			name: "outcome set",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				body := map[string]string{"outcome": string(persona.Outcomes[1]), "competitor": "Zebracorp"}
				if st := r.json(account.RoleSales, "PUT", fmt.Sprintf("/api/v1/sources/%d/outcome", f.member.SourceID), body, nil); st != http.StatusOK {
					t.Fatalf("set outcome: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				if st, body := r.do(account.RoleSales, "GET", fmt.Sprintf("/api/v1/studies/%d/winloss?rings=all", r.study), "", nil); st != http.StatusOK || !strings.Contains(string(body), "Zebracorp") {
					t.Errorf("win/loss: %d, without the new deal's competitor", st)
				}
			},
		},
		{
			name: "answer added",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				body := map[string]string{"text": "We answer with the zebra clause.", "context": "renewal call"}
				var ans persona.FieldAnswer
				if st := r.json(account.RoleSales, "POST", fmt.Sprintf("/api/v1/themes/%d/answers", f.theme.ID), body, &ans); st != http.StatusCreated {
					t.Fatalf("add answer: %d", st)
				}
				f.answer = ans.ID
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				if st, body := r.do(account.RoleSales, "GET", fmt.Sprintf("/api/v1/themes/%d/answers", f.theme.ID), "", nil); st != http.StatusOK || !strings.Contains(string(body), "zebra clause") {
					t.Errorf("answers: %d, without the new answer", st)
				}
			},
		},
		{
			name: "source delete",
			write: func(t *testing.T, r *rig, f *changeFixture) {
				if st := r.json(account.RoleAdmin, "DELETE", fmt.Sprintf("/api/v1/sources/%d", f.member.SourceID), nil, nil); st != http.StatusNoContent {
					t.Fatalf("delete source: %d", st)
				}
			},
			check: func(t *testing.T, r *rig, f *changeFixture) {
				page := personaPage(t, r, f.persona)
				for _, m := range page.Participants {
					if m.SourceID == f.member.SourceID {
						t.Errorf("persona JSON still lists member %d of the deleted source", m.ID)
					}
				}
				for _, q := range pageQuotes(page) {
					if q.SourceID == f.member.SourceID {
						t.Errorf("persona JSON still shows quote %d of the deleted source", q.ID)
					}
				}
			},
		},
	}
	// One rig for every case (a rig per case was most of the test's
	// time under -race): each case warms the caches again just before
	// its write (newChangeFixture), so they hold the state the write
	// changes, and looks for a value only its own write makes. The
	// source deletion is the last case: the re-analysis it starts
	// changes the themes and personas the other cases pick.
	shared := newRig(t, true)
	signedIn := newPageClient(t, shared)
	signedIn.signIn(account.RoleResearcher)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := *shared
			r.t = t
			p := *signedIn
			p.t, p.r = t, &r
			f := newChangeFixture(t, &r, &p)
			tc.write(t, &r, f)
			tc.check(t, &r, f)
		})
	}
}

// themeOnPage is the theme with that id on a persona page (zero if none).
func themeOnPage(page app.PersonaPage, id int64) persona.Theme {
	for _, pt := range pageThemes(page) {
		if pt.Theme.ID == id {
			return pt.Theme
		}
	}
	return persona.Theme{}
}
