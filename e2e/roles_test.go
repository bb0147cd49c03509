package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A marketer reads who a persona's buyers say they are: the roles they
// state ("I'm the only Salesforce admin"), with how many say each and,
// one click away, the quotes that say it, linked to their source.
func TestPersonaShowsStatedRoles(t *testing.T) {
	var list struct {
		Personas []struct {
			ID int64 `json:"id"`
		} `json:"personas"`
	}
	if err := env.api.do("GET", fmt.Sprintf("/api/v1/studies/%d/personas", env.study), nil, &list); err != nil {
		t.Fatal(err)
	}
	type role struct {
		Role   string `json:"role"`
		N      int    `json:"n"`
		Of     int    `json:"of"`
		Quotes []struct {
			ID int64 `json:"id"`
		} `json:"quotes"`
	}
	var id int64
	var roles []role
	for _, p := range list.Personas {
		var page struct {
			Roles []role `json:"stated_roles"`
		}
		if err := env.api.do("GET", fmt.Sprintf("/api/v1/personas/%d", p.ID), nil, &page); err != nil {
			t.Fatal(err)
		}
		if len(page.Roles) > 0 {
			id, roles = p.ID, page.Roles
			break
		}
	}
	if id == 0 {
		t.Fatal("no persona of the demo study shows a stated role; its interviewees say who they are")
	}
	for _, r := range roles {
		if r.N != len(r.Quotes) || r.N == 0 || r.N > r.Of {
			t.Errorf("persona %d: stated role %q: n %d of %d with %d quotes", id, r.Role, r.N, r.Of, len(r.Quotes))
		}
	}
	// Roles two or more members state are listed with their share; roles
	// one member states share one line.
	var multi, single []role
	for _, r := range roles {
		if r.N > 1 {
			multi = append(multi, r)
		} else {
			single = append(single, r)
		}
	}
	if len(multi) == 0 {
		t.Fatalf("persona %d: no role is stated by two members (%v); the demo's admins say theirs", id, roles)
	}
	b := newBrowser(t)
	b.signIn(marketer)
	b.open(fmt.Sprintf("/personas/%d", id))
	b.expect("#stated-roles")
	if n := b.count("#stated-roles li"); n != len(multi) {
		t.Errorf("persona %d lists %d stated roles; the API has %d stated by two or more", id, n, len(multi))
	}
	first := eval[string](b, `document.querySelector("#stated-roles li").innerText`)
	if want := fmt.Sprintf("%d of %d", multi[0].N, multi[0].Of); !strings.Contains(first, multi[0].Role) || !strings.Contains(first, want) {
		t.Errorf("first stated role reads %q; want %q and %q", first, multi[0].Role, want)
	}
	if len(single) > 0 {
		line := eval[string](b, `document.querySelector("#stated-roles .roles-one-each").innerText`)
		for _, r := range single {
			if !strings.Contains(line, r.Role) {
				t.Errorf("the one-buyer roles line %q lacks %q", line, r.Role)
			}
		}
	}
	b.do("open the first role's quotes", chromedp.Click(chromedp.CSS(`#stated-roles details.role-quotes summary`)))
	b.waitVisible(`#stated-roles details.role-quotes[open] blockquote.quote a.quote-link[href^="/sources/"]`)
	if n := b.count(`#stated-roles details.role-quotes[open] blockquote.quote`); n != len(multi[0].Quotes) {
		t.Errorf("the first role shows %d quotes; want %d", n, len(multi[0].Quotes))
	}
	b.shot("persona-stated-roles")
	b.report()
}
