package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

const studyName = "Load study"

// ensureGenerated creates the synthetic study once: sources of 500 quotes
// from 1 buyer each, built without prose (pre-tagged tokens) so a million
// quotes take minutes, then analyses it.
func ensureGenerated(ctx context.Context, a *app.App, quotes int) (int64, error) {
	if st, err := a.StudyByName(ctx, studyName); err == nil {
		return st.ID, nil
	} else if !errors.Is(err, persona.ErrNotFound) {
		return 0, err
	}
	st, err := a.CreateStudy(ctx, studyName)
	if err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	if corpusDir != "" {
		if err := loadCorpus(ctx, corpusDir); err != nil {
			return 0, err
		}
		fmt.Printf("corpus: %d distinct real sentences\n", len(corpus))
	}
	const perSource = 1000
	start := time.Now()
	for made, src := 0, 0; made < quotes; src++ {
		n := min(perSource, quotes-made)
		imp := synthSource(rng, src, n)
		if _, err := a.ImportParsed(ctx, st.ID, imp); err != nil {
			return 0, err
		}
		made += n
		if src%100 == 99 {
			fmt.Printf("stored %d quotes (%v)\n", made, time.Since(start).Round(time.Second))
		}
	}
	fmt.Printf("stored %d quotes in %v; analysing\n", quotes, time.Since(start).Round(time.Second))
	t := time.Now()
	if _, err := a.Analyze(ctx, st.ID, nil); err != nil {
		return 0, err
	}
	fmt.Printf("analysed and indexed in %v\n", time.Since(t).Round(time.Second))
	return st.ID, nil
}

var (
	roles    = []string{"RevOps / Sales Ops", "IT / Security", "Founder / CEO", "Marketing", "Sales leadership"}
	sizes    = []string{"1-50", "51-200", "201-1000", "1001-5000", "5000+"}
	inds     = []string{"Software / SaaS", "Financial services", "Healthcare", "Insurance", "Education"}
	openers  = []string{"Honestly", "To be fair", "Well", "I think", "For us", "At the time", "Frankly", "In the end"}
	subjects = []string{"the price", "the per seat pricing", "the security review", "the Salesforce integration", "the migration of our call library",
		"procurement", "our CFO", "the forecast", "onboarding new reps", "the renewal", "data residency", "SSO on the enterprise tier",
		"the free trial", "support in our time zone", "the HubSpot sync", "call summaries", "pipeline reviews", "the board"}
	verbs = []string{"was far too expensive", "took three months", "was the main blocker", "had to work out of the box", "saved us hours every week",
		"made the decision for us", "almost stopped the deal", "was what we compared first", "got us to act now", "never came up again",
		"was a must have", "worried our security team", "mattered more than features", "was predictable at last"}
	tails = []string{"and nobody wanted to own it.", "so we shortlisted three vendors.", "which surprised everyone.", "and that was before the audit.",
		"after we missed the quarter.", "because IT would never approve another tool.", "so I stopped being the bottleneck.", "and the CRO signed off."}
)

func synthSource(rng *rand.Rand, src, n int) *persona.Import {
	attrs := map[string]string{"Role": roles[rng.IntN(len(roles))], "Company size": sizes[rng.IntN(len(sizes))], "Industry": inds[rng.IntN(len(inds))]}
	label := fmt.Sprintf("Buyer %d", src+1)
	imp := &persona.Import{
		Participants: []persona.Participant{{Label: label, Attributes: attrs}},
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("%s, %s %s %s", openers[rng.IntN(len(openers))], subjects[rng.IntN(len(subjects))], verbs[rng.IntN(len(verbs))], tails[rng.IntN(len(tails))])
		var toks []persona.Token
		if len(corpus) > 0 {
			s := corpus[rng.IntN(len(corpus))]
			text, toks = s.text, s.tokens
		} else {
			toks = tokens(text)
		}
		b.WriteString(text)
		imp.Turns = append(imp.Turns, persona.Turn{ParticipantID: 0, Speaker: label, Seq: i, StartMS: int64(i) * 5000, EndMS: int64(i)*5000 + 4000, Text: text, Line: i + 1})
		imp.Quotes = append(imp.Quotes, persona.Quote{TurnID: int64(i), ParticipantID: 0, Kind: persona.KindTranscript, Text: text,
			End: len(text), AtMS: int64(i) * 5000, Line: i + 1, Question: "What concerns did you have?", Tokens: toks})
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("load-%d-%s", src, b.String())))
	imp.Source = persona.Source{Kind: persona.KindTranscript, Name: fmt.Sprintf("load-%05d.vtt", src), Format: "vtt",
		SHA256: hex.EncodeToString(sum[:]), Size: int64(b.Len()), ImportedAt: time.Now().UTC()}
	return imp
}

// tokens tags synthetic text cheaply: a stand-in for prose, good enough
// for clustering and labels (nouns and adjectives by a small lexicon).
func tokens(text string) []persona.Token {
	var out []persona.Token
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Trim(w, ".,;:")
		tag := "NN"
		switch w {
		case "the", "a", "an", "our", "every":
			tag = "DT"
		case "was", "took", "had", "made", "got", "saved", "stopped", "missed", "signed", "wanted", "came", "approve":
			tag = "VBD"
		case "far", "too", "never", "again", "first", "honestly", "frankly", "well", "now", "out":
			tag = "RB"
		case "expensive", "main", "predictable", "free", "enterprise", "new", "three", "must":
			tag = "JJ"
		case "and", "so", "but", "which", "because":
			tag = "CC"
		case "to", "of", "in", "for", "at", "on", "after", "before", "with", "by":
			tag = "IN"
		case "i", "we", "us", "it", "nobody", "everyone", "that":
			tag = "PRP"
		}
		out = append(out, persona.Token{Text: w, Tag: tag})
	}
	return out
}

func loadToken(ctx context.Context, accounts *account.Service) (string, error) {
	u, err := accounts.UserByName(ctx, "loadtest")
	if errors.Is(err, persona.ErrNotFound) {
		u, err = accounts.CreateUser(ctx, "loadtest", account.RoleResearcher, "loadtest-password-123")
	}
	if err != nil {
		return "", err
	}
	_, tok, err := accounts.CreateToken(ctx, u.ID, "loadtest")
	return tok, err
}
