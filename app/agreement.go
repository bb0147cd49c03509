package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/agreement"
	"github.com/verbatimhq/verbatim/persona/store"
)

// UnitDefinition says what agreement counts, for reports and pages.
const UnitDefinition = "A unit is a quote that at least one of the compared coders coded (uncoded text is left out). " +
	"For each code, each coder's value on a unit is 1 (applied) or 0 (not applied), or missing when the coder coded " +
	"nothing in that quote's source. Overall figures pool the decisions on every code any of the compared coders applied. " +
	"Verbatim's coding is the analysis' theme of a quote, counted as the code of the same name. " +
	"The seeded coding (Verbatim (seeded)) is the code it suggested for a quote, its seeds left out. " +
	"Against Verbatim or the seeded coding, which code every quote, a researcher's units are the quotes the researcher coded. " +
	"The consensus (the codes settling a disagreement kept) has a value only on settled quotes."

// CoderRef names a coder; Verbatim is coder 0.
type CoderRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Figures are the agreement coefficients of one comparison. Kappa is only
// computed for two coders.
type Figures struct {
	Percent agreement.Figure  `json:"percent"`
	Kappa   *agreement.Figure `json:"kappa,omitempty"`
	Alpha   agreement.Figure  `json:"alpha"`
}

// CodeAgreement is one code's figures in a comparison.
type CodeAgreement struct {
	CodeID int64  `json:"code_id"`
	Name   string `json:"name"`
	// Applied counts the units the code was applied to by any coder.
	Applied int `json:"applied"`
	Figures
}

// Comparison is the agreement of a set of coders.
type Comparison struct {
	Coders []CoderRef `json:"coders"`
	// Units is how many quotes at least one of them coded; Compared how
	// many of those at least two of them could code (both coded something
	// in the quote's source), the units the figures rest on.
	Units    int             `json:"units"`
	Compared int             `json:"compared"`
	Overall  Figures         `json:"overall"`
	Codes    []CodeAgreement `json:"codes"`
}

// AgreementReport is a study's inter-coder agreement as a reader may see
// it (codings a blind round hides from them are left out).
type AgreementReport struct {
	Study  StudyRef   `json:"study"`
	Unit   string     `json:"unit"`
	Coders []CoderRef `json:"coders"`
	// Comparisons: all researchers together (when more than two), each
	// pair of researchers, and each researcher against Verbatim.
	Comparisons []Comparison `json:"comparisons"`
	// Blind is true when an open round hides some codings from the reader.
	Blind bool `json:"blind"`
}

// codingTable is a study's codings by quote and coder, with what each
// coder covered.
type codingTable struct {
	codes  map[int64]persona.Code
	coders map[int64]string
	// applied[quote][coder] is the set of code ids.
	applied map[int64]map[int64]map[int64]bool
	source  map[int64]int64          // quote -> source
	covers  map[int64]map[int64]bool // coder -> sources
	quotes  []int64                  // coded quotes, ascending
	blind   bool
	// seeds are the quotes the seeded coding was given as seeds, left out
	// of any comparison with the seeded coder (it only repeats them).
	seeds map[int64]bool
	// settled are the quotes a settlement decided: the consensus coder has
	// a value (its codes, or none) there and is missing everywhere else.
	settled map[int64]bool
}

// has reports whether coder has a value on quote q: it coded something in
// q's source (and, for the consensus, q was settled).
func (t *codingTable) has(coder, q int64) bool {
	if coder == ConsensusCoder && !t.settled[q] {
		return false
	}
	return t.covers[coder][t.source[q]]
}

// codingTable loads the codings by may see, with Verbatim's as coder 0.
func (a *App) codingTable(ctx context.Context, studyID int64, by Actor) (*codingTable, error) {
	byID, codes, err := a.studyCodes(ctx, studyID)
	if err != nil {
		return nil, err
	}
	t := &codingTable{codes: byID, coders: map[int64]string{}, applied: map[int64]map[int64]map[int64]bool{},
		source: map[int64]int64{}, covers: map[int64]map[int64]bool{}}
	all, err := a.store.Codings(ctx, store.CodingFilter{StudyID: studyID})
	if err != nil {
		return nil, err
	}
	seen, err := a.visibleCodings(ctx, studyID, by)
	if err != nil {
		return nil, err
	}
	t.blind = len(seen) < len(all)
	quotes, err := a.store.Quotes(ctx, store.QuoteFilter{StudyID: studyID, NoTokens: true})
	if err != nil {
		return nil, err
	}
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return nil, err
	}
	themeCode := map[int64]int64{}
	for _, th := range themes {
		if c, ok := codeNamed(codes, th.Label); ok {
			themeCode[th.ID] = c.ID
		}
	}
	for _, q := range quotes {
		t.source[q.ID] = q.SourceID
		if q.Hidden {
			continue
		}
		if t.covers[VerbatimCoder] == nil && len(themeCode) > 0 {
			t.covers[VerbatimCoder] = map[int64]bool{}
			t.coders[VerbatimCoder] = VerbatimCoderName
		}
		if len(themeCode) > 0 {
			t.covers[VerbatimCoder][q.SourceID] = true // Verbatim codes every source it analysed
		}
		if c, ok := themeCode[q.ThemeID]; ok && q.ThemeID != 0 {
			t.add(q.ID, VerbatimCoder, c)
		}
	}
	if err := t.addSeeded(ctx, a, studyID); err != nil {
		return nil, err
	}
	if err := t.addSettled(ctx, a, studyID, len(seen) < len(all)); err != nil {
		return nil, err
	}
	for _, c := range seen {
		if _, ok := t.source[c.QuoteID]; !ok || c.CoderID == SeededCoder {
			continue
		}
		t.coders[c.CoderID] = c.Coder
		t.add(c.QuoteID, c.CoderID, c.CodeID)
	}
	for q := range t.applied {
		t.quotes = append(t.quotes, q)
	}
	sort.Slice(t.quotes, func(i, j int) bool { return t.quotes[i] < t.quotes[j] })
	return t, nil
}

// compare computes the figures of a set of coders.
func (t *codingTable) compare(coders []CoderRef) Comparison {
	cmp := Comparison{Coders: coders, Codes: []CodeAgreement{}}
	var units []int64
	used := map[int64]int{}
	withSeeded := false
	for _, c := range coders {
		withSeeded = withSeeded || c.ID == SeededCoder
	}
	human, judged := judgedBy(coders)
	for _, q := range t.quotes {
		if withSeeded && t.seeds[q] {
			continue
		}
		if judged && len(t.applied[q][human]) == 0 {
			continue
		}
		in := false
		for _, c := range coders {
			for code := range t.applied[q][c.ID] {
				in = true
				used[code]++
			}
		}
		if in {
			units = append(units, q)
		}
	}
	cmp.Units = len(units)
	for _, q := range units {
		n := 0
		for _, c := range coders {
			if t.has(c.ID, q) {
				n++
			}
		}
		if n >= 2 {
			cmp.Compared++
		}
	}
	var codeIDs []int64
	for id := range used {
		codeIDs = append(codeIDs, id)
	}
	sort.Slice(codeIDs, func(i, j int) bool {
		return strings.ToLower(t.codes[codeIDs[i]].Name) < strings.ToLower(t.codes[codeIDs[j]].Name)
	})
	var pooled agreement.Data
	for _, code := range codeIDs {
		var d agreement.Data
		for _, q := range units {
			row := make([]string, len(coders))
			for i, c := range coders {
				switch {
				case !t.has(c.ID, q):
					row[i] = agreement.Missing
				case t.applied[q][c.ID][code]:
					row[i] = "1"
				default:
					row[i] = "0"
				}
			}
			d = append(d, row)
		}
		pooled = append(pooled, d...)
		cmp.Codes = append(cmp.Codes, CodeAgreement{CodeID: code, Name: t.codes[code].Name, Applied: used[code], Figures: figures(d, len(coders))})
	}
	cmp.Overall = figures(pooled, len(coders))
	return cmp
}

func figures(d agreement.Data, coders int) Figures {
	f := Figures{Percent: agreement.Percent(d), Alpha: agreement.KrippendorffAlpha(d)}
	if coders == 2 {
		a, b := make([]string, len(d)), make([]string, len(d))
		for i, row := range d {
			a[i], b[i] = row[0], row[1]
		}
		k := agreement.CohenKappa(a, b)
		f.Kappa = &k
	}
	return f
}

// automatic reports a coder that codes every quote it reads: Verbatim's
// themes and the seeded coding.
func automatic(id int64) bool { return id == VerbatimCoder || id == SeededCoder }

// judgedBy is the researcher whose codings bound a comparison's units:
// compared with automatic coders only, a researcher judged the quotes
// they coded, not every quote of the sources they coded in (an automatic
// coder's code there would count against their silence). ok is false for
// any other comparison (researchers among themselves, the consensus).
func judgedBy(coders []CoderRef) (human int64, ok bool) {
	humans := 0
	for _, c := range coders {
		switch {
		case automatic(c.ID):
		case c.ID == ConsensusCoder:
			return 0, false
		default:
			human = c.ID
			humans++
		}
	}
	return human, humans == 1 && len(coders) > 1
}

// researchers are the table's human coders by name.
func (t *codingTable) researchers() []CoderRef {
	var out []CoderRef
	for id, name := range t.coders {
		if id != VerbatimCoder && id != SeededCoder && id != ConsensusCoder {
			out = append(out, CoderRef{ID: id, Name: name})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Name < out[j].Name || out[i].Name == out[j].Name && out[i].ID < out[j].ID
	})
	return out
}

// Agreement reports a study's inter-coder agreement for by.
func (a *App) Agreement(ctx context.Context, studyID int64, by Actor) (AgreementReport, error) {
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return AgreementReport{}, err
	}
	rep := AgreementReport{Study: StudyRef{ID: st.ID, Name: st.Name}, Unit: UnitDefinition, Coders: []CoderRef{}, Comparisons: []Comparison{}}
	t, err := a.codingTable(ctx, studyID, by)
	if err != nil {
		return rep, err
	}
	rep.Blind = t.blind
	people := t.researchers()
	rep.Coders = append(rep.Coders, people...)
	if _, ok := t.coders[VerbatimCoder]; ok {
		rep.Coders = append(rep.Coders, CoderRef{ID: VerbatimCoder, Name: VerbatimCoderName})
	}
	if _, ok := t.coders[SeededCoder]; ok {
		rep.Coders = append(rep.Coders, CoderRef{ID: SeededCoder, Name: SeededCoderName})
	}
	if len(people) > 2 {
		rep.Comparisons = append(rep.Comparisons, t.compare(people))
	}
	for i := range people {
		for j := i + 1; j < len(people); j++ {
			rep.Comparisons = append(rep.Comparisons, t.compare([]CoderRef{people[i], people[j]}))
		}
	}
	if _, ok := t.coders[VerbatimCoder]; ok {
		for _, p := range people {
			rep.Comparisons = append(rep.Comparisons, t.compare([]CoderRef{p, {ID: VerbatimCoder, Name: VerbatimCoderName}}))
		}
	}
	if _, ok := t.coders[SeededCoder]; ok {
		for _, p := range people {
			rep.Comparisons = append(rep.Comparisons, t.compare([]CoderRef{p, {ID: SeededCoder, Name: SeededCoderName}}))
		}
	}
	if _, ok := t.coders[ConsensusCoder]; ok {
		rep.Coders = append(rep.Coders, CoderRef{ID: ConsensusCoder, Name: ConsensusCoderName})
		consensus := CoderRef{ID: ConsensusCoder, Name: ConsensusCoderName}
		for _, p := range rep.Coders {
			if p.ID != ConsensusCoder {
				rep.Comparisons = append(rep.Comparisons, t.compare([]CoderRef{p, consensus}))
			}
		}
	}
	return rep, nil
}

// Disagreement is a quote two coders coded differently.
type Disagreement struct {
	Quote      QuoteRef            `json:"quote"`
	First      []persona.Code      `json:"first"`
	Second     []persona.Code      `json:"second"`
	Settlement *persona.Settlement `json:"settlement,omitempty"`
}

// Disagreements is two coders' disagreements in a study.
type Disagreements struct {
	Study  StudyRef       `json:"study"`
	First  CoderRef       `json:"first"`
	Second CoderRef       `json:"second"`
	Coders []CoderRef     `json:"coders"`
	Units  int            `json:"units"`
	Items  []Disagreement `json:"items"`
	// Settled counts the listed disagreements already settled.
	Settled int `json:"settled"`
}

// maxDisagreements caps the list.
const maxDisagreements = 300

// sets are two coders' code sets on quotes both covered and one coded,
// where they differ.
func (t *codingTable) differences(first, second int64) (units int, diff []int64) {
	human, judged := judgedBy([]CoderRef{{ID: first}, {ID: second}})
	for _, q := range t.quotes {
		if (first == SeededCoder || second == SeededCoder) && t.seeds[q] {
			continue
		}
		if judged && len(t.applied[q][human]) == 0 {
			continue
		}
		if !t.has(first, q) || !t.has(second, q) {
			continue
		}
		a, b := t.applied[q][first], t.applied[q][second]
		if len(a) == 0 && len(b) == 0 {
			continue
		}
		units++
		if !sameSet(a, b) {
			diff = append(diff, q)
		}
	}
	return units, diff
}

func sameSet(a, b map[int64]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func (t *codingTable) codeList(set map[int64]bool) []persona.Code {
	out := []persona.Code{}
	for id := range set {
		out = append(out, t.codes[id])
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// Disagreements lists the quotes two coders (Verbatim is 0) coded
// differently, among those both covered, with any settlement.
func (a *App) Disagreements(ctx context.Context, studyID, first, second int64, by Actor) (Disagreements, error) {
	st, err := a.store.Study(ctx, studyID)
	if err != nil {
		return Disagreements{}, err
	}
	t, err := a.codingTable(ctx, studyID, by)
	if err != nil {
		return Disagreements{}, err
	}
	out := Disagreements{Study: StudyRef{ID: st.ID, Name: st.Name}, Items: []Disagreement{}, Coders: t.researchers()}
	if _, ok := t.coders[VerbatimCoder]; ok {
		out.Coders = append(out.Coders, CoderRef{ID: VerbatimCoder, Name: VerbatimCoderName})
	}
	n1, ok1 := t.coders[first]
	n2, ok2 := t.coders[second]
	if !ok1 || !ok2 || first == second {
		return out, fmt.Errorf("disagreements: pick two different coders with codings you may see: %w", persona.ErrNotFound)
	}
	out.First, out.Second = CoderRef{ID: first, Name: n1}, CoderRef{ID: second, Name: n2}
	units, diff := t.differences(first, second)
	out.Units = units
	if len(diff) > maxDisagreements {
		diff = diff[:maxDisagreements]
	}
	refs, err := a.quoteRefs(ctx, studyID, diff)
	if err != nil {
		return out, err
	}
	settled, err := a.store.Settlements(ctx, studyID)
	if err != nil {
		return out, err
	}
	key := pairKey(first, second)
	byQuote := map[int64]persona.Settlement{}
	for _, s := range settled {
		if s.Coders == key {
			byQuote[s.QuoteID] = s
		}
	}
	for _, q := range diff {
		d := Disagreement{Quote: refs[q], First: t.codeList(t.applied[q][first]), Second: t.codeList(t.applied[q][second])}
		if s, ok := byQuote[q]; ok {
			d.Settlement = &s
			out.Settled++
		}
		out.Items = append(out.Items, d)
	}
	return out, nil
}

// pairKey orders a coder pair for storage.
func pairKey(a, b int64) [2]int64 {
	if a > b {
		a, b = b, a
	}
	return [2]int64{a, b}
}

// Settle records how a disagreement between two coders on a quote is
// settled: the first's codes, the second's, both (their union) or none.
func (a *App) Settle(ctx context.Context, quoteID, first, second int64, choice string, by Actor) (persona.Settlement, error) {
	q, err := a.store.Quote(ctx, quoteID)
	if err != nil {
		return persona.Settlement{}, err
	}
	t, err := a.codingTable(ctx, q.StudyID, by)
	if err != nil {
		return persona.Settlement{}, err
	}
	if _, ok := t.coders[first]; !ok || first == second {
		return persona.Settlement{}, fmt.Errorf("settle: coder %d has no codings you may see: %w", first, persona.ErrNotFound)
	}
	if _, ok := t.coders[second]; !ok {
		return persona.Settlement{}, fmt.Errorf("settle: coder %d has no codings you may see: %w", second, persona.ErrNotFound)
	}
	pick := map[int64]bool{}
	switch choice {
	case persona.SettleFirst:
		pick = t.applied[q.ID][first]
	case persona.SettleSecond:
		pick = t.applied[q.ID][second]
	case persona.SettleBoth:
		for k := range t.applied[q.ID][first] {
			pick[k] = true
		}
		for k := range t.applied[q.ID][second] {
			pick[k] = true
		}
	case persona.SettleNone:
	default:
		return persona.Settlement{}, fmt.Errorf("settle: choice %.20q: use first, second, both or none: %w", choice, persona.ErrInvalid)
	}
	ids := []int64{}
	for _, c := range t.codeList(pick) {
		ids = append(ids, c.ID)
	}
	key := pairKey(first, second)
	if key[0] != first && (choice == persona.SettleFirst || choice == persona.SettleSecond) {
		choice = map[string]string{persona.SettleFirst: persona.SettleSecond, persona.SettleSecond: persona.SettleFirst}[choice]
	}
	s := persona.Settlement{StudyID: q.StudyID, QuoteID: q.ID, Coders: key, Choice: choice, CodeIDs: ids, ByID: by.ID, By: by.Name, CreatedAt: time.Now().UTC()}
	defer a.changed(q.StudyID, ChangeCodings)
	return s, a.store.Settle(ctx, s, &persona.Coding{CoderID: ConsensusCoder, Coder: ConsensusCoderName})
}

// addSeeded adds the seeded coding's suggestions as SeededCoder's
// codings: it covers every source it coded, and the quotes it was given as
// seeds are left out of its comparisons. A decided suggestion keeps what
// was suggested, so a researcher's decision counts against it.
func (t *codingTable) addSeeded(ctx context.Context, a *App, studyID int64) error {
	ss, err := a.store.Suggestions(ctx, studyID)
	if err != nil || len(ss) == 0 {
		return err
	}
	t.seeds = map[int64]bool{}
	t.coders[SeededCoder] = SeededCoderName
	t.covers[SeededCoder] = map[int64]bool{}
	for _, s := range ss {
		src, ok := t.source[s.QuoteID]
		if !ok {
			continue
		}
		t.covers[SeededCoder][src] = true
		switch {
		case s.Seeded:
			t.seeds[s.QuoteID] = true
		case s.CodeID != 0 && t.codes[s.CodeID].ID != 0:
			t.add(s.QuoteID, SeededCoder, s.CodeID)
		}
	}
	return nil
}

// add records that coder applied code to quote.
func (t *codingTable) add(quote, coder, code int64) {
	if t.applied[quote] == nil {
		t.applied[quote] = map[int64]map[int64]bool{}
	}
	if t.applied[quote][coder] == nil {
		t.applied[quote][coder] = map[int64]bool{}
	}
	t.applied[quote][coder][code] = true
	if t.covers[coder] == nil {
		t.covers[coder] = map[int64]bool{}
	}
	t.covers[coder][t.source[quote]] = true
}

// addSettled marks the settled quotes, where the consensus coder has a
// value even when the settlement kept no code. hidden is true when a blind
// round hides codings from the reader: settlements are then left out too.
func (t *codingTable) addSettled(ctx context.Context, a *App, studyID int64, hidden bool) error {
	if hidden {
		return nil
	}
	ss, err := a.store.Settlements(ctx, studyID)
	if err != nil || len(ss) == 0 {
		return err
	}
	t.settled = map[int64]bool{}
	for _, s := range ss {
		src, ok := t.source[s.QuoteID]
		if !ok {
			continue
		}
		t.settled[s.QuoteID] = true
		t.coders[ConsensusCoder] = ConsensusCoderName
		if t.covers[ConsensusCoder] == nil {
			t.covers[ConsensusCoder] = map[int64]bool{}
		}
		t.covers[ConsensusCoder][src] = true
	}
	return nil
}
