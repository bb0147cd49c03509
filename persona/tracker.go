package persona

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Tracker is a saved objection search: the words a sales rep (or a team)
// watches for in what buyers say, with their synonyms.
type Tracker struct {
	ID      int64  `json:"id"`
	StudyID int64  `json:"study_id"`
	Name    string `json:"name"`
	// Words and Synonyms are terms; a quote matches when it says any of
	// them (a term of several words as a phrase).
	Words    []string `json:"words"`
	Synonyms []string `json:"synonyms"`
	// Team names the team that shares the tracker; "" keeps it to its
	// owner.
	Team      string    `json:"team"`
	OwnerID   int64     `json:"owner_id"`
	Owner     string    `json:"owner"`
	CreatedAt time.Time `json:"created_at"`
}

// Tracker limits.
const (
	MaxTrackerName  = 120
	MaxTrackerTerms = 24
	MaxTrackerTerm  = 60
	MaxTeamName     = 80
)

// SplitTerms reads comma- or newline-separated terms, each trimmed with its
// spaces collapsed and quotes and backslashes dropped (they would change
// the search), duplicates (ignoring case) and empty ones left out.
func SplitTerms(s string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		f = strings.Join(strings.Fields(strings.NewReplacer(`"`, " ", `\`, " ").Replace(f)), " ")
		if f == "" || seen[strings.ToLower(f)] {
			continue
		}
		seen[strings.ToLower(f)] = true
		out = append(out, f)
	}
	return out
}

// Clean validates a tracker's name, terms and team.
func (t Tracker) Clean() (Tracker, error) {
	t.Name, t.Team = strings.Join(strings.Fields(t.Name), " "), strings.Join(strings.Fields(t.Team), " ")
	t.Words, t.Synonyms = SplitTerms(strings.Join(t.Words, ",")), SplitTerms(strings.Join(t.Synonyms, ","))
	if t.Name == "" && len(t.Words) > 0 {
		t.Name = t.Words[0]
	}
	terms := append(append([]string{}, t.Words...), t.Synonyms...)
	switch {
	case len(t.Words) == 0:
		return t, fmt.Errorf("tracker: give the words to watch for: %w", ErrInvalid)
	case utf8.RuneCountInString(t.Name) > MaxTrackerName:
		return t, fmt.Errorf("tracker name: at most %d characters: %w", MaxTrackerName, ErrInvalid)
	case len(terms) > MaxTrackerTerms:
		return t, fmt.Errorf("tracker: at most %d words and synonyms: %w", MaxTrackerTerms, ErrInvalid)
	case utf8.RuneCountInString(t.Team) > MaxTeamName:
		return t, fmt.Errorf("team name: at most %d characters: %w", MaxTeamName, ErrInvalid)
	case t.StudyID == 0:
		return t, fmt.Errorf("tracker: choose the study it watches: %w", ErrInvalid)
	}
	for _, w := range terms {
		if utf8.RuneCountInString(w) > MaxTrackerTerm {
			return t, fmt.Errorf("tracker term %.20q…: at most %d characters: %w", w, MaxTrackerTerm, ErrInvalid)
		}
	}
	return t, nil
}

// Terms are the tracker's words and synonyms.
func (t Tracker) Terms() []string { return append(append([]string{}, t.Words...), t.Synonyms...) }
