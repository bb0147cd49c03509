package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/codebook"
)

// ExamplesImport is what AddExamples did.
type ExamplesImport struct {
	Read  int `json:"read"`  // rows read
	Added int `json:"added"` // example quotes added to codes
	Codes int `json:"codes"` // codes that gained examples
	// Warnings name each row that added nothing and why.
	Warnings []string `json:"warnings"`
}

// minContainedQuote is the shortest quote (in characters, normalised) a
// row's longer text may take as an example because it contains it: a
// highlight spanning sentences holds its quotes, but "Yes." is no example.
const minContainedQuote = 15

// normText is s lower-cased with runs of spaces as one and typographic
// quotes and dashes as plain ones, for matching an example's text to a
// quote's.
func normText(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", "-").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// AddExamples gives a study's codes example quotes named by their text
// (an examples file: codebook.ReadExamplesCSV), so that codes imported
// from a codebook file, which carries no quotes, can seed the seeded
// coding. A row's text names the shown quote it equals, else the one quote
// that contains it, else the quotes it contains (a highlight spanning
// several). A row whose code is not in the codebook, whose text matches no
// quote or is part of several, or that would pass a code's limit of
// examples adds nothing and is listed in Warnings.
func (a *App) AddExamples(ctx context.Context, studyID int64, rows []codebook.Example) (ExamplesImport, error) {
	res := ExamplesImport{Read: len(rows), Warnings: []string{}}
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return res, err
	}
	codes, err := a.store.Codes(ctx, studyID)
	if err != nil {
		return res, err
	}
	byName := map[string]int{}
	for i, c := range codes {
		byName[strings.ToLower(c.Name)] = i
	}
	type quoteText struct {
		id   int64
		text string
	}
	var quotes []quoteText
	err = a.EachQuotePage(ctx, studyID, 5000, false, func(page []persona.Quote) error {
		for _, q := range page {
			if !q.Hidden {
				quotes = append(quotes, quoteText{q.ID, normText(q.Text)})
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	added := make([][]int64, len(codes))
	for _, r := range rows {
		ci, ok := byName[strings.ToLower(strings.TrimSpace(r.Code))]
		if !ok {
			res.Warnings = append(res.Warnings, fmt.Sprintf("line %d: the codebook has no code %q (import the codebook first)", r.Line, r.Code))
			continue
		}
		t := normText(r.Text)
		var exact, within, inside []int64
		for _, q := range quotes {
			switch {
			case q.text == t:
				exact = append(exact, q.id)
			case strings.Contains(q.text, t):
				within = append(within, q.id)
			case len(q.text) >= minContainedQuote && strings.Contains(t, q.text):
				inside = append(inside, q.id)
			}
		}
		var ids []int64
		switch {
		case len(exact) > 0:
			ids = exact
		case len(within) == 1:
			ids = within
		case len(within) > 1:
			res.Warnings = append(res.Warnings, fmt.Sprintf("line %d: %.60q is part of %d quotes: give more of the quote", r.Line, r.Text, len(within)))
			continue
		case len(inside) > 0:
			ids = inside
		default:
			res.Warnings = append(res.Warnings, fmt.Sprintf("line %d: %.60q matches no shown quote of the study", r.Line, r.Text))
			continue
		}
		for _, id := range ids {
			if !slices.Contains(codes[ci].ExampleQuoteIDs, id) && !slices.Contains(added[ci], id) {
				added[ci] = append(added[ci], id)
			}
		}
	}
	defer func() {
		if res.Added > 0 {
			a.changed(studyID, ChangeCodings)
		}
	}()
	for i, ids := range added {
		if len(ids) == 0 {
			continue
		}
		c := codes[i]
		ex := append(slices.Clone(c.ExampleQuoteIDs), ids...)
		if len(ex) > persona.MaxCodeExamples {
			res.Warnings = append(res.Warnings, fmt.Sprintf("code %q: %d examples given, %d kept (at most %d per code)", c.Name, len(ex), persona.MaxCodeExamples, persona.MaxCodeExamples))
			ex = ex[:max(persona.MaxCodeExamples, len(c.ExampleQuoteIDs))]
		}
		if len(ex) == len(c.ExampleQuoteIDs) {
			continue // the code was full: it gains nothing
		}
		in := CodeInput{Name: c.Name, Ring: string(c.Ring), Definition: c.Definition, WhenToUse: c.WhenToUse, WhenNotToUse: c.WhenNotToUse, Examples: ex}
		if _, err := a.UpdateCode(ctx, c.ID, in); err != nil {
			return res, fmt.Errorf("examples of code %q: %w", c.Name, err)
		}
		res.Added += len(ex) - len(c.ExampleQuoteIDs)
		res.Codes++
	}
	return res, nil
}
