package analysis

import (
	"strings"
	"testing"
)

// TestFindingKind checks what a phrase says about its topic, from its
// words and their tags: each kind of finding, and topics that hold a
// valenced or problem word in a part where it judges nothing.
func TestFindingKind(t *testing.T) {
	tests := []struct {
		phrase, tags string
		want         findingKind
	}{
		// judgements
		{"steep learning curve", "JJ NN NN", kindJudgement},
		{"slower queries", "JJR NNS", kindJudgement},
		{"too expensive pricing", "RB JJ NN", kindJudgement},
		{"takes too long", "VBZ RB JJ", kindJudgement},
		{"too slow", "RB JJ", kindJudgement},
		{"hard to deploy models", "JJ TO VB NNS", kindJudgement},
		{"missing data", "VBG NNS", kindJudgement},
		{"broken pipeline", "VBN NN", kindJudgement},
		{"unclear documentation", "JJ NN", kindJudgement},
		// problems: a problem noun heads the phrase, or a problem verb
		// takes an object
		{"data quality issues", "NNS NN NNS", kindProblem},
		{"lack of labelled data", "NN IN VBN NNS", kindProblem},
		{"price per seat", "NN IN NN", kindProblem},
		{"manual month-end exports", "JJ JJ NNS", kindJudgement},
		{"missed forecast", "VBD NN", kindProblem},
		{"lost deals", "VBD NNS", kindProblem},
		{"deployment delays", "NN NNS", kindProblem},
		{"production bugs", "NN NNS", kindProblem},
		// changes and needs
		{"reduce manual work", "VB JJ NN", kindJudgement},
		{"reduce costs", "VB NNS", kindProblem},
		{"automate reports", "VB NNS", kindChange},
		{"improve efficiencies", "VB NNS", kindChange},
		{"replace spreadsheets", "VB NNS", kindChange},
		{"require approval", "VB NN", kindNeed},
		{"promised board", "VBD NN", notFinding}, // the story, not a change
		// negations: what is missing or cannot be done
		{"no audit trail", "RB NN NN", kindProblem},
		{"can't export data", "RB VB NNS", kindProblem},
		{"doesn't scale", "RB VB", kindProblem},
		{"no issues", "RB NNS", notFinding},    // a reassurance
		{"doesn't crash", "RB VB", notFinding}, // a reassurance
		{"no time", "RB NN", notFinding},       // says nothing of a topic
		// topics
		{"sensor data", "NN NNS", notFinding},
		{"close talking mike", "JJ VBG NN", notFinding},
		{"data processing", "NNS NN", notFinding},
		{"deploy model", "VB NN", notFinding},
		{"risk management", "NN NN", notFinding}, // the problem noun is no head
		{"pain point", "NN NN", notFinding},
		{"error handling", "NN NN", notFinding},
		{"remote control", "JJ NN", notFinding},
		{"issues", "NNS", notFinding},           // a lone word
		{"expensive", "JJ", notFinding},         // a lone word
		{"Azure DevOps", "NNP NNP", notFinding}, // a name
		{"forecast call", "NN NN", notFinding},
	}
	for _, tt := range tests {
		words, tags := strings.Fields(tt.phrase), strings.Fields(tt.tags)
		if got := phraseFinding(words, tags); got != tt.want {
			t.Errorf("phraseFinding(%q, %q) = %v, want %v", tt.phrase, tt.tags, got, tt.want)
		}
	}
}
