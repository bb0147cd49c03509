package analysis

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMetrics(t *testing.T) {
	tests := []struct {
		name          string
		truth, pred   []int
		nmi, ari, acc float64
	}{
		{"identical", []int{0, 0, 1, 1, 2, 2}, []int{0, 0, 1, 1, 2, 2}, 1, 1, 1},
		{"permuted labels", []int{0, 0, 1, 1, 2, 2}, []int{5, 5, 3, 3, 9, 9}, 1, 1, 1},
		// Contingency [[2,0],[1,1]]: sum C(nij,2)=1, rows 1+1=2, cols 3+0=3,
		// C(4,2)=6, expected 1, max 2.5: ARI = 0/1.5 = 0. MI = 0.5·ln(4/3) +
		// 0.25·ln(2/3) + 0.25·ln2 = 0.2158; H(truth) = ln2, H(pred) = 0.5623.
		// Hungarian: class 0 -> cluster 0 (2), class 1 -> cluster 1 (1): 3/4.
		{"hand-checked", []int{0, 0, 1, 1}, []int{0, 0, 0, 1}, 0.2158 / ((math.Ln2 + 0.5623) / 2), 0, 0.75},
		// All in one cluster: no information, ARI 0, accuracy = largest class.
		{"one cluster", []int{0, 0, 1, 1, 1}, []int{0, 0, 0, 0, 0}, 0, 0, 0.6},
		// Contingency [[3,1],[0,2]]: ARI 0.3243, NMI 0.4787 (as scikit-learn computes them).
		{"sklearn example", []int{0, 0, 0, 0, 1, 1}, []int{0, 0, 0, 1, 1, 1}, 0.4787, 0.3243, 5.0 / 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NMI(tt.truth, tt.pred); math.Abs(got-tt.nmi) > 1e-3 {
				t.Errorf("NMI(%v, %v) = %.4f; want %.4f", tt.truth, tt.pred, got, tt.nmi)
			}
			if got := ARI(tt.truth, tt.pred); math.Abs(got-tt.ari) > 1e-3 {
				t.Errorf("ARI(%v, %v) = %.4f; want %.4f", tt.truth, tt.pred, got, tt.ari)
			}
			if got := Accuracy(tt.truth, tt.pred); math.Abs(got-tt.acc) > 1e-9 {
				t.Errorf("Accuracy(%v, %v) = %.4f; want %.4f", tt.truth, tt.pred, got, tt.acc)
			}
		})
	}
}

func TestHungarian(t *testing.T) {
	tests := []struct {
		name     string
		m        [][]int
		maximize bool
		want     []int
	}{
		// The minimum is row0->1, row1->0, row2->2 (1+2+2 = 5); the maximum 4+5+2 = 11.
		{"min 3x3", [][]int{{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}, false, []int{1, 0, 2}},
		{"max 3x3", [][]int{{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}, true, []int{0, 2, 1}},
		{"more columns", [][]int{{1, 9, 1}, {9, 1, 1}}, true, []int{1, 0}},
		{"more rows", [][]int{{5}, {7}, {1}}, true, []int{-1, 0, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Hungarian(tt.m, tt.maximize)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Hungarian(%v, %v) mismatch (-want +got):\n%s", tt.m, tt.maximize, diff)
			}
		})
	}
}
