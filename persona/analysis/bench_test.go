package analysis

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

// templates are pre-tagged buyer sentences ("word/TAG"); {x} slots are
// filled from fill. Tagging 100k sentences with prose would dominate the
// benchmark, so the generator writes tokens directly.
var templates = []string{
	"it/PRP was/VBD too/RB expensive/JJ for/IN a/DT {team}/NN our/PRP$ size/NN",
	"the/DT price/NN per/IN seat/NN almost/RB stopped/VBD us/PRP",
	"the/DT security/NN review/NN took/VBD {num}/CD months/NNS",
	"{who}/NNP would/MD never/RB approve/VB another/DT tool/NN",
	"the/DT migration/NN looked/VBD like/IN months/NNS of/IN work/NN",
	"we/PRP got/VBD burned/VBN by/IN a/DT vendor/NN before/RB",
	"when/WRB we/PRP doubled/VBD the/DT {team}/NN the/DT spreadsheets/NNS broke/VBD",
	"the/DT board/NN asked/VBD us/PRP to/TO fix/VB {metric}/NN",
	"after/IN we/PRP lost/VBD two/CD big/JJ accounts/NNS we/PRP had/VBD to/TO act/VB",
	"i/PRP wanted/VBD to/TO cut/VB onboarding/NN from/IN six/CD weeks/NNS to/TO two/CD",
	"success/NN for/IN me/PRP is/VBZ better/JJR {metric}/NN and/CC less/JJR manual/JJ work/NN",
	"so/RB i/PRP can/MD stop/VB being/VBG the/DT bottleneck/NN for/IN {metric}/NN reports/NNS",
	"we/PRP shortlisted/VBD {num}/CD vendors/NNS after/IN a/DT round/NN of/IN demos/NNS",
	"our/PRP$ {who}/NNP had/VBD the/DT final/JJ word/NN on/IN the/DT contract/NN",
	"i/PRP asked/VBD peers/NNS in/IN a/DT slack/NN group/NN what/WP they/PRP used/VBD",
	"it/PRP had/VBD to/TO integrate/VB with/IN {crm}/NNP",
	"support/NN in/IN our/PRP$ time/NN zone/NN mattered/VBD most/RBS",
	"we/PRP needed/VBD pricing/NN we/PRP could/MD predict/VB every/DT month/NN",
	"sorry/JJ my/PRP$ dog/NN is/VBZ barking/VBG in/IN the/DT background/NN",
	"i/PRP have/VBP been/VBN at/IN the/DT company/NN for/IN {num}/CD years/NNS",
}

var fill = map[string][]string{
	"team": {"team", "sales team", "support team", "company"}, "num": {"two", "three", "four", "six"},
	"who": {"it", "cto", "cfo", "legal", "procurement"}, "metric": {"churn", "forecast", "pipeline", "retention"},
	"crm": {"salesforce", "hubspot", "netsuite", "zendesk"},
}

// generate builds a study of n quotes from p participants, deterministic
// for seed. Half the participants lean to the first half of templates.
func generate(n, p int, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 1))
	in := Input{StudyID: 1, Options: Options{Seed: int64(seed)}, SourceNames: map[int64]string{}}
	roles := []string{"RevOps manager", "IT director", "CFO", "Head of Support"}
	for i := 0; i < p; i++ {
		id := int64(i + 1)
		in.Participants = append(in.Participants, persona.Participant{ID: id, StudyID: 1, SourceID: id,
			Label: "P" + strconv.Itoa(i+1), Attributes: map[string]string{
				"role": roles[i%len(roles)], "company_size": []string{"1-50", "51-500", "500+"}[i%3]}})
		in.SourceNames[id] = "interview-" + strconv.Itoa(i+1) + ".txt"
	}
	for i := 0; i < n; i++ {
		pid := rng.IntN(p)
		t := rng.IntN(len(templates))
		if pid%2 == 0 && rng.IntN(3) > 0 {
			t = rng.IntN(len(templates) / 2)
		}
		toks := fillTemplate(templates[t], rng)
		in.Quotes = append(in.Quotes, persona.Quote{ID: int64(i + 1), StudyID: 1, SourceID: int64(pid + 1),
			ParticipantID: int64(pid + 1), Kind: persona.KindTranscript, Text: tokenText(toks), Tokens: toks})
	}
	return in
}

func fillTemplate(tpl string, rng *rand.Rand) []persona.Token {
	var out []persona.Token
	for _, f := range strings.Fields(tpl) {
		w, tag, _ := strings.Cut(f, "/")
		if strings.HasPrefix(w, "{") {
			opts := fill[strings.Trim(w, "{}")]
			w = opts[rng.IntN(len(opts))]
		}
		for _, x := range strings.Fields(w) {
			out = append(out, persona.Token{Text: x, Tag: tag})
		}
	}
	return out
}

func tokenText(toks []persona.Token) string {
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.Text
	}
	return strings.Join(ws, " ") + "."
}

// BenchmarkRun100k analyses 100,000 quotes from 1,000 participants and
// reports the peak heap beside time and allocations.
func BenchmarkRun100k(b *testing.B) {
	in := generate(100_000, 1_000, 42)
	if _, err := NewRingClassifier(nil); err != nil { // load the seed model outside the timer
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for i := 0; i < b.N; i++ {
		done := make(chan struct{})
		go sampleHeap(done, &peak)
		a, err := Run(in)
		close(done)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(a.Themes)), "themes")
		b.ReportMetric(float64(len(a.Personas)), "personas")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// sampleHeap records the largest live heap seen until done closes.
func sampleHeap(done chan struct{}, peak *uint64) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var ms runtime.MemStats
	for {
		runtime.ReadMemStats(&ms)
		*peak = max(*peak, ms.HeapAlloc)
		select {
		case <-done:
			return
		case <-tick.C:
		}
	}
}
