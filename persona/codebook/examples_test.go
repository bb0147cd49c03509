package codebook

import (
	"errors"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

func TestReadExamplesCSV(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []Example
		wantLine int // > 0: an error naming this line
	}{
		{"taguette highlights", "id,document,tag,content\n1,a.txt,Pricing,\"Price was a big one.\"\n2,b.txt,Onboarding,Setup took weeks\n",
			[]Example{{2, "Pricing", "Price was a big one."}, {3, "Onboarding", "Setup took weeks"}}, 0},
		{"spreadsheet, semicolons, BOM, blank row", "\xEF\xBB\xBFCode;Quote\r\nPricing;too dear\r\n;\r\n", []Example{{2, "Pricing", "too dear"}}, 0},
		{"no text column", "tag,description\nPricing,about price\n", nil, 1},
		{"a row without text", "code,quote\nPricing,\n", nil, 2},
		{"a row without code", "code,quote\n,too dear\n", nil, 2},
		{"empty", "", nil, 1},
		{"header only", "code,quote\n", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadExamplesCSV(strings.NewReader(tt.in))
			if tt.wantLine > 0 {
				var le *LineError
				if !errors.As(err, &le) || le.Line != tt.wantLine || !errors.Is(err, persona.ErrInvalid) {
					t.Fatalf("err %v; want an invalid-file error at line %d", err, tt.wantLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v; want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("row %d: %+v; want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}
