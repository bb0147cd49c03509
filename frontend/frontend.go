// Package frontend holds Verbatim's server-rendered pages: html/template
// files and static assets embedded in the binary, and their view models.
// It knows nothing of HTTP routing: the api package builds a view model and
// calls Render.
package frontend

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

//go:embed templates static
var embedded embed.FS

// Pages renders the page templates and serves the static files.
type Pages struct {
	pages  map[string]*template.Template
	static fs.FS
}

// Names lists every page template; Render accepts exactly these.
var Names = []string{"signin", "error", "studies", "study", "upload", "source",
	"personas", "persona", "themes", "search", "admin", "account",
	"gaps", "gap", "gap-print", "survey", "objection", "trackers", "tracker",
	"codebook", "quote-code", "agreement", "disagreements", "review", "non-answers"}

// New loads the templates from fsys (a folder holding templates/ and
// static/, e.g. os.DirFS("frontend") while editing), or from the embedded
// files when fsys is nil.
func New(fsys fs.FS) (*Pages, error) {
	if fsys == nil {
		fsys = embedded
	}
	static, err := fs.Sub(fsys, "static")
	if err != nil {
		return nil, fmt.Errorf("frontend: static: %w", err)
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/partials.html", "templates/loop.html")
	if err != nil {
		return nil, fmt.Errorf("frontend: layout: %w", err)
	}
	p := &Pages{pages: map[string]*template.Template{}, static: static}
	for _, name := range Names {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(fsys, path.Join("templates", name+".html")); err != nil {
			return nil, fmt.Errorf("frontend: page %s: %w", name, err)
		}
		p.pages[name] = t
	}
	return p, nil
}

// Render writes page name with its view model. The page is rendered to a
// buffer first, so a template error never leaves half a page.
func (p *Pages) Render(w io.Writer, name string, data any) error {
	t, ok := p.pages[name]
	if !ok {
		return fmt.Errorf("frontend: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("frontend: render %s: %w", name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// RenderPart writes the template named part of page (a fragment a page
// loads later, e.g. "theme-quotes" of "themes"), buffered like Render.
func (p *Pages) RenderPart(w io.Writer, page, part string, data any) error {
	t, ok := p.pages[page]
	if !ok {
		return fmt.Errorf("frontend: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, part, data); err != nil {
		return fmt.Errorf("frontend: render %s/%s: %w", page, part, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// Static is the file system served under /static/.
func (p *Pages) Static() http.FileSystem { return http.FS(p.static) }

// CSP is the Content-Security-Policy every page is served with: no inline
// scripts, styles or event handlers.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

var funcs = template.FuncMap{
	"highlight": Highlight,
	"clean":     persona.CleanVerbatim,
	"add":       func(a, b int) int { return a + b },
	"pct":       pct,
	"initials":  initials,
	"num":       Num,
	"count":     Count,
	"lower":     strings.ToLower,
}

// Highlight marks a search fragment safe for the page. Fragments come from
// the index already escaped, with <mark> and </mark> as their only tags;
// anything else is escaped again, so a fragment can never inject markup.
func Highlight(fragment string) template.HTML {
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(fragment)
	if strings.ContainsAny(rest, "<>") || strings.Contains(rest, "&") && !escapedEntities(rest) {
		return template.HTML(template.HTMLEscapeString(fragment))
	}
	return template.HTML(fragment) //nolint:gosec // checked above: only <mark> tags, escaped text
}

// escapedEntities reports whether every & in s starts an entity, as
// html.EscapeString and bleve's highlighter write them.
func escapedEntities(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0; {
		semi := strings.IndexByte(s[i:], ';')
		if semi < 2 || semi > 8 {
			return false
		}
		for _, r := range s[i+1 : i+semi] {
			if !(r == '#' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
		next := strings.IndexByte(s[i+semi:], '&')
		if next < 0 {
			break
		}
		i += semi + next
	}
	return true
}

func pct(n, of int) int {
	if of <= 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

// initials are a persona's avatar letters: the first two words' first
// letters, after a heading such as "Focus:" or "Mostly raised:" (every
// topic-named persona would otherwise be "FO").
func initials(name string) string {
	if _, rest, ok := strings.Cut(name, ": "); ok && strings.TrimSpace(rest) != "" {
		name = rest
	}
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		r := []rune(w)
		if len(r) > 0 && (r[0] >= 'A' && r[0] <= 'Z' || r[0] >= 'a' && r[0] <= 'z') {
			b.WriteRune(r[0])
		}
		if b.Len() == 2 {
			break
		}
	}
	return strings.ToUpper(b.String())
}
