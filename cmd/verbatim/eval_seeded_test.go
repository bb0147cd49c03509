package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalSeedPerClass(t *testing.T) {
	// A small labelled file: two intents with their own words.
	var b strings.Builder
	b.WriteString("text,label\n")
	for i := range 12 {
		w := []string{"card", "arrive", "delivery", "post", "mail", "wait"}
		v := []string{"refund", "money", "back", "return", "charge", "reverse"}
		b.WriteString("my " + w[i%6] + " " + w[(i+1)%6] + " " + w[(i+2)%6] + ",card\n")
		b.WriteString("want " + v[i%6] + " " + v[(i+1)%6] + " " + v[(i+3)%6] + ",refund\n")
	}
	path := filepath.Join(t.TempDir(), "l.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantN    []int // per-class counts of the JSON results
		product  bool  // the product's view is in the results
	}{
		{"one count", []string{"--seed-per-class", "2"}, 0, []int{2}, false},
		{"a list", []string{"--seed-per-class", "1,3", "--seed", "2"}, 0, []int{1, 3}, false},
		{"the product's view", []string{"--seed-per-class", "2", "--themes"}, 0, []int{2}, true},
		{"zero", []string{"--seed-per-class", "0"}, 2, nil, false},
		{"not a number", []string{"--seed-per-class", "five"}, 2, nil, false},
	}
	for _, tt := range tests {
		args := append([]string{"eval", "--labels", path, "--text-col", "text", "--label-col", "label", "--json"}, tt.args...)
		code, out, errs := runCLI(t, args...)
		if code != tt.wantCode {
			t.Errorf("%s: exit %d (%s); want %d", tt.name, code, errs, tt.wantCode)
			continue
		}
		if tt.wantN == nil {
			continue
		}
		var res []struct {
			PerClass int     `json:"per_class"`
			Seeds    int     `json:"seeds"`
			N        int     `json:"n"`
			ACC      float64 `json:"acc"`
			Coverage float64 `json:"coverage"`
			Product  *struct {
				N int `json:"n"`
			} `json:"product"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%s: output is not JSON: %v\n%s", tt.name, err, out)
		}
		if len(res) != len(tt.wantN) {
			t.Fatalf("%s: %d results; want %d", tt.name, len(res), len(tt.wantN))
		}
		for i, r := range res {
			if r.PerClass != tt.wantN[i] || r.Seeds != 2*tt.wantN[i] || r.N != 24-r.Seeds {
				t.Errorf("%s: result %+v; want %d per class, %d seeds, the other %d scored", tt.name, r, tt.wantN[i], 2*tt.wantN[i], 24-2*tt.wantN[i])
			}
			if r.ACC < 0.9 {
				t.Errorf("%s: ACC %.2f on two intents with their own words; want ≥ .9", tt.name, r.ACC)
			}
			if (r.Product != nil) != tt.product || (r.Product != nil && r.Product.N != r.N) {
				t.Errorf("%s: product's view %+v; want one over the %d scored texts: %v", tt.name, r.Product, r.N, tt.product)
			}
		}
	}
}

// TestEvalReviewRounds runs the simulated review on a one-set suite
// directory (a small SERDIF-shaped file) and checks every order's line.
func TestEvalReviewRounds(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "serdif_usability_study", "thematic_analysis")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("id,document,tag,content\n")
	w := []string{"card", "arrive", "delivery", "post", "mail", "wait"}
	v := []string{"refund", "money", "back", "return", "charge", "reverse"}
	for i := range 20 {
		b.WriteString("1,d,card,my " + w[i%6] + " " + w[(i+1)%6] + " " + w[(i+2)%6] + "\n")
		b.WriteString("2,d,refund,want " + v[i%6] + " " + v[(i+1)%6] + " " + v[(i+3)%6] + "\n")
	}
	if err := os.WriteFile(filepath.Join(sub, "all_tags_20220303.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
	}{
		{"two rounds", []string{"--seed-per-class", "2", "--review-rounds", "2", "--seeds", "1,2"}, 0},
		{"two counts", []string{"--seed-per-class", "2,3", "--review-rounds", "2"}, 2},
	}
	for _, tt := range tests {
		args := append([]string{"eval", "--suite", dir, "--sets", "serdif"}, tt.args...)
		code, out, errs := runCLI(t, args...)
		if code != tt.wantCode {
			t.Errorf("%s: exit %d (%s); want %d", tt.name, code, errs, tt.wantCode)
			continue
		}
		if code != 0 {
			continue
		}
		for _, want := range []string{"serdif (40 texts, 2 labels", "queue ", "random ", "uncertain ", "queue−rand "} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q:\n%s", tt.name, want, out)
			}
		}
		// Three figures per line: before, after round 1, after round 2.
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "random") && strings.Count(line, "(") != 3 {
				t.Errorf("%s: %q: want 3 rounds' figures", tt.name, line)
			}
		}
	}
}
