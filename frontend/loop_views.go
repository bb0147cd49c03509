package frontend

// View models of the research-wave, win/loss, field-answer and tracker
// sections (docs/LOOP.md).

// WavesView is the study page's research-wave section.
type WavesView struct {
	Waves      []WaveHead
	Unassigned int
	Chart      WaveChart
	// Rows are the numbers behind the chart, each count linked to its
	// quotes.
	Rows []WaveRow
}

// WaveHead is one wave in the section's heading.
type WaveHead struct {
	Name, Date      string
	Sources, Buyers int
}

// WaveRow is one theme's counts per wave.
type WaveRow struct {
	Label            string
	Trend, TrendText string
	Cells            []WaveCell
}

// WaveCell is one wave's count of a theme with links to its quotes.
type WaveCell struct {
	Raised, Of, Pct int
	Quotes          []QuoteLink
}

// QuoteLink is a numbered link to one quote in its source.
type QuoteLink struct {
	N    int
	Href string
}

// PersonaNews is the persona page's "new since the last wave" card.
type PersonaNews struct {
	Latest, Earlier               string
	MembersLatest, MembersEarlier int
	New                           []NewThemeView
}

// NewThemeView is a theme new in the latest wave.
type NewThemeView struct {
	Label, Ring string
	Raised      int
	Quotes      []QuoteLink
}

// SourceMeta is the source page's wave and outcome card.
type SourceMeta struct {
	SourceID                                      int64
	Wave, Date, Outcome, OutcomeTitle, Competitor string
	// CanWave: the reader may change the wave; CanOutcome: the outcome.
	CanWave, CanOutcome bool
	Outcomes            []Option
	Saved               string
}

// OutcomeView is how many deals of one outcome raise a theme, with links
// to one quote of each.
type OutcomeView struct {
	Outcome, Title string
	Deals          int
	Quotes         []QuoteLink
}

// ObjectionPage is one objection theme's page.
type ObjectionPage struct {
	Base
	ThemeID                   int64
	Label, Ring, Headline     string
	StudyName                 string
	Raised, Of                int
	RaisedBy                  []Raiser
	Outcomes                  []OutcomeView
	Outcome, OutcomeTitle     string
	OutcomeOptions            []Option
	Total                     int
	Quotes                    []ObjectionQuote
	Answers                   []FieldAnswer
	AnswerError, AnswerSaved  string
	AnswerText, AnswerContext string
}

// ObjectionQuote is a buyer quote with its deal's outcome.
type ObjectionQuote struct {
	QuoteView
	Outcome, OutcomeTitle, Competitor string
}

// FieldAnswer is what a sales rep answered to an objection that worked.
type FieldAnswer struct {
	ID                 int64
	Text, Context      string
	By, When, ThemeRef string
	ThemeID            int64
	Mine               bool
}

// WinLossView is the persona page's "objections that come with losses".
type WinLossView struct {
	Outcome, OutcomeTitle string
	Options               []Option
	Deals                 []OutcomeView
	Themes                []WinLossTheme
}

// WinLossTheme is one objection's deals by outcome.
type WinLossTheme struct {
	ThemeID  int64
	Label    string
	Outcomes []OutcomeView
}

// PersonaAnswerGroup is one of a persona's objections with the field
// answers to it.
type PersonaAnswerGroup struct {
	ThemeID int64
	Label   string
	Answers []FieldAnswer
}

// TrackersPage lists the reader's and the teams' trackers, with a form to
// save a new one.
type TrackersPage struct {
	Base
	Trackers []TrackerRow
	Studies  []Option
	Form     TrackerForm
	Error    string
}

// TrackerRow is one tracker in the list.
type TrackerRow struct {
	ID                int64
	Name, Terms, Team string
	Owner, StudyName  string
	Total, New        int
	LastVisit         string
}

// TrackerForm is the new-tracker form's values.
type TrackerForm struct {
	Name, Words, Synonyms, Team string
}

// TrackerPage is one tracker's report.
type TrackerPage struct {
	Base
	ID                 int64
	Name, Team, Owner  string
	Words, Synonyms    []string
	StudyName          string
	LastVisit          string
	FirstVisit         bool
	Total, Read        int
	NewCount, NewNotes int
	New                []TrackerHit
	Weeks              WeekChart
	Earlier            int
	Personas           []Raiser
	Unassigned         int
	CanDelete          bool
	FeedURL            string
}

// TrackerHit is a matching quote on a tracker page.
type TrackerHit struct {
	QuoteView
	Fragment string
	Note     bool
	When     string
	Persona  string
}
