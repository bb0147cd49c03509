package ingest

import (
	"fmt"
	"strconv"
	"testing"
)

func TestSurveyClassifyColumn(t *testing.T) {
	opts := []string{"Slack", "Microsoft Teams", "Zoom", "Google Chat", "Webex"}
	tests := []struct {
		header string
		value  func(i int) string // the value on row i of 40
		want   colKind
	}{
		{"Why did you switch?", func(i int) string { return fmt.Sprintf("Answer number %d, written at some length by the buyer.", i) }, kindOpen},
		{"Which tools do you use?", func(i int) string { return opts[i%5] + ", " + opts[(i+1)%5] + ", " + opts[(i+3)%5] }, kindClosed},
		{"What is your role?", func(i int) string {
			return []string{"Buyer – I sign the contract.", "Champion – I push for it."}[i%2]
		}, kindClosed},
		{"Q2_animal_other_OE", func(i int) string { return fmt.Sprintf("A very particular animal number %d", i) }, kindClosed},
		{"Anything else?", func(i int) string { return sparse(i, "A long but rare comment that only one buyer wrote down.") }, kindClosed},
		{"Age", func(i int) string { return strconv.Itoa(18 + 2*i) }, kindClosed},
		{"Score", func(i int) string { return strconv.FormatFloat(float64(i)/41, 'f', 4, 64) }, kindClosed},
		{"S. No", func(i int) string { return strconv.Itoa(i + 1) }, kindSkip},
		{"Respondent ID", func(i int) string { return fmt.Sprintf("R%03d", i) }, kindID},
		{"Collector ID", func(i int) string { return "42" }, kindSkip},
		{"Timestamp", func(i int) string { return fmt.Sprintf("3/%d/2024 10:02:31", i%28+1) }, kindSubmitted},
		{"started_at_local", func(i int) string { return fmt.Sprintf("2024-03-%02d 10:02", i%28+1) }, kindSkip},
		{"Date of first purchase", func(i int) string { return fmt.Sprintf("2024-03-%02d", i%28+1) }, kindClosed},
		{"Email Address", func(i int) string { return fmt.Sprintf("b%d@example.com", i) }, kindSkip},
		{"Notes", func(i int) string { return "" }, kindSkip},
	}
	for _, tt := range tests {
		rows := make([]surveyRecord, 40)
		for i := range rows {
			rows[i] = surveyRecord{line: i + 2, cells: []string{tt.value(i)}}
		}
		c := surveyColumn{title: tt.header, src: []int{0}}
		if got := classifyColumn(&c, columnStats(&c, rows), rows); got != tt.want {
			t.Errorf("classifyColumn(%q) = %d; want %d", tt.header, got, tt.want)
		}
	}
}

// sparse is v on one row in twenty, else empty.
func sparse(i int, v string) string {
	if i%20 == 0 {
		return v
	}
	return ""
}

// TestSurveyClosedFromValues: closed questions are told from their values,
// not their headers (neutral "Answer N" headers here), on real layouts.
func TestSurveyClosedFromValues(t *testing.T) {
	apps := []string{"WhatsApp", "Facebook Messenger", "Telegram", "Signal", "WeChat", "Snapchat", "Discord",
		"Slack", "Microsoft Teams", "iMessage", "Viber", "Instagram DMs", "LINE", "Google Chat"}
	roles := []string{"Head of Finance Operations", "Chief Financial Officer", "Accounts Payable Manager",
		"Financial Controller (group level)", "Finance Business Partner", "Procurement Lead, EMEA",
		"Treasury Analyst", "Revenue Operations Manager", "VP Finance & Administration", "Payroll Specialist",
		"Shared Services Director", "Billing Team Lead", "Tax Manager (indirect)", "FP&A Analyst",
		"Credit Controller", "Bookkeeper (part time)", "Management Accountant", "Chief Operating Officer",
		"Finance Systems Administrator", "Audit Manager"}
	scale := []string{"1 - Strongly disagree", "2 - Disagree", "3 - Neither agree nor disagree", "4 - Agree", "5 - Strongly agree"}
	tests := []struct {
		name  string
		rows  int
		value func(i int) string
		want  colKind
	}{
		{"multi-select chat apps with write-ins, 69 respondents", 69, func(i int) string {
			v := apps[i%14] + ", " + apps[(i*5+3)%14]
			if i%3 == 0 {
				v += ", " + apps[(i*7+1)%14]
			}
			if i%9 == 0 {
				v += ", Other: a niche app number " + strconv.Itoa(i)
			}
			return v
		}, kindClosed},
		{"single choice among 20 long options", 69, func(i int) string { return roles[(i*7)%20] + ", mid-sized company" }, kindClosed},
		{"labelled scale", 69, func(i int) string { return scale[(i*3)%5] }, kindClosed},
		{"open answers with commas and many N/A stay open", 69, func(i int) string {
			if i%3 == 0 {
				return "N/A"
			}
			return fmt.Sprintf("We reconcile %d invoices by hand, then export to Excel for the %d-person team, and it takes %d hours.", 3*i, i%7+2, i%11+1)
		}, kindOpen},
		{"open answers that name tools stay open", 69, func(i int) string {
			return fmt.Sprintf("Mostly %s, but honestly the handover between %s and email loses things (case %d).", apps[i%14], apps[(i+2)%14], i)
		}, kindOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := make([]surveyRecord, tt.rows)
			for i := range rows {
				rows[i] = surveyRecord{line: i + 2, cells: []string{tt.value(i)}}
			}
			c := surveyColumn{title: "Answer 3", src: []int{0}}
			if got := classifyColumn(&c, columnStats(&c, rows), rows); got != tt.want {
				t.Errorf("classifyColumn = %d; want %d", got, tt.want)
			}
		})
	}
}
