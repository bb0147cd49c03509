package frontend

import "github.com/verbatimhq/verbatim/persona"

// View models: plain data the api package fills and the templates show.
// Every string is escaped by html/template when rendered.

// Base is what every page's layout needs.
type Base struct {
	Title string
	User  User
	Can   Perms
	// Nav names the active section: studies, personas, themes, search, admin.
	Nav string
	// StudyID is the study the page belongs to, for the nav links (0 = none).
	StudyID int64
	Flash   string
}

// User is the signed-in user (zero when anonymous).
type User struct {
	Name string
	Role string
}

// Perms are what the user may do, for showing links and forms.
type Perms struct {
	Upload, Edit, EditPersona, Export, Note, Admin, Code bool
}

// Option is one choice of a select.
type Option struct {
	Value, Label string
	Selected     bool
}

// KV is a labelled value.
type KV struct {
	Key, Value string
}

// SignIn is the sign-in page.
type SignIn struct {
	Base
	Name, Next, Error string
}

// ErrorPage explains why a page could not be shown.
type ErrorPage struct {
	Base
	Status    int
	Heading   string
	Message   string
	RequestID string
}

// Studies is the studies dashboard.
type Studies struct {
	Base
	Studies []StudyCard
}

// StudyCard is a study with its counts.
type StudyCard struct {
	ID                            int64
	Name                          string
	Sources, Participants, Quotes int
	Personas, Themes              int
	LastAnalysis                  string
	Running                       bool
}

// Study is one study's dashboard.
type Study struct {
	Base
	Study   StudyCard
	Stage   string
	Chart   BarChart
	Heatmap Heatmap
	Sources []SourceRow
	// NonAnswers is the sum of the sources' non-answers.
	NonAnswers int
	Personas   []PersonaLink
	// Waves is the research-wave section (nil when no source has a wave).
	Waves *WavesView
	// Privacy is the privacy form (nil unless the user may edit).
	Privacy *PrivacyView
	// Shared is the "Shared with" section (docs/ACCESS.md).
	Shared SharedWith
}

// SharedWith is who sees a study: its owner, the roles and users it is
// shared with; CanManage shows the forms to change it (owner, admin).
type SharedWith struct {
	Owner     string
	Members   []SharedMember
	CanManage bool
	// Roles are the roles it can be shared with.
	Roles []string
}

// SharedMember is one grant: a whole role or one user.
type SharedMember struct {
	Role, User string
	UserID     int64
}

// PersonaLink names a persona.
type PersonaLink struct {
	ID   int64
	Name string
	Size int
}

// SourceRow is one line of a study's sources table.
type SourceRow struct {
	ID                   int64
	Name, Kind, Format   string
	Imported             string
	Participants, Quotes int
	Warnings             int
	// NonAnswers counts a survey's answers set aside as non-answers.
	NonAnswers int
}

// NonAnswersPage lists a survey source's answers set aside as
// non-answers.
type NonAnswersPage struct {
	Base
	StudyName, SourceName string
	SourceID              int64
	Total                 int
	Answers               []NonAnswerRow
}

// NonAnswerRow is one non-answer.
type NonAnswerRow struct {
	Respondent, Text string
	Row              int
	// Question is the survey column answered; empty when the survey was
	// stored before columns were kept.
	Question string
}

// Upload is the upload page, with results after a form post.
type Upload struct {
	Base
	StudyName string
	MaxFiles  int
	MaxSize   string
	Results   []UploadResult
	// Stage is the analysis stage after a form post ("" before).
	Stage string
	// Speakers is the study's setting: is the same speaker name in
	// several files one person (auto, same, separate)?
	Speakers string
}

// UploadResult is one uploaded file's outcome.
type UploadResult struct {
	File, Status, Message, Format string
	SourceID                      int64
	Quotes                        int
}

// SourcePage is the source view.
type SourcePage struct {
	Base
	Source       SourceHead
	Participants []ParticipantRow
	Turns        []TurnView
	Respondents  []Respondent
	Survey       bool
	// Analysing: the study's analysis is queued or running (after a role
	// change, say), so quotes without a ring are not yet classified.
	Analysing bool
	Meta      SourceMeta
	// CanDelete shows the delete button beside each participant.
	CanDelete bool
	// Originals are what the pseudonyms replaced (admins only).
	Originals []OriginalRow
	Deleted   bool
}

// SourceHead describes a source.
type SourceHead struct {
	ID                            int64
	StudyName, Name, Kind, Format string
	Imported                      string
	Quotes                        int
	Warnings                      []string
}

// ParticipantRow is a speaker or respondent of a source.
type ParticipantRow struct {
	ID          int64
	Label       string
	Interviewer bool
	RoleSet     bool
	PersonaID   int64
	Persona     string
	Quotes      int
	// Switchable is true when the role may be changed (transcripts).
	Switchable bool
	// AlsoIn are the other files whose rows the study's speakers setting
	// makes the same person: deleting the participant deletes them too.
	AlsoIn []string
}

// TurnView is one turn of a transcript or one survey answer, cut into
// segments at the quotes it holds.
type TurnView struct {
	Speaker     string
	Interviewer bool
	Position    string
	Question    string
	Segments    []Segment
}

// Segment is a piece of a turn's text; QuoteID is set when it is a quote.
type Segment struct {
	Text      string
	QuoteID   int64
	Ring      string
	RingTitle string
	Theme     string
	Hidden    bool
	// Pending: no ring yet because the analysis has not reached it.
	Pending bool
	// Codable: the reader may code the quote (a link to the coding page).
	Codable bool
}

// Respondent is a survey respondent with closed and open answers.
type Respondent struct {
	ID         int64
	Label      string
	Persona    string
	PersonaID  int64
	Attributes []KV
	Answers    []TurnView
}

// Personas is a study's persona gallery.
type Personas struct {
	Base
	StudyName string
	Buyers    int
	Cards     []PersonaCard
}

// PersonaCard summarises a persona.
type PersonaCard struct {
	ID        int64
	Name      string
	Size, Of  int
	Traits    []Share
	TopThemes []string
}

// Share is a value and how often it occurs.
type Share struct {
	Key   string
	Label string
	N, Of int
	Pct   int
}

// PersonaPage is one persona.
type PersonaPage struct {
	Base
	ID        int64
	StudyName string
	Name      string
	Notes     string
	Size, Of  int
	Profile   []AttrDist
	// Roles are the roles two or more members state about themselves,
	// with quotes; OneRoleEach the roles one member states.
	Roles       []RoleView
	OneRoleEach []RoleView
	Rings       []RingView
	Distinct    []LiftView
	Members     []KV
	// News: themes new since the earlier waves (nil with fewer than two).
	News *PersonaNews
	// WinLoss: the objections that come with each deal outcome (nil when
	// no deal of the persona's buyers has one).
	WinLoss *WinLossView
	// Answers are what sales reps answered to its objections.
	Answers []PersonaAnswerGroup
	// Codes are the codebook codes researchers applied to its buyers.
	Codes []PersonaCodeView
}

// RoleView is a role N of a persona's Of members state, in their words.
type RoleView struct {
	Role   string
	N, Of  int
	Pct    int
	Quotes []QuoteView
}

// AttrDist is one attribute's distribution within a persona.
type AttrDist struct {
	Name   string
	Values []Share
}

// RingView is one ring of buying insight with its top themes.
type RingView struct {
	Ring, Title, Blurb string
	Themes             []ThemeView
}

// ThemeView is a theme as a persona raises it.
type ThemeView struct {
	ID         int64
	Label      string
	Headline   string // the theme's most central short sentence
	Raised, Of int
	Pct        int
	Quotes     []QuoteView
	// Count is how many quotes the theme holds: a theme with no headline
	// and no quote to show says so and links to them.
	Count int
	// Survey is the study-wide sizing ("raised by 4 of 14 interviewees;
	// 31% ± 7% of 174 surveyed"), SurveyRange its exact interval.
	Survey, SurveyRange string
}

// QuoteView is a quote with its attribution.
type QuoteView struct {
	ID, SourceID                        int64
	Text, Participant, Source, Position string
}

// Shown is the quote in clean verbatim (persona.CleanVerbatim: no "um",
// stutters or cut-off starts): what a marketer reads and copies. Text, the
// original, stays in the source it links to and in the quote's title.
func (q QuoteView) Shown() string { return persona.CleanVerbatim(q.Text) }

// LiftView is what sets a persona apart.
type LiftView struct {
	Label       string
	Share, Rest int
	Lift        string
}

// ThemesPage is the researchers' theme editor.
type ThemesPage struct {
	Base
	StudyName string
	Rings     []ThemeRing
	RingOpts  []Option
}

// ThemeRing groups the themes of one ring.
type ThemeRing struct {
	Ring, Title string
	Themes      []ThemeRow
}

// ThemeRow is a theme with its counts and some quotes to edit.
type ThemeRow struct {
	ID                                int64
	Label                             string
	Headline                          string // the theme's most central short sentence
	Ring                              string
	Quotes, Participants, Of, Sources int
	Coverage                          int
	Recurring                         bool
	Items                             []ThemeQuote
	More                              int
	// Survey is the study-wide survey sizing, SurveyRange its interval.
	Survey, SurveyRange string
}

// ThemeQuotes is one theme's quote editor, loaded when the theme is
// opened on the themes page (template "theme-quotes").
type ThemeQuotes struct {
	StudyID  int64
	RingOpts []Option
	Theme    ThemeRow
}

// ThemeQuote is a quote in the theme editor.
type ThemeQuote struct {
	QuoteView
	Ring   string
	Hidden bool
	Top    bool
}

// SearchPage is the sales reps' objection search.
type SearchPage struct {
	Base
	Q string
	// Outcome filters the objections to deals that ended so ("" for all).
	Outcome string
	Studies []Option
	// StudyName is the study searched ("" with AllStudies); StudyID (in
	// Base) its id.
	StudyName  string
	AllStudies bool
	// AllRings: quotes of every ring, not only perceived barriers.
	AllRings bool
	// NoteStudies are the field-note form's study choices, the one it
	// posts to selected.
	NoteStudies []Option
	Total       uint64
	// TotalCapped: Total is a lower bound (the search backend stopped
	// counting there).
	TotalCapped bool
	Hits        []Hit
	// Said are the objection answer's ranked quotes (those that say the
	// concern, complaints first), shown before the plain search's list on
	// its first page when no filter narrows it.
	Said       []Hit
	Facets     []FacetGroup
	Active     []FacetValue
	Objections []Objection
	Values     []PersonaValues
	// Concern is what the objection's quotes had to say ("price or cost",
	// or "one of: spreadsheets, excel" for a query that judges nothing);
	// Unanswered: no quote says it, so no objection is shown, and SetAside
	// quotes only shared the query's words.
	Concern     string
	Unanswered  bool
	SetAside    int
	Error       string
	NoteSaved   string
	NoteError   string
	Note        NoteForm
	Stages      []string
	Suggestions []string
	Page        int
	PrevURL     string
	NextURL     string
}

// Hit is a search result.
type Hit struct {
	QuoteView
	Fragment  string
	Question  string
	Ring      string
	RingTitle string
	Theme     string
	Persona   string
	Copy      string
}

// FacetGroup is one filter with its values and counts.
type FacetGroup struct {
	Field, Title string
	Values       []FacetValue
}

// FacetValue is a filter value; Href toggles it.
type FacetValue struct {
	Field, Value, Label string
	Count               int
	Href                string
	Active              bool
}

// Objection is a barrier theme and who raises it.
type Objection struct {
	ThemeID int64
	Label   string
	Matches int
	// Of is the number of the theme's quotes (Matches of Of match).
	Of       int
	RaisedBy []Raiser
	Quotes   []QuoteView
	// Outcomes are the deals of each outcome that raise it.
	Outcomes []OutcomeView
	// Answers is how many field answers it has.
	Answers int
}

// Raiser is a persona raising an objection.
type Raiser struct {
	PersonaID int64
	Name      string
	N, Size   int
	Active    bool
}

// PersonaValues is what a persona values instead.
type PersonaValues struct {
	PersonaID int64
	Name      string
	Criteria  []Value
	Success   []Value
}

// Value is a theme and its best quote.
type Value struct {
	Label, Quote string
}

// NoteForm is the field-note form's values.
type NoteForm struct {
	Text, Account, Role, DealStage string
}

// Admin is the admin page.
type Admin struct {
	Base
	Users  []UserRow
	Tokens []TokenRow
	Audit  []AuditRow
	Roles  []string
	// DefaultRole is preselected for a new user: the least privilege.
	DefaultRole string
	// MinPassword is the server's shortest password, in characters.
	MinPassword int
}

// AccountPage is the signed-in user's own settings.
type AccountPage struct {
	Base
	MinPassword int
}

// UserRow is an account.
type UserRow struct {
	ID         int64
	Name, Role string
	Created    string
	Self       bool
}

// TokenRow is an API token (never its secret).
type TokenRow struct {
	ID                        int64
	Name, User, Created, Used string
	Revoked                   bool
}

// AuditRow is one audit log line.
type AuditRow struct {
	At, User, Action, Target, Detail string
}
