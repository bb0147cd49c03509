package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

var updateSurvey = flag.Bool("update-survey", false, "rewrite testdata/golden/survey_*.json")

// bcSurvey is the real survey export of ../shared/data.
const bcSurvey = "../../../shared/data/bc_ai_survey/bc_ai_survey_2025.csv"

// surveyFixtures are the export layouts of testdata/survey, each with its
// golden Document in testdata/golden/survey_<name>.json.
var surveyFixtures = []string{
	"google_forms.csv", "typeform.csv", "surveymonkey.csv", "qualtrics.csv",
	"semicolon.csv", "tab.tsv", "pipe.csv", "utf16.csv", "cp1252.csv", "ragged.csv",
}

func TestSurveyGolden(t *testing.T) {
	for _, file := range surveyFixtures {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "survey", file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(file, bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Parse(%s): %v", file, err)
			}
			checkSurveyGolden(t, "survey_"+strings.TrimSuffix(file, filepath.Ext(file)), doc)
		})
	}
}

func checkSurveyGolden(t *testing.T, name string, doc *Document) {
	t.Helper()
	got, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *updateSurvey {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run Survey -update-survey)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

func TestSurveyBCAI(t *testing.T) {
	data := readBCSurvey(t)
	doc, err := Parse("bc_ai_survey_2025.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(doc.Respondents); got != 1001 {
		t.Errorf("respondents = %d; want 1001", got)
	}
	wantQ := []string{
		"Q8_AI_helping_BC_community_text_OE", "Q13_AI_impact_worries_text_OE",
		"Q16_Indigenous_communities_involvement_AI_text_OE", "Q17_Advice_BC_Leaders_text_OE",
	}
	if diff := cmp.Diff(wantQ, doc.Questions); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
	answers := 0
	for _, r := range doc.Respondents {
		for _, key := range []string{"Age", "Gender", "Education", "Q1_Experience_with_AI", "Q3_AI_affecting_society_feeling"} {
			if r.Attributes[key] == "" {
				t.Fatalf("respondent %s (line %d) has no attribute %q", r.ID, r.Row, key)
			}
		}
		for _, a := range r.Answers {
			if strings.TrimSpace(a.Text) == "" {
				t.Fatalf("respondent %s: empty answer to %q", r.ID, a.Question)
			}
		}
		answers += len(r.Answers)
	}
	// Non-empty counts of the four columns: 993 + 994 + 997 + 997, less
	// one cell holding the spreadsheet error "#NAME?".
	if answers != 3980 {
		t.Errorf("answers = %d; want 3980", answers)
	}
	first := doc.Respondents[0]
	if first.ID != "374879fe-534a-465b-9dfe-4ce1fad520c7" || first.Row != 2 {
		t.Errorf("first respondent = %q line %d; want the participant_id on line 2", first.ID, first.Row)
	}
	if got := first.Attributes["Q4A_Sector_AI_making_a_positive_impact"]; got != "Healthcare and medicine; Arts, culture, and media; Government and public services" {
		t.Errorf("multi-select Q4A = %q", got)
	}
}

func readBCSurvey(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(bcSurvey)
	if errors.Is(err, os.ErrNotExist) {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is missing", bcSurvey)
		}
		tb.Skipf("%s is absent; skipping the real-data test", bcSurvey)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestSurveyRows(t *testing.T) {
	// google_forms.csv has a quoted answer spanning two lines in its third
	// response, so the fourth starts on line 6.
	data, err := os.ReadFile("testdata/survey/google_forms.csv")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseCSV("google_forms.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for _, r := range doc.Respondents {
		rows = append(rows, r.Row)
	}
	if diff := cmp.Diff([]int{2, 3, 4, 6, 7}, rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestSurveyUTF16BigEndian(t *testing.T) {
	le, err := os.ReadFile("testdata/survey/utf16.csv")
	if err != nil {
		t.Fatal(err)
	}
	text, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(le)
	if err != nil {
		t.Fatal(err)
	}
	be, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	want, err := parseCSV("le.csv", le)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("be.csv", bytes.NewReader(be))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("UTF-16 BE differs from LE (-le +be):\n%s", diff)
	}
}

func TestSurveyRaggedFormulaCells(t *testing.T) {
	data, err := os.ReadFile("testdata/survey/ragged.csv")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("ragged.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, r := range doc.Respondents {
		cells = append(cells, r.Attributes["formula_cell"])
	}
	want := []string{"=SUM(A1)", "+1", "-2", "@x", `=HYPERLINK("http://example.com")`}
	if diff := cmp.Diff(want, cells); diff != "" {
		t.Errorf("formula cells (-want +got):\n%s", diff)
	}
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "lines 4, 5") {
		t.Errorf("warnings = %q; want one naming lines 4, 5", doc.Warnings)
	}
	if got := doc.Respondents[4].Answers[0].Text; !strings.HasPrefix(got, "@support") {
		t.Errorf("answer = %q; want it kept starting with @", got)
	}
}

func TestSurveyBadInput(t *testing.T) {
	header, err := os.ReadFile("testdata/survey/header_only.csv")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string // in the error message
	}{
		{"header_only.csv", header, "no responses"},
		{"qualtrics_empty.csv", []byte("Q1,Q2\nRole,Why?\n\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\"\n"), "no responses"},
		{"binary.csv", []byte("id,a\x00\x01\x02\x03\nb,\x00\x00c\n"), "binary"},
		{"garbage.csv", bytes.Repeat([]byte{0xC3, 0x28, 0xFA, 0x9B, 0x80, ','}, 50), "garbled"},
		{"blank.csv", []byte(",,,\n,,\n"), "no header row"},
		{"bad.xlsx", []byte("PK\x03\x04not really a zip"), "cannot open the workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse := parseCSV
			if strings.HasSuffix(tt.name, ".xlsx") {
				parse = parseXLSX
			}
			doc, err := parse(tt.name, tt.data)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("parse(%s) = %v, %v; want *Error", tt.name, doc, err)
			}
			if pe.File != tt.name || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q; want it to name %s and say %q", err, tt.name, tt.want)
			}
		})
	}
}

func TestSurveyIsDelimited(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"a,b,c\n1,2,3\n4,5,6\n", true},
		{"a;b;c\n1;\"x;y\";3\n", true},
		{"name\tscore\n" + strings.Repeat("ann\t3\n", 5), true},
		{"Interviewer: Hi, how are you?\nAna: Good, thanks, busy week.\nInterviewer: Tell me more.\n", false},
		{"just one line, with a comma\n", false},
		{"Speaker 1: hello\nSpeaker 2: hi\n", false},
	}
	for _, tt := range tests {
		if got := isDelimited(tt.text); got != tt.want {
			t.Errorf("isDelimited(%q) = %v; want %v", tt.text, got, tt.want)
		}
	}
}

func TestSurveyXLSX(t *testing.T) {
	doc, err := Parse("responses.xlsx", bytes.NewReader(buildWorkbook(t, true)))
	if err != nil {
		t.Fatal(err)
	}
	checkSurveyGolden(t, "survey_xlsx", doc)
}

func TestSurveyXLSXHeaderOnly(t *testing.T) {
	_, err := parseXLSX("header.xlsx", buildWorkbook(t, false))
	want := `parse header.xlsx line 1: sheet "Responses": no responses: the file has only header rows`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v; want %s", err, want)
	}
}

// buildWorkbook writes a workbook whose first sheet is empty and whose
// second holds a Google Forms-like export with a blank row, or only its
// header row.
func buildWorkbook(t *testing.T, responses bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("Responses"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Timestamp", "Email Address", "Team size", "What almost made you choose another vendor?", "Age"},
		{"2024-04-01 09:30:00", "a@example.com", "1-10", "Their onboarding looked faster, but the reference calls changed our mind.", 34},
		{"2024-04-01 10:05:00", "b@example.com", "11-50", "=Price. The other vendor was 30% cheaper for the first year.", 51},
		{},
		{"2024-04-02 16:45:00", "c@example.com", "1-10", "", 28},
	}
	if !responses {
		rows = rows[:1]
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Responses", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkParseCSV(b *testing.B) {
	data := readBCSurvey(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseCSV("bc_ai_survey_2025.csv", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSurveySpreadsheetErrorsAreEmpty: a cell holding a spreadsheet's
// error value ("#NAME?", as the Capterra export has for answers that
// began with "=") is no answer: it is neither quoted nor an attribute.
func TestSurveySpreadsheetErrorsAreEmpty(t *testing.T) {
	const data = "Role,What do you like most?,What do you dislike?\n" +
		"Engineer,#NAME?,The pricing is too high for small teams.\n" +
		"#N/A,Easy to set up and the dashboards are clear.,#VALUE!\n" +
		"Manager,The support team answers within the hour.,Exports are manual every month.\n"
	doc, err := Parse("errors.csv", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var answers, roles []string
	for _, r := range doc.Respondents {
		for _, a := range r.Answers {
			answers = append(answers, a.Text)
		}
		roles = append(roles, r.Attributes["Role"])
	}
	for _, a := range answers {
		if strings.HasPrefix(a, "#") {
			t.Errorf("answer %q is a spreadsheet error value, not someone's words", a)
		}
	}
	if len(answers) != 4 {
		t.Errorf("answers = %q; want the 4 written ones", answers)
	}
	for _, r := range roles {
		if r == "#N/A" {
			t.Errorf("roles = %q; an error value is no role", roles)
		}
	}
}
