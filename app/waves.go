package app

import (
	"context"
	"fmt"
	"sort"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
	"github.com/verbatimhq/verbatim/persona/store"
)

// WaveAlpha is the significance level of a wave-to-wave change: a theme is
// badged rising or falling only when the two-proportion test's p-value is
// below it.
const WaveAlpha = 0.05

// Trend directions.
const (
	TrendRising  = "rising"
	TrendFalling = "falling"
)

// WaveReport is how a study's themes move from one research wave to the
// next: the share of each wave's buyers who raise each theme, and a
// two-proportion z-test between consecutive waves.
type WaveReport struct {
	StudyID int64 `json:"study_id"`
	// Waves in order: by their earliest dated source, waves without any
	// date after the dated ones by name.
	Waves []Wave `json:"waves"`
	// Unassigned is how many of the study's sources belong to no wave
	// (they are left out of the shares).
	Unassigned int          `json:"unassigned"`
	Alpha      float64      `json:"alpha"`
	Themes     []ThemeTrend `json:"themes"`
}

// Wave is one round of research.
type Wave struct {
	Name string `json:"name"`
	// Date is the earliest date of its sources ("" when none has one).
	Date      string  `json:"date"`
	SourceIDs []int64 `json:"source_ids"`
	// Buyers is the number of buyers (not interviewers) in its sources:
	// the denominator of its shares.
	Buyers int `json:"buyers"`
}

// ThemeTrend is one theme across the waves.
type ThemeTrend struct {
	ThemeID int64        `json:"theme_id"`
	Label   string       `json:"label"`
	Ring    persona.Ring `json:"ring"`
	Shares  []WaveShare  `json:"shares"`
	// Changes compares each wave with the one before (len(Waves)-1).
	Changes []WaveChange `json:"changes"`
	// Trend is TrendRising or TrendFalling when the change into the latest
	// wave is significant, else "".
	Trend string `json:"trend,omitempty"`
}

// WaveShare is how many of a wave's buyers raise a theme.
type WaveShare struct {
	Wave   string  `json:"wave"`
	Raised int     `json:"raised"`
	Of     int     `json:"of"`
	Share  float64 `json:"share"`
	// Quotes are one quote of each raising buyer (their first in the
	// theme): the count is traceable to them.
	Quotes []QuoteLoc `json:"quotes"`
}

// QuoteLoc says where a quote is: its id and its source's.
type QuoteLoc struct {
	ID       int64 `json:"id"`
	SourceID int64 `json:"source_id"`
}

// WaveChange is the two-proportion test of one wave against the previous.
type WaveChange struct {
	From string  `json:"from"`
	To   string  `json:"to"`
	Diff float64 `json:"diff"`
	Z    float64 `json:"z"`
	// P is the two-sided p-value of Test: "z", the pooled two-proportion
	// z-test, or "fisher", Fisher's exact test, used instead when an
	// expected cell count is under 5 (the z-test's normal approximation
	// does not hold for so few buyers).
	P    float64 `json:"p"`
	Test string  `json:"test"`
	// Tested is false when the test is undefined (an empty wave, or a
	// theme nobody or everybody raises in both).
	Tested bool `json:"tested"`
	// Direction is TrendRising or TrendFalling when significant, else "".
	Direction string `json:"direction,omitempty"`
}

// studyWaves groups a study's sources into ordered waves.
func (a *App) studyWaves(ctx context.Context, studyID int64) ([]Wave, map[int64]int, int, error) {
	srcs, err := a.store.Sources(ctx, studyID)
	if err != nil {
		return nil, nil, 0, err
	}
	metas, err := a.store.SourceMetas(ctx, studyID)
	if err != nil {
		return nil, nil, 0, err
	}
	idx := map[string]int{}
	var waves []Wave
	waveOf := map[int64]int{} // source id -> index into waves (before sorting)
	unassigned := 0
	for _, s := range srcs {
		m := metas[s.ID]
		if m.Wave == "" {
			unassigned++
			continue
		}
		i, ok := idx[m.Wave]
		if !ok {
			i = len(waves)
			idx[m.Wave] = i
			waves = append(waves, Wave{Name: m.Wave})
		}
		w := &waves[i]
		w.SourceIDs = append(w.SourceIDs, s.ID)
		if m.Date != "" && (w.Date == "" || m.Date < w.Date) {
			w.Date = m.Date
		}
		waveOf[s.ID] = i
	}
	order := make([]int, len(waves))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		wi, wj := waves[order[i]], waves[order[j]]
		if (wi.Date == "") != (wj.Date == "") {
			return wi.Date != ""
		}
		if wi.Date != wj.Date {
			return wi.Date < wj.Date
		}
		return wi.Name < wj.Name
	})
	rank := make([]int, len(waves))
	sorted := make([]Wave, len(waves))
	for r, i := range order {
		rank[i] = r
		sorted[r] = waves[i]
	}
	for id, i := range waveOf {
		waveOf[id] = rank[i]
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID, BuyersOnly: true})
	if err != nil {
		return nil, nil, 0, err
	}
	for _, p := range parts {
		if i, ok := waveOf[p.SourceID]; ok {
			sorted[i].Buyers++
		}
	}
	return sorted, waveOf, unassigned, nil
}

// Waves reports the study's themes wave by wave.
func (a *App) Waves(ctx context.Context, studyID int64) (WaveReport, error) {
	rep := WaveReport{StudyID: studyID, Waves: []Wave{}, Themes: []ThemeTrend{}, Alpha: WaveAlpha}
	if _, err := a.store.Study(ctx, studyID); err != nil {
		return rep, err
	}
	waves, waveOf, unassigned, err := a.studyWaves(ctx, studyID)
	if err != nil {
		return rep, err
	}
	rep.Waves, rep.Unassigned = waves, unassigned
	if len(waves) == 0 {
		return rep, nil
	}
	mentions, err := a.store.ThemeMentions(ctx, studyID)
	if err != nil {
		return rep, err
	}
	themes, err := a.store.Themes(ctx, studyID)
	if err != nil {
		return rep, err
	}
	quotes := map[int64][][]QuoteLoc{} // theme -> wave -> quote per raising buyer
	for _, m := range mentions {
		w, ok := waveOf[m.SourceID]
		if !ok {
			continue
		}
		if quotes[m.ThemeID] == nil {
			quotes[m.ThemeID] = make([][]QuoteLoc, len(waves))
		}
		quotes[m.ThemeID][w] = append(quotes[m.ThemeID][w], QuoteLoc{ID: m.QuoteID, SourceID: m.SourceID})
	}
	total := map[int64]int{}
	for _, t := range themes {
		byWave, ok := quotes[t.ID]
		if !ok {
			continue
		}
		tr := ThemeTrend{ThemeID: t.ID, Label: t.Label, Ring: t.Ring, Shares: make([]WaveShare, len(waves)), Changes: []WaveChange{}}
		for i, w := range waves {
			ids := byWave[i]
			if ids == nil {
				ids = []QuoteLoc{}
			}
			sh := WaveShare{Wave: w.Name, Raised: len(ids), Of: w.Buyers, Quotes: ids}
			if w.Buyers > 0 {
				sh.Share = float64(len(ids)) / float64(w.Buyers)
			}
			tr.Shares[i] = sh
			total[t.ID] += len(ids)
		}
		for i := 1; i < len(waves); i++ {
			tr.Changes = append(tr.Changes, waveChange(tr.Shares[i-1], tr.Shares[i]))
		}
		if n := len(tr.Changes); n > 0 {
			tr.Trend = tr.Changes[n-1].Direction
		}
		rep.Themes = append(rep.Themes, tr)
	}
	sort.SliceStable(rep.Themes, func(i, j int) bool {
		ti, tj := rep.Themes[i], rep.Themes[j]
		if total[ti.ThemeID] != total[tj.ThemeID] {
			return total[ti.ThemeID] > total[tj.ThemeID]
		}
		return ti.ThemeID < tj.ThemeID
	})
	return rep, nil
}

// minExpected is the smallest expected cell count for which the z-test is
// trusted (Cochran's rule); below it Fisher's exact test decides.
const minExpected = 5

// waveChange tests one wave's share against the previous one's.
func waveChange(from, to WaveShare) WaveChange {
	t := analysis.TwoProportionZ(from.Raised, from.Of, to.Raised, to.Of)
	c := WaveChange{From: from.Wave, To: to.Wave, Diff: t.Diff, Z: t.Z, P: t.P, Test: "z", Tested: t.OK}
	if t.OK && analysis.ExpectedMin(from.Raised, from.Of, to.Raised, to.Of) < minExpected {
		c.P, c.Test = analysis.FisherExact(from.Raised, from.Of, to.Raised, to.Of), "fisher"
	}
	if c.Tested && c.P < WaveAlpha {
		c.Direction = TrendRising
		if t.Diff < 0 {
			c.Direction = TrendFalling
		}
	}
	return c
}

// SetSourceWave puts a source in a research wave collected on date
// (YYYY-MM-DD or ""); an empty wave takes it out of every wave.
func (a *App) SetSourceWave(ctx context.Context, sourceID int64, wave, date string) (persona.SourceMeta, error) {
	wave, date, err := persona.CleanWave(wave, date)
	if err != nil {
		return persona.SourceMeta{}, err
	}
	src, err := a.store.Source(ctx, sourceID)
	if err != nil {
		return persona.SourceMeta{}, err
	}
	defer a.changed(src.StudyID, ChangeLabels)
	if err := a.store.SetSourceWave(ctx, sourceID, wave, date); err != nil {
		return persona.SourceMeta{}, err
	}
	return a.store.SourceMeta(ctx, sourceID)
}

// PersonaNews is what changed for a persona in the latest wave.
type PersonaNews struct {
	// Latest is the study's latest wave, Earlier the waves before it
	// (empty when the study has fewer than two waves).
	Latest  string   `json:"latest"`
	Earlier []string `json:"earlier"`
	// MembersLatest and MembersEarlier are how many of the persona's
	// buyers come from the latest wave and from the earlier ones; themes
	// can only be "new" when both are non-zero.
	MembersLatest  int `json:"members_latest"`
	MembersEarlier int `json:"members_earlier"`
	// New are the themes the persona's buyers of the latest wave raise
	// that none of its buyers of earlier waves raised.
	New []NewTheme `json:"new"`
}

// NewTheme is a theme new in the latest wave, with who raises it.
type NewTheme struct {
	ThemeID int64        `json:"theme_id"`
	Label   string       `json:"label"`
	Ring    persona.Ring `json:"ring"`
	Raised  int          `json:"raised"`
	Quotes  []QuoteLoc   `json:"quotes"`
}

// PersonaWaves says which themes are new for a persona since the waves
// before the latest one.
func (a *App) PersonaWaves(ctx context.Context, personaID int64) (PersonaNews, error) {
	out := PersonaNews{Earlier: []string{}, New: []NewTheme{}}
	p, err := a.store.Persona(ctx, personaID)
	if err != nil {
		return out, err
	}
	waves, waveOf, _, err := a.studyWaves(ctx, p.StudyID)
	if err != nil || len(waves) < 2 {
		return out, err
	}
	last := len(waves) - 1
	out.Latest = waves[last].Name
	for _, w := range waves[:last] {
		out.Earlier = append(out.Earlier, w.Name)
	}
	members := map[int64]bool{}
	for _, id := range p.ParticipantIDs {
		members[id] = true
	}
	parts, err := a.store.ParticipantsByID(ctx, p.ParticipantIDs)
	if err != nil {
		return out, err
	}
	for _, x := range parts {
		if w, ok := waveOf[x.SourceID]; ok && w == last {
			out.MembersLatest++
		} else if ok {
			out.MembersEarlier++
		}
	}
	if out.MembersLatest == 0 || out.MembersEarlier == 0 {
		return out, nil
	}
	mentions, err := a.store.ThemeMentions(ctx, p.StudyID)
	if err != nil {
		return out, err
	}
	before := map[int64]bool{}
	latest := map[int64][]QuoteLoc{}
	for _, m := range mentions {
		w, ok := waveOf[m.SourceID]
		if !ok || !members[m.ParticipantID] {
			continue
		}
		if w == last {
			latest[m.ThemeID] = append(latest[m.ThemeID], QuoteLoc{ID: m.QuoteID, SourceID: m.SourceID})
		} else {
			before[m.ThemeID] = true
		}
	}
	ids := make([]int64, 0, len(latest))
	for id := range latest {
		if !before[id] {
			ids = append(ids, id)
		}
	}
	themes, err := a.cachedThemes(ctx, ids)
	if err != nil {
		return out, err
	}
	for id, qs := range latest {
		if before[id] {
			continue
		}
		t, ok := themes[id]
		if !ok {
			continue // deleted since
		}
		out.New = append(out.New, NewTheme{ThemeID: id, Label: t.Label, Ring: t.Ring, Raised: len(qs), Quotes: qs})
	}
	sort.Slice(out.New, func(i, j int) bool {
		if out.New[i].Raised != out.New[j].Raised {
			return out.New[i].Raised > out.New[j].Raised
		}
		return out.New[i].ThemeID < out.New[j].ThemeID
	})
	return out, nil
}

// WaveLabel describes a wave for a page: its name and date.
func WaveLabel(w Wave) string {
	if w.Date == "" {
		return w.Name
	}
	return fmt.Sprintf("%s (%s)", w.Name, w.Date)
}
