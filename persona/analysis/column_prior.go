package analysis

import (
	"math"
	"strings"

	"github.com/verbatimhq/verbatim/persona"
)

// A survey column (one question of one survey file) says something about
// each of its answers: under "What do you dislike?" most answers complain,
// under "What do you like best?" few do, whatever the column is called
// ("Answer B" as much as "Cons"). The complaint model's log-odds assume
// complaints and praise are equally likely (it was trained with the
// classes weighted equally), so the column's own complaint rate π is a
// prior: an answer's log-odds in its column are its own plus logit(π)
// (Bayes' rule with a changed prior; Saerens, Latinne & Decaestecker 2002).
// π is not known and is estimated from the column's answers by EM, with a
// Beta prior of columnPseudoAnswers pseudo-answers at 0.5, so a column of
// few answers gets little prior. The prior counts in proportion to how
// one-sided the column is, (2π−1)²: a cons or pros column (π near 1 or 0)
// moves its answers, a mixed column ("Overall comments", "Why?", π between
// 0.2 and 0.8) hardly does, for there an answer's own words must decide.
const (
	// columnPseudoAnswers is the weight of the Beta(k/2, k/2) prior on a
	// column's complaint rate, in answers.
	columnPseudoAnswers = 10
	// columnPriorMax bounds the prior's log-odds (a rate of about 0.05
	// or 0.95): no column decides an answer on its own.
	columnPriorMax = 3
	// columnMinAnswers is how many answers a column needs to get a
	// prior at all.
	columnMinAnswers = 5
	columnEMSteps    = 50
)

// columnKey names one survey column: its file and its question.
type columnKey struct {
	source   int64
	question string
}

// columnShift is what a survey column adds to each of its quotes.
type columnShift struct {
	// complaint is added to the quote's complaint log-odds.
	complaint float64
	// barrier and pain share that shift between perceived barriers and
	// priority initiative (the larger is 1): a column of complaints is a
	// column of objections ("What almost stopped you?") or of pains ("What
	// made you start looking?"), and the column's own words, classified
	// without the prior, tell which.
	barrier, pain float64
}

// columnPriors returns, for each quote, its column's shift: logit of its
// column's estimated complaint rate for survey quotes, nothing for every
// other quote (interview questions differ at every turn, so they form no
// column) and for researchers' corrections. logit(i) is quote i's own
// complaint log-odds and ring(i) its ring without a prior. An answer (one
// turn, one respondent's cell) counts once, with the mean log-odds of its
// quotes.
func columnPriors(quotes []persona.Quote, logit func(i int) float64, ring func(i int) persona.Ring) []columnShift {
	shifts := make([]columnShift, len(quotes))
	type answer struct {
		sum float64
		n   int
	}
	type column struct {
		answers            map[int64]*answer
		barriers, priority int
	}
	columns := map[columnKey]*column{}
	member := make([]*columnKey, len(quotes))
	for i := range quotes {
		q := &quotes[i]
		question := strings.ToLower(strings.TrimSpace(q.Question))
		if q.Kind != persona.KindSurvey || q.RingSet || q.Hidden || question == "" {
			continue
		}
		k := columnKey{q.SourceID, question}
		member[i] = &k
		col := columns[k]
		if col == nil {
			col = &column{answers: map[int64]*answer{}}
			columns[k] = col
		}
		turn := q.TurnID
		if turn == 0 { // untracked turn: each quote is its own answer
			turn = -int64(i) - 1
		}
		a := col.answers[turn]
		if a == nil {
			a = &answer{}
			col.answers[turn] = a
		}
		a.sum += max(-4, min(4, logit(i)))
		a.n++
		switch ring(i) {
		case persona.RingBarriers:
			col.barriers++
		case persona.RingPriority:
			col.priority++
		}
	}
	byColumn := make(map[columnKey]columnShift, len(columns))
	for k, col := range columns {
		zs := make([]float64, 0, len(col.answers))
		for _, a := range col.answers {
			zs = append(zs, a.sum/float64(a.n))
		}
		// Laplace-smoothed shares, scaled so the larger is 1.
		b, p := float64(col.barriers+1), float64(col.priority+1)
		top := max(b, p)
		byColumn[k] = columnShift{complaint: columnPrior(zs), barrier: b / top, pain: p / top}
	}
	for i, k := range member {
		if k != nil {
			shifts[i] = byColumn[*k]
		}
	}
	return shifts
}

// columnPrior is logit(π) for a column whose answers have complaint
// log-odds zs (under an even prior): π maximises the likelihood of the
// answers times a Beta prior centred on 0.5, found by EM, weighted by
// (2π−1)². It is 0 for fewer than columnMinAnswers answers and bounded by
// ±columnPriorMax.
func columnPrior(zs []float64) float64 {
	if len(zs) < columnMinAnswers {
		return 0
	}
	const k = columnPseudoAnswers
	pi := 0.5
	for step := 0; step < columnEMSteps; step++ {
		shift := math.Log(pi / (1 - pi))
		var sum float64
		for _, z := range zs {
			sum += 1 / (1 + math.Exp(-(z + shift)))
		}
		next := (sum + k/2) / (float64(len(zs)) + k)
		if math.Abs(next-pi) < 1e-6 {
			pi = next
			break
		}
		pi = next
	}
	polar := 2*pi - 1
	return polar * polar * max(-columnPriorMax, min(columnPriorMax, math.Log(pi/(1-pi))))
}
