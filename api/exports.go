package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

func (s *Server) exportPersonaJSON(c *gin.Context) error {
	page, err := s.personaForExport(c)
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.json"`, personaFileName(page.Persona)))
	c.JSON(http.StatusOK, page)
	return nil
}

func (s *Server) exportPersonaMarkdown(c *gin.Context) error {
	page, err := s.personaForExport(c)
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.md"`, personaFileName(page.Persona)))
	c.Data(http.StatusOK, "text/markdown; charset=utf-8", []byte(PersonaMarkdown(page)))
	return nil
}

func (s *Server) personaForExport(c *gin.Context) (app.PersonaPage, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return app.PersonaPage{}, err
	}
	page, err := s.app.PersonaPage(c.Request.Context(), id)
	if err != nil {
		return page, err
	}
	s.audit(c, accountUser(c), "export", "persona "+itoa(id), c.FullPath())
	return page, nil
}

// PersonaMarkdown renders a persona page as Markdown.
func PersonaMarkdown(p app.PersonaPage) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdText(p.Persona.Name))
	fmt.Fprintf(&b, "_%d participants in the study “%s”._\n\n", p.Persona.Size, mdText(p.Study.Name))
	if p.Persona.Notes != "" {
		fmt.Fprintf(&b, "%s\n\n", mdText(p.Persona.Notes))
	}
	if len(p.Persona.Attributes) > 0 || len(p.Roles) > 0 {
		b.WriteString("## Who they are\n\n")
	}
	for _, attr := range sortedKeys(p.Persona.Attributes) {
		counts := p.Persona.Attributes[attr]
		fmt.Fprintf(&b, "- **%s**: ", mdText(attr))
		for i, c := range counts {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s (%d)", mdText(c.Value), c.N)
		}
		b.WriteString("\n")
	}
	if len(p.Roles) > 0 {
		b.WriteString("- **Role, in their own words**: ")
		for i, r := range p.Roles {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s (%d)", mdText(r.Role), r.N)
		}
		b.WriteString("\n")
		for _, r := range p.Roles {
			for _, q := range r.Quotes {
				fmt.Fprintf(&b, "\n> “%s”\n> — %s, %s (%s)\n", mdText(q.Text), mdText(q.Participant), mdText(q.Source), q.Position)
			}
		}
	}
	for _, r := range p.Rings {
		fmt.Fprintf(&b, "\n## %s\n\n", r.Title)
		if len(r.Themes) == 0 {
			b.WriteString("_No recurring theme._\n")
		}
		for _, t := range r.Themes {
			fmt.Fprintf(&b, "### %s\n\nRaised by %d of %d.", mdText(t.Theme.Label), t.Raised, t.Of)
			if t.Survey != nil {
				fmt.Fprintf(&b, " Study-wide: %s.", figureText(t.Survey))
			}
			b.WriteString("\n\n")
			for _, q := range t.Quotes {
				fmt.Fprintf(&b, "> “%s”\n> — %s, %s (%s)\n\n", mdText(q.Text), mdText(q.Participant), mdText(q.Source), q.Position)
			}
		}
	}
	if len(p.Distinct) > 0 {
		b.WriteString("\n## What sets them apart\n\n")
		for _, d := range p.Distinct {
			fmt.Fprintf(&b, "- %s: %.0f%% vs %.0f%% of others\n", mdText(d.Label), d.Share*100, d.Rest*100)
		}
	}
	return b.String()
}

// personaFileName names an export after the persona: "Cost-cutting CFOs"
// is cost-cutting-cfos. A name with no ASCII letter or digit falls back
// to persona-ID.
func personaFileName(p persona.Profile) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(p.Name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			sep := dash && b.Len() > 0
			if b.Len()+2 > 60 { // at most 60 characters
				break
			}
			if sep {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return fmt.Sprintf("persona-%d", p.ID)
	}
	return b.String()
}

// mdText keeps user text from being read as Markdown structure or HTML.
func mdText(s string) string {
	r := strings.NewReplacer("\n", " ", "<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`)
	return r.Replace(s)
}

func sortedKeys(m map[string][]persona.Count) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// csvCell escapes cells a spreadsheet would run as a formula.
func csvCell(s string) string { return app.CSVCell(s) }

// exportQDPX sends the study as a REFI-QDA project: sources, rings and
// themes as codes, themed quotes as codings, buyers as cases. It is built
// in memory first, so a failure is an error answer, not a cut-off file.
func (s *Server) exportQDPX(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.app.ExportQDPX(c.Request.Context(), id, &buf); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "export", "study "+itoa(id), "export.qdpx")
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="study-%d.qdpx"`, id))
	c.Data(http.StatusOK, "application/zip", buf.Bytes())
	return nil
}

func (s *Server) exportQuotesCSV(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.app.Study(c.Request.Context(), id); err != nil {
		return err
	}
	s.audit(c, accountUser(c), "export", "study "+itoa(id), "quotes.csv")
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="study-%d-quotes.csv"`, id))
	w := csv.NewWriter(c.Writer)
	_ = w.Write([]string{"id", "text", "participant", "source", "position", "question", "ring", "theme_id", "kind"})
	return s.writeQuotes(c.Request.Context(), id, w)
}

func (s *Server) writeQuotes(ctx context.Context, studyID int64, w *csv.Writer) error {
	n := 0
	err := s.app.ExportQuotes(ctx, studyID, func(q app.ExportQuote) error {
		_ = w.Write([]string{itoa(q.ID), csvCell(q.Text), csvCell(q.Participant), csvCell(q.Source),
			q.Position, csvCell(q.Question), string(q.Ring), itoa(q.ThemeID), string(q.Kind)})
		if n++; n%5000 == 0 {
			w.Flush()
		}
		return nil
	})
	w.Flush()
	return err
}

func (s *Server) exportThemesCSV(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	themes, err := s.app.Themes(c.Request.Context(), id)
	if err != nil {
		return err
	}
	s.audit(c, accountUser(c), "export", "study "+itoa(id), "themes.csv")
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="study-%d-themes.csv"`, id))
	w := csv.NewWriter(c.Writer)
	_ = w.Write([]string{"id", "label", "ring", "quotes", "participants", "sources", "of", "recurring"})
	for _, t := range themes {
		_ = w.Write([]string{itoa(t.ID), csvCell(t.Label), string(t.Ring), fmt.Sprint(t.Quotes), fmt.Sprint(t.Participants),
			fmt.Sprint(t.Sources), fmt.Sprint(t.Of), fmt.Sprint(t.Recurring)})
	}
	w.Flush()
	return w.Error()
}
