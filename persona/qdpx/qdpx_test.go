package qdpx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func sample() Project {
	text := "Interviewer: Why switch?\n\nDana: The scanners went down — twice. Nobody warned us.\n"
	start := len([]rune("Interviewer: Why switch?\n\nDana: "))
	end := start + len([]rune("The scanners went down — twice."))
	ring := Code{GUID: GUID("ring", "priority"), Name: "Priority initiative", Description: "Why buyers act now.", Codable: false,
		Children: []Code{{GUID: GUID("theme", "1"), Name: "Outages nobody saw", Description: "Raised by 1 of 1.", Codable: true}}}
	return Project{Name: "Northwind", Origin: "Verbatim", Codes: []Code{ring},
		Sources: []Source{{GUID: GUID("source", "1"), Name: "dana.txt", Text: text,
			Selections: []Selection{{GUID: GUID("quote", "1"), Start: start, End: end, CodeGUIDs: []string{GUID("theme", "1")},
				NoteGUIDs: []string{GUID("note", "1")}}}}},
		Cases: []Case{{GUID: GUID("case", "1"), Name: "Dana", Attributes: []Attribute{{"Role", "IT director"}}, SourceGUIDs: []string{GUID("source", "1")}}},
		Notes: []Note{{GUID: GUID("note", "1"), Name: "Settled", Text: "Settled by rita: the first coder's codes.\nCode: Outages",
			CreatingUser: GUID("verbatim user"), Created: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}},
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	p := sample()
	var buf bytes.Buffer
	if err := Write(&buf, p, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if !Is(buf.Bytes()) {
		t.Fatal("Is(written archive) = false")
	}
	got, err := Read(buf.Bytes())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if diff := cmp.Diff(&p, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	sel := got.Sources[0].Selections[0]
	if s := string([]rune(got.Sources[0].Text)[sel.Start:sel.End]); s != "The scanners went down — twice." {
		t.Errorf("selection covers %q", s)
	}
}

// TestWrittenXMLFollowsSchema checks what Project-mrt2019.xsd requires of
// the elements Verbatim writes: namespace, required attributes, GUIDs,
// element order in TextSource.
func TestWrittenXMLFollowsSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample(), time.Time{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	var qde bytes.Buffer
	qde.ReadFrom(f)
	x := qde.String()
	for _, want := range []string{
		`<Project xmlns="urn:QDA-XML:project:1.0" name="Northwind" origin="Verbatim"`,
		`<Code guid="` + GUID("ring", "priority") + `" name="Priority initiative" isCodable="false">`,
		`<Variable guid="` + GUID("variable", "Role") + `" name="Role" typeOfVariable="Text">`,
		`plainTextPath="internal://` + GUID("source", "1") + `.txt"`,
		`startPosition="32" endPosition="63"`,
		`<CodeRef targetGUID="` + GUID("theme", "1") + `">`,
		`<NoteRef targetGUID="` + GUID("note", "1") + `">`,
		`<Note guid="` + GUID("note", "1") + `" name="Settled" creatingUser="` + GUID("verbatim user") + `" creationDateTime="2026-03-01T10:00:00Z">`,
	} {
		if !strings.Contains(x, want) {
			t.Errorf("project.qde lacks %s:\n%s", want, x)
		}
	}
	if strings.Index(x, "<Users>") > strings.Index(x, "<CodeBook>") || strings.Index(x, "<Cases>") > strings.Index(x, "<Sources>") ||
		strings.Index(x, "<Notes>") < strings.Index(x, "</Sources>") || strings.Index(x, "<NoteRef") < strings.Index(x, "</Coding>") {
		t.Error("Project children out of the schema's order")
	}
	if _, err := zr.Open("sources/" + GUID("source", "1") + ".txt"); err != nil {
		t.Errorf("source text missing: %v", err)
	}
}

func TestGUID(t *testing.T) {
	g := GUID("a", "b")
	if !ValidGUID(g) || g != GUID("a", "b") || g == GUID("ab") || g[14] != '5' {
		t.Errorf("GUID = %s: want a stable, valid version-5 layout GUID", g)
	}
	for s, want := range map[string]bool{"{9C4F6B5D-7E80-4192-BDCE-3F4A5B6C7D8E}": true, "9c4f6b5d7e804192bdce3f4a5b6c7d8e": false, "": false} {
		if ValidGUID(s) != want {
			t.Errorf("ValidGUID(%q) != %v", s, want)
		}
	}
}

func TestReadForeignFiles(t *testing.T) {
	qdc, err := Read(mustRead(t, "testdata/codebook.qdc"))
	if err != nil {
		t.Fatalf("codebook: %v", err)
	}
	if len(qdc.Codes) != 2 || len(qdc.Codes[0].Children) != 2 || qdc.Codes[0].Children[0].Description == "" || qdc.Codes[0].Codable {
		t.Errorf("codebook codes = %+v", qdc.Codes)
	}
	p, err := Read(mustRead(t, "testdata/project.qde"))
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	if len(p.Sources) != 1 || len(p.Sources[0].Selections) != 2 || len(p.Cases) != 1 || p.Cases[0].Attributes[0] != (Attribute{"Role", "Operations manager"}) {
		t.Fatalf("project = %+v", p)
	}
	text := []rune(p.Sources[0].Text)
	for _, sel := range p.Sources[0].Selections {
		t.Logf("%d-%d %q", sel.Start, sel.End, string(text[sel.Start:sel.End]))
	}
	if s := p.Sources[0].Selections[0]; string(text[s.Start:s.End]) != "No-shows, mainly." {
		t.Errorf("first selection = %q", string(text[s.Start:s.End]))
	}
}

func TestReadBadInput(t *testing.T) {
	qde := string(mustRead(t, "testdata/project.qde"))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not xml", []byte("hello"), "no XML element"},
		{"other root", []byte(`<Workbook xmlns="urn:QDA-XML:project:1.0"/>`), "<Workbook>"},
		{"bad guid", []byte(strings.Replace(qde, `guid="3d4e5f6a-7b8c-4d9e-bfa0-2b3c4d5e6f7a"`, `guid="code-7"`, 1)), `malformed guid "code-7"`},
		{"dangling coderef", []byte(strings.Replace(qde, `<CodeRef targetGUID="3d4e5f6a-7b8c-4d9e-bfa0-2b3c4d5e6f7a"/>`, `<CodeRef targetGUID="3d4e5f6a-7b8c-4d9e-bfa0-2b3c4d5e6f70"/>`, 1)), "which the codebook lacks"},
		{"no isCodable", []byte(strings.Replace(qde, ` name="No-shows" isCodable="true"`, ` name="No-shows"`, 1)), "has no isCodable"},
		{"outside", []byte(strings.Replace(qde, `endPosition="83"`, `endPosition="8300"`, 1)), "outside its"},
		{"no position", []byte(strings.Replace(qde, ` startPosition="66"`, ``, 1)), "lacks startPosition"},
		{"repeated guid", []byte(strings.Replace(qde, `guid="8c9daebf-c0d1-42e3-84f5-7a8b9cadbecf"`, `guid="7b8c9dae-bfc0-41d2-b3e4-6f7a8b9cadbe"`, 1)), "repeats the guid"},
		{"truncated xml", []byte(qde[:len(qde)/2]), "project XML"},
		{"empty codebook", []byte(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>`), "no codes"},
		{"zip without qde", zipOf(t, map[string]string{"a.txt": "x"}), "no project.qde"},
		{"missing source file", zipOf(t, map[string]string{"project.qde": withoutContent(qde, "internal://gone.txt")}), "sources/gone.txt is missing"},
		{"truncated zip", []byte("PK\x03\x04garbage"), "not a readable .qdpx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.data)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read = %v; want ErrInvalid with %q", err, tt.want)
			}
		})
	}
}

// withoutContent moves the source's text out to plainTextPath path.
func withoutContent(qde, path string) string {
	i, j := strings.Index(qde, "<PlainTextContent>"), strings.Index(qde, "</PlainTextContent>")
	qde = qde[:i] + qde[j+len("</PlainTextContent>"):]
	return strings.Replace(qde, `name="Harbor Health call">`, `name="Harbor Health call" plainTextPath="`+path+`">`, 1)
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzRead(f *testing.F) {
	f.Add(mustRead(f, "testdata/project.qde"))
	f.Add(mustRead(f, "testdata/codebook.qdc"))
	var buf bytes.Buffer
	if err := Write(&buf, sample(), time.Time{}); err == nil {
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		for _, s := range p.Sources {
			n := len([]rune(s.Text))
			for _, sel := range s.Selections {
				if sel.Start < 0 || sel.End > n || sel.Start > sel.End {
					t.Fatalf("selection %d-%d outside %d characters", sel.Start, sel.End, n)
				}
			}
		}
	})
}
