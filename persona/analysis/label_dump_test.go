package analysis

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona/ingest"
	"github.com/verbatimhq/verbatim/persona/nlp"
)

// TestLabelDumpRealData writes, for reading by a person, every theme of
// the dev studies with its label, headline and best candidate phrases to
// $LABEL_DUMP/<study>.txt (seed $LABEL_SEED, default 1). It checks
// nothing: it is how the labels were read before and after a change.
func TestLabelDumpRealData(t *testing.T) {
	dir := os.Getenv("LABEL_DUMP")
	if dir == "" || testing.Short() || raceEnabled {
		t.Skip("set LABEL_DUMP=DIR to write the label dumps")
	}
	seed, err := strconv.ParseInt(os.Getenv("LABEL_SEED"), 10, 64)
	if err != nil {
		seed = 1
	}
	only := os.Getenv("LABEL_ONLY")
	var studies []*realStudy
	if g := os.Getenv("LABEL_GLOB"); g != "" {
		// One study of the data files the glob names (under the data
		// directory), named "glob": a set read by hand.
		studies = []*realStudy{loadRealStudy(t, "glob", realFiles(t, g), oneGroup)}
		only = "glob"
	} else {
		studies = append(devStudies(t),
			loadRealStudy(t, "restaurants", []string{"absa_reviews/semeval2014_restaurants.csv"}, oneGroup),
			loadRealBytes(t, "qmsum", qmsumSome(t, 4)))
	}
	if only != "" && os.Getenv("LABEL_GLOB") == "" {
		studies = append(studies, labelExtraStudies(t)...)
	}
	for _, st := range studies {
		if only != "" && !strings.Contains(only, st.name) {
			continue
		}
		st.in.Options.Seed = seed
		var b bytes.Buffer
		dumpLabels(t, &b, st)
		if err := os.WriteFile(filepath.Join(dir, st.name+".txt"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// dumpLabels runs the analysis pipeline up to the themes and writes them,
// biggest first.
func dumpLabels(t *testing.T, b *bytes.Buffer, st *realStudy) {
	c, err := newCorpus(st.in)
	if err != nil {
		t.Fatal(err)
	}
	if err := classifyAll(c, func(string, int, int) {}); err != nil {
		t.Fatal(err)
	}
	ws := buildThemes(c, st.in.Options.Seed)
	themes, ws := finishThemes(c, ws, 2, 1)
	ps := newPhraseStats(c, ws)
	ce := newThemeCentres(c, ws)
	order := indexes(len(ws))
	sort.SliceStable(order, func(a, b int) bool { return themes[order[a]].Quotes > themes[order[b]].Quotes })
	fmt.Fprintf(b, "%s: %d themes, seed %d\n\n", st.name, len(themes), st.in.Options.Seed)
	for _, i := range order {
		th := themes[i]
		var mean float64
		for _, q := range ws[i].members {
			mean += c.central[q]
		}
		mean /= float64(len(ws[i].members))
		fmt.Fprintf(b, "%4dq %3dp %-18s central %.2f | %s\n      H: %s\n", th.Quotes, th.Participants, th.Ring, mean, th.Label,
			strings.ReplaceAll(th.Headline, "\n", " / "))
		ranked := ps.rank(i, true)
		var cands []string
		for _, s := range ranked[:min(8, len(ranked))] {
			ct, cr, _ := ce.cosines(i, strings.Fields(mostFrequent(ps.surface[s.key])))
			cands = append(cands, fmt.Sprintf("%s (%d, %.2f, %.2f/%+.2f)", mostFrequent(ps.surface[s.key]), ps.phraseDF[i][s.key], s.score, ct, ct-cr))
		}
		fmt.Fprintf(b, "      C: %s\n", strings.Join(cands, "; "))
		if lw := strings.Fields(th.Label); len(lw) == 1 {
			// A lone word: the phrases of the theme that hold it (quotes,
			// buyers up to two).
			k := normWord(lw[0])
			var ps2 []string
			for key, n := range ps.phraseDF[i] {
				if slices.Contains(strings.Fields(key), k) && key != k {
					ps2 = append(ps2, fmt.Sprintf("%s (%d/%d)", mostFrequent(ps.surface[key]), n, ps.speakers[i][key].n))
				}
			}
			slices.Sort(ps2)
			fmt.Fprintf(b, "      P: %d quotes say it; %s\n", ps.themeDF[i][k], strings.Join(ps2, "; "))
		}
		type ws struct {
			w string
			s float64
		}
		var words []ws
		for k := range ps.themeDF[i] {
			if !functionWords[k] && !fillerWord(k) && !lightVerbs[k] && !auxWords[k] {
				words = append(words, ws{k, ps.wordScore(i, k)})
			}
		}
		sort.Slice(words, func(a, b int) bool {
			return words[a].s > words[b].s || (words[a].s == words[b].s && words[a].w < words[b].w)
		})
		var wl []string
		for _, w := range words[:min(8, len(words))] {
			ct, cr, _ := ce.cosines(i, []string{w.w})
			wl = append(wl, fmt.Sprintf("%s %.0f%% %.2f %+.2f", w.w, 100*float64(ps.themeDF[i][w.w])/float64(max(1, ps.size[i])), w.s, ct-cr))
		}
		fmt.Fprintf(b, "      W: %s\n", strings.Join(wl, "; "))
	}
}

// loadRealBytes ingests named files held in memory into one study.
func loadRealBytes(t *testing.T, name string, files map[string][]byte) *realStudy {
	t.Helper()
	st := &realStudy{name: name, group: map[int64]string{}}
	var nextQ, nextP, nextS int64
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, f := range names {
		data := files[f]
		doc, err := ingest.Parse(f, bytes.NewReader(data))
		if err != nil {
			t.Logf("%s: not ingested: %v", f, err)
			continue
		}
		imp := ingest.Build(f, data, doc, nlp.Shared())
		nextS++
		pid := make([]int64, len(imp.Participants))
		for i, p := range imp.Participants {
			nextP++
			p.ID, p.SourceID, pid[i] = nextP, nextS, nextP
			st.all = append(st.all, p)
		}
		for _, q := range imp.Quotes {
			nextQ++
			q.ID, q.SourceID, q.ParticipantID = nextQ, nextS, pid[q.ParticipantID]
			st.quotes = append(st.quotes, q)
		}
	}
	st.in = Input{StudyID: 1, Options: Options{Seed: 1}}
	st.setBuyers()
	return st
}

// qmsumSome is the first n product-design and n committee meetings of
// QMSum as transcripts.
func qmsumSome(t *testing.T, n int) map[string][]byte {
	out := map[string][]byte{}
	for _, dom := range []string{"Product", "Committee"} {
		files, _ := filepath.Glob(filepath.Join(dataDir, "qmsum_meetings", dom, "*.json"))
		if len(files) == 0 {
			missingData(t, "qmsum_meetings/"+dom)
		}
		sort.Strings(files)
		for _, f := range files[:min(n, len(files))] {
			out[dom+"_"+strings.TrimSuffix(filepath.Base(f), ".json")+".txt"] = qmsumTranscript(t, f)
		}
	}
	return out
}

// labelExtraStudies are the further sets the labels are read on (asked for
// by name in LABEL_ONLY): one product-design series and four committee
// hearings of QMSum, and the NHS feedback answers.
func labelExtraStudies(t *testing.T) []*realStudy {
	return []*realStudy{
		loadRealStudy(t, "qprod", realFiles(t, "qmsum_meetings/Product/ES2004?.json"), oneGroup),
		loadRealStudy(t, "qcomm", []string{"qmsum_meetings/Committee/covid_0.json", "qmsum_meetings/Committee/covid_1.json",
			"qmsum_meetings/Committee/covid_2.json", "qmsum_meetings/Committee/covid_3.json"}, oneGroup),
		loadRealStudy(t, "nhs", []string{"nhs_patient_feedback/single_label.csv"}, oneGroup),
	}
}
