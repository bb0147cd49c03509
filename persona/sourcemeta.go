package persona

import (
	"fmt"
	"strings"
	"time"
)

// Outcome is how the deal behind a source (an interview or a sales call)
// ended, as a win/loss review records it.
type Outcome string

// Outcomes. OutcomeNone is a source with no recorded outcome.
const (
	OutcomeNone       Outcome = ""
	OutcomeWon        Outcome = "won"
	OutcomeLost       Outcome = "lost"
	OutcomeNoDecision Outcome = "no-decision"
)

// Outcomes lists the recorded outcomes in display order.
var Outcomes = []Outcome{OutcomeWon, OutcomeLost, OutcomeNoDecision}

// Title is the outcome's human name.
func (o Outcome) Title() string {
	switch o {
	case OutcomeWon:
		return "Won"
	case OutcomeLost:
		return "Lost"
	case OutcomeNoDecision:
		return "No decision"
	}
	return "No outcome"
}

// ParseOutcome reads an outcome, ignoring case and space; "no decision" and
// "no_decision" are OutcomeNoDecision, "" and "none" OutcomeNone.
func ParseOutcome(s string) (Outcome, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer(" ", "-", "_", "-").Replace(s)
	switch Outcome(s) {
	case OutcomeWon, OutcomeLost, OutcomeNoDecision:
		return Outcome(s), nil
	case "", "none":
		return OutcomeNone, nil
	}
	return OutcomeNone, fmt.Errorf("outcome %.40q: use won, lost or no-decision: %w", s, ErrInvalid)
}

// SourceMeta is what a researcher or a rep says about a source beyond its
// content: the research wave it belongs to and when it was collected, and
// the outcome of the deal it is about, with the competitor involved.
type SourceMeta struct {
	SourceID int64 `json:"source_id"`
	// Wave names a round of research ("2026-Q1", "After launch"); "" when
	// the source belongs to none.
	Wave string `json:"wave"`
	// Date is when the source was collected, YYYY-MM-DD, or "".
	Date       string  `json:"date"`
	Outcome    Outcome `json:"outcome"`
	Competitor string  `json:"competitor"`
}

// Limits on the free-text fields of SourceMeta.
const (
	maxWaveName   = 80
	maxCompetitor = 120
)

// CleanWave validates and normalises a wave name and its date.
func CleanWave(wave, date string) (string, string, error) {
	wave, date = strings.Join(strings.Fields(wave), " "), strings.TrimSpace(date)
	if len([]rune(wave)) > maxWaveName {
		return "", "", fmt.Errorf("wave name: at most %d characters: %w", maxWaveName, ErrInvalid)
	}
	if date != "" {
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			return "", "", fmt.Errorf("date %.40q: write it as YYYY-MM-DD: %w", date, ErrInvalid)
		}
		date = t.Format("2006-01-02")
		if wave == "" {
			return "", "", fmt.Errorf("date without a wave: name the wave too: %w", ErrInvalid)
		}
	}
	return wave, date, nil
}

// CleanOutcome validates an outcome and its competitor.
func CleanOutcome(outcome, competitor string) (Outcome, string, error) {
	o, err := ParseOutcome(outcome)
	if err != nil {
		return o, "", err
	}
	competitor = strings.Join(strings.Fields(competitor), " ")
	if len([]rune(competitor)) > maxCompetitor {
		return o, "", fmt.Errorf("competitor: at most %d characters: %w", maxCompetitor, ErrInvalid)
	}
	if o == OutcomeNone && competitor != "" {
		return o, "", fmt.Errorf("competitor without an outcome: say whether the deal was won, lost or ended in no decision: %w", ErrInvalid)
	}
	return o, competitor, nil
}
