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
	}{
		{"one count", []string{"--seed-per-class", "2"}, 0, []int{2}},
		{"a list", []string{"--seed-per-class", "1,3", "--seed", "2"}, 0, []int{1, 3}},
		{"zero", []string{"--seed-per-class", "0"}, 2, nil},
		{"not a number", []string{"--seed-per-class", "five"}, 2, nil},
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
		}
	}
}
