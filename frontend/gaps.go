package frontend

// View models of the content-gap check and survey-sizing pages.

// GapsPage lists a study's checked collateral and takes a new document.
type GapsPage struct {
	Base
	StudyName string
	Documents []GapDoc
	Error     string
}

// GapDoc is a stored collateral document in the list.
type GapDoc struct {
	ID                  int64
	Name, Format, Added string
	Size                string
}

// GapPage is the content-gap check of one document (also its one-page
// print view).
type GapPage struct {
	Base
	ID            int64
	StudyName     string
	Name, Format  string
	Passages      int
	Words         int
	BuyerWords    int
	BuyerLanguage int // percent
	VendorPhrases []GapPhrase
	Personas      []GapPersona
	// PersonaOpts choose one persona (or all) for the check.
	PersonaOpts []Option
	PersonaID   int64
}

// GapPhrase is a phrase the buyers never use, or one the document lacks.
type GapPhrase struct {
	Text   string
	Count  int
	Cliche bool
	Note   string
}

// GapPersona is one persona's part of the check.
type GapPersona struct {
	ID              int64
	Name            string
	Coverage        int // percent
	Addressed, Of   int
	Covered, Weight int
	Rings           []GapRing
	Missing         []GapPhrase
}

// GapRing is one ring of a persona in the check.
type GapRing struct {
	Ring, Title string
	Themes      []GapTheme
}

// GapTheme is a persona's top theme and whether the document addresses it.
type GapTheme struct {
	ID         int64
	Label      string
	Raised, Of int
	Addressed  bool
	Passage    string
	Score      string
	Threshold  string
	NearerTo   string // the theme the nearest miss is closer to
	Quotes     []QuoteView
}

// SurveyPage is the evidence behind one theme's survey figure: the
// respondents' answers counted, one per respondent.
type SurveyPage struct {
	Base
	ThemeID   int64
	StudyName string
	Label     string
	Ring      string
	Figure    string
	Range     string
	Closed    []KV
	Quotes    []QuoteView
}
