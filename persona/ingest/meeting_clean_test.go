package ingest

import "testing"

// The QMSum text a quote is cut from reads as said: tags gone,
// punctuation re-attached, letters spelled out with underscores (the AMI
// meetings' "T_V_") joined.
func TestCleanQMSum(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"We should have an L_C_D_ on the remote control .", "We should have an LCD on the remote control."},
		{"processing on the T_V_ set , right ?", "processing on the TV set, right?"},
		{"if some people have P_D_A_s they can use it", "if some people have PDAs they can use it"},
		{"check with our R_ and D_ department", "check with our R and D department"},
		{"Yeah . {vocalsound} we 're done", "Yeah. we're done"},
		{"the data_set and file_name stay", "the data_set and file_name stay"},
	} {
		if got := cleanQMSum(tc.in); got != tc.want {
			t.Errorf("cleanQMSum(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
