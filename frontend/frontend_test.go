package frontend

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const evil = `<script>alert(1)</script>"><img src=x onerror=alert(1)>&lt;b&gt;`

func sampleBase() Base {
	return Base{Title: evil, User: User{Name: evil, Role: "admin"}, StudyID: 1, Nav: "studies",
		Can: Perms{Upload: true, Edit: true, EditPersona: true, Export: true, Note: true, Admin: true, Code: true}, Flash: evil}
}

func sampleQuote() QuoteView {
	return QuoteView{ID: 7, SourceID: 3, Text: evil, Participant: evil, Source: evil, Position: "0:01:02"}
}

// samples is one view model per page, every string a hostile one.
func samples() map[string]any {
	b := sampleBase()
	q := sampleQuote()
	m := map[string]any{
		"signin":  SignIn{Base: Base{Title: "Sign in"}, Name: evil, Next: "/x", Error: evil},
		"error":   ErrorPage{Base: b, Status: 403, Heading: evil, Message: evil, RequestID: "abc"},
		"studies": Studies{Base: b, Studies: []StudyCard{{ID: 1, Name: evil, Sources: 2, LastAnalysis: evil}}},
		"study": Study{Base: b, Study: StudyCard{ID: 1, Name: evil},
			Chart:    NewBarChart([]BarItem{{Label: evil, Value: 3}, {Label: "b", Value: 1}}),
			Heatmap:  NewHeatmap([]Axis{{Label: evil}}, []Axis{{Label: evil}, {Label: "p2"}}, func(r, c int) float64 { return 0.5 }),
			Sources:  []SourceRow{{ID: 3, Name: evil, Kind: "transcript"}},
			Personas: []PersonaLink{{ID: 2, Name: evil, Size: 3}}},
		"upload": Upload{Base: b, StudyName: evil, MaxFiles: 50, MaxSize: "50 MB", Stage: "queued",
			Results: []UploadResult{{File: evil, Status: "error", Message: evil}, {File: "a.vtt", Status: "ok", SourceID: 4, Quotes: 3}}},
		"source": SourcePage{Base: b, Source: SourceHead{ID: 3, Name: evil, Warnings: []string{evil}},
			Participants: []ParticipantRow{{ID: 5, Label: evil, Switchable: true, Persona: evil, PersonaID: 2}},
			Turns:        []TurnView{{Speaker: evil, Position: "line 1", Segments: []Segment{{Text: evil}, {Text: evil, QuoteID: 7, Ring: "perceived_barriers", RingTitle: "Perceived barriers", Theme: evil}}}}},
		"personas": Personas{Base: b, StudyName: evil, Buyers: 3, Cards: []PersonaCard{{ID: 2, Name: evil, Size: 2, Of: 3,
			Traits: []Share{{Key: evil, Label: evil, Pct: 50}}, TopThemes: []string{evil}}}},
		"persona": PersonaPage{Base: b, ID: 2, StudyName: evil, Name: evil, Notes: evil, Size: 2, Of: 3,
			Profile:  []AttrDist{{Name: evil, Values: []Share{{Label: evil, N: 1, Of: 2, Pct: 50}}}},
			Rings:    []RingView{{Ring: "perceived_barriers", Title: "Perceived barriers", Themes: []ThemeView{{ID: 1, Label: evil, Headline: evil, Raised: 1, Of: 2, Pct: 50, Quotes: []QuoteView{q}}}}},
			Distinct: []LiftView{{Label: evil, Share: 50, Rest: 10, Lift: "5.0"}}, Members: []KV{{Key: evil, Value: evil}},
			Codes: []PersonaCodeView{{ID: 4, Name: evil, Ring: "perceived_barriers", Definition: evil, Raised: 1, Of: 2, Pct: 50, Quotes: []QuoteView{q}}}},
		"themes": ThemesPage{Base: b, StudyName: evil, RingOpts: []Option{{Value: "", Label: "No ring"}},
			Rings: []ThemeRing{{Ring: "perceived_barriers", Title: "Perceived barriers", Themes: []ThemeRow{{ID: 1, Label: evil, Headline: evil, Quotes: 9,
				Items: []ThemeQuote{{QuoteView: q, Ring: "perceived_barriers"}}, More: 8}}}}},
		"search": SearchPage{Base: b, Q: evil, Studies: []Option{{Value: "1", Label: evil, Selected: true}}, Total: 1,
			Hits:       []Hit{{QuoteView: q, Fragment: "<mark>price</mark> &amp; more", Copy: evil, Theme: evil, Persona: evil, Ring: "perceived_barriers"}},
			Facets:     []FacetGroup{{Field: "persona", Title: "Persona", Values: []FacetValue{{Field: "persona", Value: "2", Label: evil, Count: 1, Href: "/search?persona=2"}}}},
			Active:     []FacetValue{{Field: "persona", Value: "2", Label: evil, Href: "/search"}},
			Objections: []Objection{{ThemeID: 1, Label: evil, Matches: 2, RaisedBy: []Raiser{{PersonaID: 2, Name: evil, N: 1, Size: 2}}, Quotes: []QuoteView{q}}},
			Values:     []PersonaValues{{PersonaID: 2, Name: evil, Criteria: []Value{{Label: evil, Quote: evil}}}},
			Stages:     []string{"Demo"}, Note: NoteForm{Text: evil, DealStage: "Demo"}, NoteSaved: evil, NoteError: evil, Error: evil,
			Suggestions: []string{evil}, Page: 2, PrevURL: "/search?page=1", NextURL: "/search?page=3"},
		"account":   AccountPage{Base: b, MinPassword: 10},
		"objection": sampleObjectionPage(b, q),
		"trackers":  sampleTrackersPage(b),
		"tracker":   sampleTrackerPage(b, q),
		"admin": Admin{Base: b, Roles: []string{"admin", "sales"}, DefaultRole: "sales", MinPassword: 10,
			Users:  []UserRow{{ID: 1, Name: evil, Role: "admin", Self: true}, {ID: 2, Name: evil, Role: "sales"}},
			Tokens: []TokenRow{{ID: 1, Name: evil, User: evil}}, Audit: []AuditRow{{User: evil, Action: evil, Target: evil, Detail: evil}}},
	}
	addGapSamples(m, b, q)
	addCodebookSamples(m, b, q)
	m["non-answers"] = NonAnswersPage{Base: b, StudyName: evil, SourceName: evil, SourceID: 3, Total: 2,
		Answers: []NonAnswerRow{{Respondent: evil, Text: evil, Row: 4, Question: evil}, {Respondent: evil, Text: evil, Row: 5}}}
	return m
}

// The theme-quotes fragment escapes like a page.
func TestRenderThemeQuotes(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	v := ThemeQuotes{StudyID: 1, RingOpts: []Option{{Value: "", Label: "No ring"}},
		Theme: ThemeRow{ID: 4, Label: evil, Quotes: 9, More: 8, Items: []ThemeQuote{{QuoteView: sampleQuote(), Ring: "perceived_barriers"}}}}
	if err := p.RenderPart(&b, "themes", "theme-quotes", v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "<script>") || !strings.Contains(out, `class="split-theme" data-theme="4"`) || !strings.Contains(out, `data-quote="7"`) {
		t.Errorf("theme-quotes fragment:\n%s", out)
	}
}

func TestRenderEveryPage(t *testing.T) {
	for _, fsys := range []struct {
		name string
		dev  bool
	}{{"embedded", false}, {"dir", true}} {
		var p *Pages
		var err error
		if fsys.dev {
			p, err = New(os.DirFS("."))
		} else {
			p, err = New(nil)
		}
		if err != nil {
			t.Fatalf("%s: New: %v", fsys.name, err)
		}
		models := samples()
		for _, name := range Names {
			t.Run(fsys.name+"/"+name, func(t *testing.T) {
				data, ok := models[name]
				if !ok {
					t.Fatalf("no sample view model for page %q", name)
				}
				var buf bytes.Buffer
				if err := p.Render(&buf, name, data); err != nil {
					t.Fatal(err)
				}
				html := buf.String()
				for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(1)>", "&lt;b&gt;", " style=", "onclick="} {
					if strings.Contains(html, bad) {
						t.Errorf("page %s contains %q unescaped", name, bad)
					}
				}
				if name != "signin" && !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
					t.Errorf("page %s does not show the escaped script text", name)
				}
				if !strings.Contains(html, `<link rel="icon" href="/static/favicon.svg"`) {
					t.Errorf("page %s has no favicon link", name)
				}
			})
		}
	}
	for name := range samples() {
		found := false
		for _, n := range Names {
			found = found || n == name
		}
		if !found {
			t.Errorf("sample %q is not a page in Names", name)
		}
	}
}

func TestRenderUnknownPage(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Render(&bytes.Buffer{}, "nope", nil); err == nil {
		t.Error(`Render("nope") = nil; want an error`)
	}
}

func TestHighlight(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<mark>price</mark> was &#39;fine&#39; &amp; ok", "<mark>price</mark> was &#39;fine&#39; &amp; ok"},
		{"<mark>x</mark><script>alert(1)</script>", "&lt;mark&gt;x&lt;/mark&gt;&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"a & b", "a &amp; b"},
		{`<img src=x onerror=alert(1)>`, "&lt;img src=x onerror=alert(1)&gt;"},
	}
	for _, tt := range tests {
		if got := string(Highlight(tt.in)); got != tt.want {
			t.Errorf("Highlight(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"/app.css", "/app.js", "/favicon.svg"} {
		f, err := p.Static().Open(name)
		if err != nil {
			t.Errorf("static %s: %v", name, err)
			continue
		}
		f.Close()
	}
}

// TestRenderLiftOnlyThem: a trait no other buyer has shows "only them",
// not a ratio over zero.
func TestRenderLiftOnlyThem(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lift, want, not string }{
		{"only them", `<span class="pill">only them</span>`, "×only"},
		{"2.5", `<span class="pill">×2.5</span>`, "only them"},
	} {
		var b bytes.Buffer
		v := PersonaPage{Base: sampleBase(), ID: 2, Name: "P", Size: 2, Of: 3,
			Distinct: []LiftView{{Label: "job title: managers", Share: 100, Rest: 0, Lift: tt.lift}}}
		if err := p.Render(&b, "persona", v); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); !strings.Contains(out, tt.want) || strings.Contains(out, tt.not) {
			t.Errorf("lift %q: want %q and no %q in the page", tt.lift, tt.want, tt.not)
		}
	}
}

// An objection card none of whose matching quotes ranks among the answer's
// quotes links to them instead of standing empty.
func TestRenderObjectionWithoutShownQuote(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	b0 := sampleBase()
	b0.StudyID = 7
	v := SearchPage{Base: b0, Q: "too expensive", Objections: []Objection{
		{ThemeID: 3, Label: "seat price", Matches: 2, Of: 30},
		{ThemeID: 4, Label: "setup", Matches: 5, Of: 9, Quotes: []QuoteView{sampleQuote()}},
	}}
	var b bytes.Buffer
	if err := p.Render(&b, "search", v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, `class="muted no-shown-quote"`); n != 1 {
		t.Errorf("%d cards say their quotes are not shown, want 1 (the one without quotes)", n)
	}
	if !strings.Contains(out, `<a href="/search?q=too%20expensive&amp;study=7&amp;theme=3">search this theme</a>`) {
		t.Errorf("the empty card does not link to its matching quotes:\n%s", out)
	}
}

// Roles one member states share one line; roles two or more state are
// listed with their share. A persona of only one-member roles still shows
// them (and no empty-profile hint).
func TestRenderStatedRoles(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	one := []RoleView{{Role: "statistician", N: 1, Of: 18, Quotes: []QuoteView{sampleQuote()}}, {Role: "web developer", N: 1, Of: 18}}
	for _, tt := range []struct {
		name      string
		roles     []RoleView
		items     int
		line, not string
	}{
		{"both", []RoleView{{Role: "data scientist", N: 5, Of: 18, Pct: 28}}, 1, "2 other roles, one buyer each: statistician, web developer", "No attributes recorded"},
		{"only one each", nil, 0, "2 roles, one buyer each: statistician, web developer", "No attributes recorded"},
	} {
		v := PersonaPage{Base: sampleBase(), ID: 2, Name: "P", Size: 18, Of: 36, Roles: tt.roles, OneRoleEach: one}
		var b bytes.Buffer
		if err := p.Render(&b, "persona", v); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		i := strings.Index(out, `id="stated-roles"`)
		if i < 0 {
			t.Fatalf("%s: no stated roles shown", tt.name)
		}
		block := out[i:]
		block = block[:strings.Index(block, "</div>")]
		if n := strings.Count(block, "<li>"); n != tt.items {
			t.Errorf("%s: %d listed roles, want %d", tt.name, n, tt.items)
		}
		if !strings.Contains(block, tt.line) || strings.Contains(out, tt.not) {
			t.Errorf("%s: want %q and no %q:\n%s", tt.name, tt.line, tt.not, block)
		}
	}
}

// A persona-page theme with neither a headline nor a quote to show says
// so and links to its quotes; one with a headline, or with quotes, does
// not.
func TestRenderPersonaThemeWithoutShownQuote(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	b0 := sampleBase()
	b0.StudyID = 7
	v := PersonaPage{Base: b0, ID: 2, Name: "P", Size: 4, Of: 4, Rings: []RingView{{Ring: "success_factors", Title: "Success factors", Themes: []ThemeView{
		{ID: 3, Label: "cheap", Raised: 1, Of: 4, Count: 1},
		{ID: 4, Label: "easy to use", Headline: "It's important that it's easy to use.", Raised: 4, Of: 4, Count: 9},
		{ID: 5, Label: "select channel", Raised: 4, Of: 4, Count: 14, Quotes: []QuoteView{sampleQuote()}},
	}}}}
	var b bytes.Buffer
	if err := p.Render(&b, "persona", v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, `class="muted no-shown-quote"`); n != 1 {
		t.Errorf("%d themes say none of their quotes stands alone, want 1 (the one with no headline and no quote)", n)
	}
	if !strings.Contains(out, `<a href="/search?study=7&amp;theme=3">read its 1 quote</a>`) {
		t.Errorf("the quoteless theme does not link to its quote:\n%s", out)
	}
}
