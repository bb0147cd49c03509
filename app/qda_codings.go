package app

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/codebook"
	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// A REFI-QDA project Verbatim wrote holds the study's codebook under one
// top-level code, CodebookGroup, and researchers' codings of those codes
// name their coder (a Coding's creatingUser). Importing it brings both
// back: the codes into the codebook, each coding as that coder's.

// qdaGroup is what an import found of the codebook group.
type qdaGroup struct {
	names    map[string]string // lower-cased code guid -> code name, for the codebook's codes
	rest     []qdpx.Code       // the other codes (themes)
	warnings []string
}

// qdaImported is one coded selection of a codebook code.
type qdaImported struct {
	quotes []int64
	code   string // code name
	user   string // coder's user guid
}

// importQDAGroup imports the codebook group's codes, if the project has
// one, into the study's codebook (names it has are left alone).
func (a *App) importQDAGroup(ctx context.Context, studyID int64, p *qdpx.Project) (qdaGroup, error) {
	g := qdaGroup{names: map[string]string{}}
	var group *qdpx.Code
	for i, c := range p.Codes {
		if !c.Codable && strings.EqualFold(strings.TrimSpace(c.Name), CodebookGroup) && group == nil {
			group = &p.Codes[i]
			continue
		}
		g.rest = append(g.rest, c)
	}
	if group == nil {
		return g, nil
	}
	qdpx.Walk(group.Children, func(c qdpx.Code, _ []qdpx.Code) {
		if c.Codable {
			g.names[strings.ToLower(c.GUID)] = c.Name
		}
	})
	cs, warnings := codebook.FromQDA(&qdpx.Project{Codes: group.Children})
	g.warnings = warnings
	if len(cs) == 0 {
		return g, nil
	}
	defer a.changed(studyID, ChangeCodings)
	added, _, err := a.store.ImportCodes(ctx, studyID, cs, false, time.Now().UTC())
	if err != nil {
		return g, err
	}
	g.warnings = append(g.warnings, fmt.Sprintf("%d codebook codes added (%d already there)", added, len(cs)-added))
	return g, nil
}

// importQDACodings stores the imported codings of the codebook's codes,
// each as its coder's: the consensus as the Consensus coder, a user of
// this Verbatim by the same name as that user, anyone else under a coder
// id of their own (below -1000, from the name), so agreement figures
// compare them. It returns how many codings and coders it stored.
func (a *App) importQDACodings(ctx context.Context, studyID int64, users []qdpx.User, in []qdaImported) (n, coders int, err error) {
	_, codes, err := a.studyCodes(ctx, studyID)
	if err != nil {
		return 0, 0, err
	}
	names := map[string]string{}
	for _, u := range users {
		names[strings.ToLower(u.GUID)] = strings.TrimSpace(u.Name)
	}
	defer a.changed(studyID, ChangeCodings)
	seen := map[int64]bool{}
	now := time.Now().UTC()
	for _, c := range in {
		code, ok := codeNamed(codes, c.code)
		if !ok {
			continue
		}
		id, name, err := a.qdaCoder(ctx, names[strings.ToLower(c.user)])
		if err != nil {
			return n, len(seen), err
		}
		for _, q := range uniqueIDs(c.quotes, len(c.quotes)) {
			if err := a.store.AddCoding(ctx, persona.Coding{StudyID: studyID, CodeID: code.ID, QuoteID: q, CoderID: id, Coder: name, CreatedAt: now}); err != nil {
				return n, len(seen), err
			}
			n++
			seen[id] = true
		}
	}
	return n, len(seen), nil
}

// qdaCoder is the coder id and name an imported coding is stored under.
func (a *App) qdaCoder(ctx context.Context, name string) (int64, string, error) {
	switch {
	case name == "":
		name = "Imported coder"
	case name == ConsensusCoderName:
		return ConsensusCoder, ConsensusCoderName, nil
	}
	u, ok, err := a.importedUser(ctx, name)
	if err != nil {
		return 0, "", err
	}
	if ok {
		return u.ID, u.Name, nil
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return -1000 - int64(h.Sum32()%1_000_000_000), name, nil
}

// importedUser is the user of this Verbatim an imported name stands for;
// ok is false when there is none (or no accounts), and a store error is
// an error, not "no such user".
func (a *App) importedUser(ctx context.Context, name string) (account.User, bool, error) {
	if a.accounts == nil {
		return account.User{}, false, nil
	}
	u, err := a.accounts.UserByName(ctx, name)
	switch {
	case isNotFound(err):
		return account.User{}, false, nil
	case err != nil:
		return account.User{}, false, fmt.Errorf("import: user %q: %w", name, err)
	}
	return u, true, nil
}
