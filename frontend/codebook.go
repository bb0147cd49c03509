package frontend

// CodeChip is a code shown as a label.
type CodeChip struct {
	ID         int64
	Name, Ring string
}

// CodeView is one code on the codebook page, with its edit form.
type CodeView struct {
	ID                                  int64
	Name, Ring, RingTitle               string
	Definition, WhenToUse, WhenNotToUse string
	Examples                            []QuoteView
	ExampleIDs                          string
	Codings, Quotes                     int
	// Seeded counts the quotes the seeded coding coded with this code.
	Seeded int
	Rings  []Option
}

// CodeForm is the new-code form's values.
type CodeForm struct {
	Name, Definition, WhenToUse, WhenNotToUse, Examples string
}

// CodebookPage is a study's codebook with its forms.
type CodebookPage struct {
	Base
	StudyName string
	Codes     []CodeView
	Form      CodeForm
	Rings     []Option
	Error     string
	// Imported says what the last import did.
	Imported string
	// SeededRan is true once the seeded coding ran in this study.
	SeededRan bool
	// Unplaced are codings whose quote is gone (a re-ingest, a role change
	// or redaction re-cut it) and that could not be put on a quote again.
	Unplaced []UnplacedView
	// UnplacedExamples are code examples held the same way; Unplaced-
	// Suggestions the seeded coding's suggestions held, per source file.
	UnplacedExamples    []UnplacedView
	UnplacedSuggestions []UnplacedSuggestionsView
}

// UnplacedSuggestionsView counts one file's suggestions that wait to be
// placed.
type UnplacedSuggestionsView struct {
	SourceSHA, SourceName string
	SourceID              int64
	Count, Reviewed       int
}

// UnplacedView is a coding that waits to be placed.
type UnplacedView struct {
	ID                int64
	Code, Coder, Text string
	SourceName        string
	SourceID          int64
	Start, End, Turn  int
}

// CoderChips are one coder's codes on a quote.
type CoderChips struct {
	Coder string
	Codes []CodeChip
}

// QuoteCodePage is where a researcher codes one quote.
type QuoteCodePage struct {
	Base
	StudyName       string
	Quote           QuoteView
	Ring, RingTitle string
	Theme           string
	Mine            []CodeChip
	Others          []CoderChips
	Verbatim        []CodeChip
	Blind           bool
	Options         []Option
	// Back is the page to return to after coding (a source or a theme).
	Back  string
	Error string
}

// FigureRow is one line of an agreement table; figures are formatted
// ("0.74", "—" when undefined).
type FigureRow struct {
	Name                  string
	Applied, Units        int
	Percent, Kappa, Alpha string
}

// ComparisonView is the agreement of a set of coders.
type ComparisonView struct {
	Title       string
	Units       int
	Compared    int
	TwoCoders   bool
	Overall     FigureRow
	Codes       []FigureRow
	DisagreeURL string
}

// RoundView is a blind coding round.
type RoundView struct {
	ID       int64
	Sources  string
	Coders   []KV // name, "done"/"coding"
	Started  string
	Revealed string
	Open     bool
}

// AgreementPage shows inter-coder agreement and the blind rounds.
type AgreementPage struct {
	Base
	StudyName   string
	Unit        string
	Blind       bool
	Comparisons []ComparisonView
	Rounds      []RoundView
	// InOpenRound: the reader codes in the open round; Done: and has
	// marked it done.
	InOpenRound, Done bool
	HasOpen           bool
	Sources           []Option
	Error             string
}

// DisagreementView is one quote two coders coded differently.
type DisagreementView struct {
	Quote         QuoteView
	First, Second []CodeChip
	Settled       string
}

// DisagreementsPage shows two coders' codings side by side.
type DisagreementsPage struct {
	Base
	StudyName         string
	First, Second     string
	FirstID, SecondID int64
	Units, Settled    int
	Items             []DisagreementView
	Pairs             []Option
}

// PersonaCodeView is a code on a persona page.
type PersonaCodeView struct {
	ID              int64
	Name, Ring      string
	Definition      string
	Raised, Of, Pct int
	Quotes          []QuoteView
}

// ReviewItemView is one suggestion on the review page.
type ReviewItemView struct {
	Quote      QuoteView
	CodeID     int64
	Code       string
	Coded      bool
	Confidence int // percent
}

// ReviewPage is a study's review queue of the seeded coding, or one
// code's seeded codings (Code set).
type ReviewPage struct {
	Base
	StudyName string
	Ran       bool
	RanAt     string
	Open      int
	Code      string
	Items     []ReviewItemView
	Options   []Option
	// Result says what the last run or decision did.
	Result string
}
