package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// tourStop is one page of the tour: where it is, what it must hold, and the
// name of its screenshot.
type tourStop struct {
	name, path string
	want       []string // CSS selectors
}

// tour lists every page, with ids of the demo study read from the API.
func tour(t *testing.T) []tourStop {
	t.Helper()
	var srcs struct {
		Sources []struct {
			ID int64 `json:"id"`
		} `json:"sources"`
	}
	if err := env.api.do("GET", fmt.Sprintf("/api/v1/studies/%d/sources", env.study), nil, &srcs); err != nil {
		t.Fatal(err)
	}
	var personas struct {
		Personas []struct {
			ID int64 `json:"id"`
		} `json:"personas"`
	}
	if err := env.api.do("GET", fmt.Sprintf("/api/v1/studies/%d/personas", env.study), nil, &personas); err != nil {
		t.Fatal(err)
	}
	if len(srcs.Sources) == 0 || len(personas.Personas) == 0 {
		t.Fatalf("demo study %d has %d sources and %d personas", env.study, len(srcs.Sources), len(personas.Personas))
	}
	study := fmt.Sprintf("/studies/%d", env.study)
	return []tourStop{
		{"dashboard", "/", []string{fmt.Sprintf(`a.study-link[href="%s"]`, study)}},
		{"study", study, []string{"svg#theme-chart", "svg#heatmap", `a.source-link[href^="/sources/"]`}},
		{"upload", study + "/upload", []string{"form#upload", "input#files[type=file][name=files][multiple]", "#dropzone"}},
		{"source", fmt.Sprintf("/sources/%d", srcs.Sources[0].ID), []string{
			"div.turn[data-speaker]", "span.quote[id^='quote-'][data-ring]", "form.role-form[data-participant]"}},
		{"personas", study + "/personas", []string{`a.persona-card[href^="/personas/"]`}},
		{"persona", fmt.Sprintf("/personas/%d", personas.Personas[0].ID), []string{
			"h1#persona-name", "section.ring[data-ring]", `blockquote.quote a.quote-link[href^="/sources/"]`, "a#export-md", "form#persona-edit"}},
		{"themes", study + "/themes", nil},
		{"search", "/search?q=price", []string{"form#search input[name=q]", "li.hit mark", "section#said ol.said-hits li.hit", "section.objection-theme .raised-by", `a.facet[data-field="persona"]`, "form#note", "p.search-scope strong.scope-study", "form#note select[name=study_id]"}},
		{"admin", "/admin", nil},
	}
}

// Every page renders with no console error, as the admin who may see them
// all; each gets a screenshot.
func TestEveryPageRendersWithoutErrors(t *testing.T) {
	b := newBrowser(t)
	t.Run("signin", func(t *testing.T) {
		p := b.in(t)
		p.open("/signin")
		p.expect("form#signin")
		p.shot("signin")
		p.report()
	})
	b.signIn(admin)
	for _, pg := range tour(t) {
		t.Run(pg.name, func(t *testing.T) {
			p := b.in(t)
			p.open(pg.path)
			var missing []string
			for _, sel := range pg.want {
				if p.count(sel) == 0 {
					missing = append(missing, sel)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s lacks %s", pg.path, strings.Join(missing, ", "))
			}
			p.shot(pg.name)
			p.report()
		})
	}
	t.Run("admin lists users", func(t *testing.T) {
		p := b.in(t)
		text := eval[string](p, `document.body.innerText`)
		for _, u := range []user{researcher, marketer, sales} {
			if !strings.Contains(text, u.name) {
				t.Errorf("/admin does not show user %s", u.name)
			}
		}
	})
}
