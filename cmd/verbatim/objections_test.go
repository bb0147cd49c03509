package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// analysedSamples is a fresh data directory with the sample interviews
// ingested and analysed (a copy of one made once, from a copy of
// interviewSamples).
func analysedSamples(t *testing.T) string {
	t.Helper()
	return copiedData(t, "analysed", func(t *testing.T, data string) {
		copyDir(t, interviewSamples(t), data)
		if code, _, errs := runCLI(t, "analyze", "--data", data, "--study", "Demo"); code != 0 {
			t.Fatalf("analyze: %s", errs)
		}
	})
}

func TestObjectionsJSONIsTheAPIs(t *testing.T) {
	data := analysedSamples(t)
	code, out, errs := runCLI(t, "objections", "--data", data, "--json", "too", "expensive")
	if code != 0 {
		t.Fatalf("objections exit %d: %s", code, errs)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("objections --json is not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"query", "study", "all_rings", "total", "themes", "quotes", "answers"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("objections --json has no %q", k)
		}
	}
	var res struct {
		Query string `json:"query"`
		Study struct {
			Name string `json:"name"`
		} `json:"study"`
		Quotes []struct {
			ID    int64   `json:"id"`
			Text  string  `json:"text"`
			Ring  string  `json:"ring"`
			Score float64 `json:"score"`
		} `json:"quotes"`
	}
	json.Unmarshal([]byte(out), &res)
	if res.Query != "too expensive" || res.Study.Name != "Demo" || len(res.Quotes) == 0 {
		t.Fatalf("objections = %+v; want the query, the default study Demo and quotes", res)
	}
	for i, q := range res.Quotes {
		if q.ID == 0 || q.Text == "" || q.Ring != "perceived_barriers" {
			t.Errorf("quote %+v; want id, text and the barrier ring", q)
		}
		if i > 0 && q.Score > res.Quotes[i-1].Score {
			t.Errorf("quotes not in rank order at %d", i)
		}
	}
	code, out, _ = runCLI(t, "objections", "--data", data, "--study", "all", "too", "expensive")
	if code != 0 || !strings.Contains(out, "in all studies") || !strings.Contains(out, res.Quotes[0].Text) {
		t.Errorf("objections text (all studies) exit %d:\n%s", code, out)
	}
	// Each theme the text answer lists is followed by its own quote.
	code, out, _ = runCLI(t, "objections", "--data", data, "too", "expensive")
	themes := out[strings.Index(out, "\nThemes\n")+len("\nThemes\n") : strings.Index(out, "\nQuotes\n")]
	lines := strings.Split(strings.TrimSpace(themes), "\n")
	listed := 0
	for i, l := range lines {
		if strings.Contains(l, " quotes match") {
			listed++
			if i+1 >= len(lines) || !strings.HasPrefix(strings.TrimSpace(lines[i+1]), "“") {
				t.Errorf("theme line %q is not followed by its quote:\n%s", l, themes)
			}
		}
	}
	if code != 0 || listed == 0 {
		t.Errorf("objections text exit %d, %d themes listed:\n%s", code, listed, out)
	}
	if code, _, _ := runCLI(t, "objections", "--data", data, "--study", "Nope", "price"); code != 1 {
		t.Errorf("objections in an unknown study: exit %d; want 1", code)
	}
	if code, _, _ := runCLI(t, "objections", "--data", data); code != 2 {
		t.Errorf("objections without a query: exit %d; want 2", code)
	}
}

func TestExportQuotes(t *testing.T) {
	data := analysedSamples(t)
	in := filepath.Join(t.TempDir(), "=HYPERLINK(x).txt") // a source name a spreadsheet would run
	os.WriteFile(in, []byte("Interviewer: What do you paste?\nDana: The pricing sheet goes out to finance every single week.\n"), 0o644)
	if code, _, errs := runCLI(t, "ingest", "--data", data, "--study", "Demo", in); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	code, out, errs := runCLI(t, "export", "quotes", "--data", data, "--study", "Demo")
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("export quotes is not CSV with rows: %v\n%.500s", err, out)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for _, c := range []string{"id", "source", "participant", "position", "ring", "ring_confidence", "theme_id", "theme", "persona_id", "persona", "text"} {
		if _, ok := col[c]; !ok {
			t.Errorf("export quotes has no column %q", c)
		}
	}
	analysed, escaped := 0, false
	for _, r := range rows[1:] {
		if r[col["theme"]] != "" && r[col["persona"]] != "" && r[col["ring"]] != "" {
			analysed++
		}
		escaped = escaped || strings.HasPrefix(r[col["source"]], `'=HYPERLINK`)
		for _, c := range r {
			if strings.HasPrefix(c, "=") {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
	if analysed == 0 || !escaped {
		t.Errorf("%d quotes with ring, theme and persona, formula escaped %v; want some and true", analysed, escaped)
	}
	code, out, _ = runCLI(t, "export", "quotes", "--data", data, "--format", "json")
	var res struct {
		Study  struct{ Name string }
		Quotes []struct {
			ID   int64  `json:"id"`
			Text string `json:"text"`
		}
	}
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("export --format json exit %d: %v", code, err)
	}
	if len(res.Quotes) != len(rows)-1 || res.Study.Name != "Demo" {
		t.Errorf("json export: %d quotes of study %q; csv has %d", len(res.Quotes), res.Study.Name, len(rows)-1)
	}
	ids := make([]int64, len(res.Quotes))
	for i, q := range res.Quotes {
		ids[i] = q.ID
	}
	if !slices.IsSorted(ids) {
		t.Error("json export is not in id order")
	}
	for _, args := range [][]string{{"export"}, {"export", "themes"}, {"export", "quotes", "--format", "xml"}} {
		if code, _, _ := runCLI(t, append(args, "--data", data)...); code != 2 {
			t.Errorf("%v: exit %d; want 2", args, code)
		}
	}
}
