package frontend

import "testing"

func TestInitials(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Founder / CEO in Software / SaaS — free note-taker", "FC"},
		{"Focus: close talking mike", "CT"},
		{"Focus: BIC criterion", "BC"},
		{"Mostly raised: steep learning curve", "SL"},
		{"No distinct personas", "ND"},
	}
	for _, tt := range tests {
		if got := initials(tt.name); got != tt.want {
			t.Errorf("initials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
