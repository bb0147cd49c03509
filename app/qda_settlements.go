package app

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// Settled disagreements travel in a REFI-QDA project as notes (memos, which
// the other tools show): one per settlement, referred to from the settled
// quote's selection (NoteRef), its text a sentence for the reader and, after
// settlementMarker, one "Key: value" line per field, which an import reads
// back into a settlement and its consensus coding.

// settlementMarker starts the part of a note an import reads.
const settlementMarker = "Verbatim settlement"

// settlementNote is a settlement as a note says it, by names.
type settlementNote struct {
	coders [2]string
	choice string
	codes  []string
	by     string
	at     time.Time
}

func (s settlementNote) text() string {
	var b strings.Builder
	what := map[string]string{persona.SettleFirst: s.coders[0] + "'s codes", persona.SettleSecond: s.coders[1] + "'s codes",
		persona.SettleBoth: "the codes of both", persona.SettleNone: "no code"}[s.choice]
	fmt.Fprintf(&b, "Disagreement between %s and %s settled by %s: %s.\n", s.coders[0], s.coders[1], s.by, what)
	if len(s.codes) > 0 {
		fmt.Fprintf(&b, "The consensus coding: %s.\n", strings.Join(s.codes, "; "))
	}
	fmt.Fprintf(&b, "\n%s\nCoder: %s\nCoder: %s\nChoice: %s\n", settlementMarker, s.coders[0], s.coders[1], s.choice)
	for _, c := range s.codes {
		fmt.Fprintf(&b, "Code: %s\n", c)
	}
	fmt.Fprintf(&b, "Settled by: %s\n", s.by)
	return b.String()
}

// parseSettlementNote reads a note Verbatim wrote for a settlement; ok is
// false for any other note.
func parseSettlementNote(n qdpx.Note) (settlementNote, bool) {
	i := strings.Index(n.Text, settlementMarker+"\n")
	if i < 0 {
		return settlementNote{}, false
	}
	s := settlementNote{at: n.Created}
	coders := 0
	for _, line := range strings.Split(n.Text[i+len(settlementMarker)+1:], "\n") {
		key, value, ok := strings.Cut(line, ": ")
		value = strings.TrimSpace(value)
		switch {
		case !ok:
		case key == "Coder" && coders < 2:
			s.coders[coders] = value
			coders++
		case key == "Choice":
			s.choice = value
		case key == "Code" && value != "":
			s.codes = append(s.codes, value)
		case key == "Settled by":
			s.by = value
		}
	}
	valid := slices.Contains([]string{persona.SettleFirst, persona.SettleSecond, persona.SettleBoth, persona.SettleNone}, s.choice)
	return s, coders == 2 && s.coders[0] != "" && s.coders[1] != "" && valid
}

// coderName is a coder id's name in an export.
func coderName(id int64, names map[int64]string) string {
	switch id {
	case VerbatimCoder:
		return VerbatimCoderName
	case SeededCoder:
		return SeededCoderName
	case ConsensusCoder:
		return ConsensusCoderName
	}
	if n := names[id]; n != "" {
		return n
	}
	return "coder " + strconv.FormatInt(id, 10)
}

// qdaSettlements adds the study's settlements to p as notes (the settlers
// as users) and returns the notes' GUIDs by settled quote. Settlements on
// sources an open blind round covers are left out.
func (a *App) qdaSettlements(ctx context.Context, studyID int64, p *qdpx.Project) (map[int64][]string, error) {
	ss, err := a.store.Settlements(ctx, studyID)
	if err != nil || len(ss) == 0 {
		return nil, err
	}
	byID, _, err := a.studyCodes(ctx, studyID)
	if err != nil {
		return nil, err
	}
	cs, err := a.visibleCodings(ctx, studyID, Actor{ID: VerbatimCoder})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, c := range cs {
		names[c.CoderID] = c.Coder
	}
	open, err := a.blindRounds(ctx, studyID)
	if err != nil {
		return nil, err
	}
	blindSource := map[int64]bool{}
	wholeStudyBlind := false
	for _, r := range open {
		wholeStudyBlind = wholeStudyBlind || len(r.SourceIDs) == 0
		for _, id := range r.SourceIDs {
			blindSource[id] = true
		}
	}
	users := map[string]bool{}
	for _, u := range p.Users {
		users[strings.ToLower(u.GUID)] = true
	}
	if wholeStudyBlind {
		return map[int64][]string{}, nil
	}
	source, err := a.settledQuoteSources(ctx, studyID, ss)
	if err != nil {
		return nil, err
	}
	key := strconv.FormatInt(studyID, 10)
	out := map[int64][]string{}
	for _, s := range ss {
		src, ok := source[s.QuoteID]
		if !ok || blindSource[src] {
			continue
		}
		n := settlementNote{coders: [2]string{coderName(s.Coders[0], names), coderName(s.Coders[1], names)}, choice: s.Choice, by: s.By, at: s.CreatedAt}
		for _, id := range s.CodeIDs {
			if c, ok := byID[id]; ok {
				n.codes = append(n.codes, c.Name)
			}
		}
		note := qdpx.Note{GUID: qdpx.GUID("verbatim settlement", key, strconv.FormatInt(s.ID, 10)),
			Name: "Settled: " + n.coders[0] + " and " + n.coders[1], Text: n.text(), Created: s.CreatedAt}
		if s.By != "" {
			note.CreatingUser = qdaCoderGUID(s.ByID)
			if !users[strings.ToLower(note.CreatingUser)] {
				users[strings.ToLower(note.CreatingUser)] = true
				p.Users = append(p.Users, qdpx.User{GUID: note.CreatingUser, Name: s.By})
			}
		}
		p.Notes = append(p.Notes, note)
		out[s.QuoteID] = append(out[s.QuoteID], note.GUID)
	}
	return out, nil
}

// settledQuoteSources is the source of each settled quote, read in one
// query. A quote that is gone (deleted after the settlement was listed) is
// left out and counted in the log; a store error fails the export, so a
// settlement is never silently dropped because the database did not answer.
func (a *App) settledQuoteSources(ctx context.Context, studyID int64, ss []persona.Settlement) (map[int64]int64, error) {
	ids := make([]int64, 0, len(ss))
	for _, s := range ss {
		ids = append(ids, s.QuoteID)
	}
	qs, err := a.store.QuotesByID(ctx, uniqueIDs(ids, len(ids)))
	if err != nil {
		return nil, fmt.Errorf("export settlements of study %d: %w", studyID, err)
	}
	source := make(map[int64]int64, len(qs))
	for _, q := range qs {
		source[q.ID] = q.SourceID
	}
	gone := 0
	for _, s := range ss {
		if _, ok := source[s.QuoteID]; !ok {
			gone++
		}
	}
	if gone > 0 {
		a.Log.Warn("qdpx export: settlements on quotes that are gone left out",
			slog.Int64("study", studyID), slog.Int("skipped", gone))
	}
	return source, nil
}

// qdaImportCoder is the coder id an imported name stands for: Verbatim's
// own coders by their names, else as an imported coding's (qdaCoder).
func (a *App) qdaImportCoder(ctx context.Context, name string) (int64, error) {
	switch name {
	case VerbatimCoderName:
		return VerbatimCoder, nil
	case SeededCoderName:
		return SeededCoder, nil
	}
	id, _, err := a.qdaCoder(ctx, name)
	return id, err
}

// importQDASettlements stores the settlements of an imported project's
// notes on the quotes their selections cover, each with its consensus
// coding; it returns how many it stored.
func (a *App) importQDASettlements(ctx context.Context, studyID int64, notes []qdpx.Note, quotes map[string][]int64) (int, error) {
	_, codes, err := a.studyCodes(ctx, studyID)
	if err != nil {
		return 0, err
	}
	defer a.changed(studyID, ChangeCodings)
	n := 0
	for _, note := range notes {
		s, ok := parseSettlementNote(note)
		ids := quotes[strings.ToLower(note.GUID)]
		if !ok || len(ids) == 0 {
			continue
		}
		first, err := a.qdaImportCoder(ctx, s.coders[0])
		if err != nil {
			return n, err
		}
		second, err := a.qdaImportCoder(ctx, s.coders[1])
		if err != nil {
			return n, err
		}
		if first == second {
			continue
		}
		pair, choice := pairKey(first, second), s.choice
		if pair[0] != first && (choice == persona.SettleFirst || choice == persona.SettleSecond) {
			choice = map[string]string{persona.SettleFirst: persona.SettleSecond, persona.SettleSecond: persona.SettleFirst}[choice]
		}
		codeIDs := []int64{}
		for _, name := range s.codes {
			if c, ok := codeNamed(codes, name); ok {
				codeIDs = append(codeIDs, c.ID)
			}
		}
		by, at := int64(0), s.at
		if s.by != "" {
			u, ok, err := a.importedUser(ctx, s.by)
			if err != nil {
				return n, err
			}
			if ok {
				by = u.ID
			}
		}
		if at.IsZero() {
			at = time.Now().UTC()
		}
		for _, q := range uniqueIDs(ids, len(ids)) {
			st := persona.Settlement{StudyID: studyID, QuoteID: q, Coders: pair, Choice: choice, CodeIDs: codeIDs, ByID: by, By: s.by, CreatedAt: at}
			if err := a.store.Settle(ctx, st, &persona.Coding{CoderID: ConsensusCoder, Coder: ConsensusCoderName}); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
