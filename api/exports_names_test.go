package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

func TestPersonaFileName(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"Cost-cutting CFOs", "cost-cutting-cfos"},
		{"  IT / Security leads (EMEA) ", "it-security-leads-emea"},
		{"Ärzte in Köln", "rzte-in-k-ln"},
		{"日本の購買担当", "persona-4"},
		{"", "persona-4"},
	}
	for _, tc := range tests {
		if got := personaFileName(persona.Profile{ID: 4, Name: tc.name}); got != tc.want {
			t.Errorf("personaFileName(%q) = %q; want %q", tc.name, got, tc.want)
		}
	}
	if got := personaFileName(persona.Profile{Name: strings.Repeat("ab ", 40)}); len(got) > 60 || strings.HasSuffix(got, "-") {
		t.Errorf("long name -> %q; want at most 60 characters, no trailing dash", got)
	}
}

// Exports are named after the persona, not persona-4.md.
func TestPersonaExportNamedAfterPersona(t *testing.T) {
	r := newRig(t, true)
	ps, err := r.app.Personas(context.Background(), r.study)
	if err != nil || len(ps) == 0 {
		t.Fatalf("personas: %v", err)
	}
	for _, ext := range []string{"md", "json"} {
		req := fmt.Sprintf("%s/api/v1/personas/%d/export.%s", r.http.URL, ps[0].ID, ext)
		res := mustGet(t, r, account.RoleMarketer, req)
		want := fmt.Sprintf(`attachment; filename="%s.%s"`, personaFileName(ps[0]), ext)
		if got := res.Header.Get("Content-Disposition"); got != want || strings.Contains(got, "persona-") {
			t.Errorf("export.%s Content-Disposition %q; want %q", ext, got, want)
		}
	}
}

// No empty "Who they are" heading when the persona has no attributes.
func TestMarkdownSkipsEmptySections(t *testing.T) {
	page := app.PersonaPage{Persona: persona.Profile{ID: 1, Name: "Builders", Size: 3}}
	if md := PersonaMarkdown(page); strings.Contains(md, "Who they are") {
		t.Errorf("Markdown of a persona without attributes has an empty section:\n%s", md)
	}
	page.Persona.Attributes = map[string][]persona.Count{"role": {{Value: "CFO", N: 2}}}
	if md := PersonaMarkdown(page); !strings.Contains(md, "## Who they are\n\n- **role**: CFO (2)") {
		t.Errorf("Markdown with attributes:\n%s", md)
	}
}

func mustGet(t *testing.T, r *rig, role account.Role, url string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+r.tokens[role])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// The roles buyers state about themselves are exported with their
// quotes, under "Who they are" even when no attribute is recorded.
func TestMarkdownShowsStatedRoles(t *testing.T) {
	page := app.PersonaPage{Persona: persona.Profile{ID: 1, Name: "Builders", Size: 3},
		Roles: []app.StatedRole{{Role: "data scientist", N: 2, Of: 3, Quotes: []app.QuoteRef{
			{ID: 7, Text: "I'm a data scientist at Acme.", Participant: "Ana", Source: "ana.txt", Position: "line 3"},
			{ID: 9, Text: "I work as a data scientist.", Participant: "Bo", Source: "bo.txt", Position: "line 5"}}}}}
	md := PersonaMarkdown(page)
	for _, want := range []string{"## Who they are\n\n- **Role, in their own words**: data scientist (2)",
		"> “I'm a data scientist at Acme.”\n> — Ana, ana.txt (line 3)", "> “I work as a data scientist.”\n> — Bo, bo.txt (line 5)"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}
