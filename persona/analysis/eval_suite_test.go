package analysis

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestModularity(t *testing.T) {
	// Two triangles joined by nothing: split along them Q = ½, one group 0.
	nb := [][]int32{{1, 2}, {0, 2}, {0, 1}, {4, 5}, {3, 5}, {3, 4}}
	nw := make([][]float32, len(nb))
	for i := range nw {
		nw[i] = []float32{1, 1}
	}
	g := knnGraph(nb, nw)
	tests := []struct {
		name   string
		assign []int
		k      int
		want   float64
	}{
		{"triangles", []int{0, 0, 0, 1, 1, 1}, 2, 0.5},
		{"one group", []int{0, 0, 0, 0, 0, 0}, 1, 0},
		{"across", []int{0, 1, 0, 1, 0, 1}, 2, -1.0 / 6},
	}
	for _, tt := range tests {
		if got := modularity(g, tt.assign, tt.k); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: modularity = %.4f; want %.4f", tt.name, got, tt.want)
		}
	}
}

func TestSuiteSetLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.tsv", "card lost\tcard\n\tempty\nrefund please\trefund\n")
	write("b.tsv", "where is my refund\trefund\n")
	write("c.csv", "text,label\nhello card,card\n")
	tsv := SuiteSet{Name: "t", Files: []string{"a.tsv", "b.tsv"}, TextCol: "0", LabelCol: "1"}
	texts, labels, err := tsv.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"card lost", "refund please", "where is my refund"}, texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"card", "refund", "refund"}, labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	csv := SuiteSet{Name: "c", Files: []string{"c.csv"}, TextCol: "text", LabelCol: "label"}
	if texts, _, err := csv.Load(dir); err != nil || len(texts) != 1 {
		t.Errorf("csv: %q, %v; want one text", texts, err)
	}
	if _, _, err := (SuiteSet{Name: "m", Files: []string{"missing.csv"}}).Load(dir); err == nil {
		t.Error("missing file: no error")
	}
}

func TestSubsample(t *testing.T) {
	texts := []string{"a", "b", "c", "d", "e"}
	labels := []string{"1", "2", "3", "4", "5"}
	st, sl := Subsample(texts, labels, 3, 1)
	if len(st) != 3 || len(sl) != 3 {
		t.Fatalf("Subsample kept %d, %d; want 3", len(st), len(sl))
	}
	for i := range st {
		if st[i][0]-'a' != sl[i][0]-'1' {
			t.Errorf("text %q lost its label (got %q)", st[i], sl[i])
		}
		if i > 0 && st[i] < st[i-1] {
			t.Errorf("order not kept: %q", st)
		}
	}
	if all, _ := Subsample(texts, labels, 0, 1); len(all) != 5 {
		t.Errorf("Subsample(0) kept %d; want all 5", len(all))
	}
}

func TestPlainBaselineSeparatesTopics(t *testing.T) {
	var texts, labels []string
	for i := 0; i < 20; i++ {
		texts = append(texts, "my card payment was declined at the shop", "refund my money for the cancelled order")
		labels = append(labels, "card", "refund")
	}
	r, err := PlainBaseline(texts, labels, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.K != 2 || r.ARI != 1 || r.ACC != 1 {
		t.Errorf("PlainBaseline = k %d ARI %.3f ACC %.3f; want 2, 1, 1", r.K, r.ARI, r.ACC)
	}
}
