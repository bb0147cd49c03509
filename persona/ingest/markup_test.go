package ingest

import "testing"

func TestCleanMarkup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"We **really** need this.", "We really need this."},
		{"It was *so* slow and _very_ buggy.", "It was so slow and very buggy."},
		{"***Honestly*** the price.", "Honestly the price."},
		{"See [the pricing page](https://example.com/pricing) for that.", "See the pricing page for that."},
		{"We tag them \\#urgent and move on \\- mostly.", "We tag them #urgent and move on - mostly."},
		{"| We use Excel | every Friday |\n|---|---|\n| It breaks | each quarter |", "We use Excel every Friday\nIt breaks each quarter"},
		{"First part.\n---\nSecond part.", "First part.\nSecond part."},
		{"## Pain points\n- Invoices get lost\n- Approvals take *days*", "Pain points\nInvoices get lost\nApprovals take days"},
		{"> I would never go back to spreadsheets.", "I would never go back to spreadsheets."},
		{"Use the `export` button.", "Use the export button."},
		// not Markdown: left alone
		{"my_table_name and 5 * 3 cost $5.", "my_table_name and 5 * 3 cost $5."},
		{"We code in C# and F#.", "We code in C# and F#."},
		{"A [sic] note (really).", "A [sic] note (really)."},
	}
	for _, tc := range tests {
		if got := cleanMarkup(tc.in); got != tc.want {
			t.Errorf("cleanMarkup(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
