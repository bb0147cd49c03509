package codebook

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/persona"
)

func names(codes []persona.Code) string {
	var out []string
	for _, c := range codes {
		s := c.Name
		if c.Ring != persona.RingNone {
			s += "@" + string(c.Ring)
		}
		if c.Definition != "" {
			s += "=" + c.Definition
		}
		out = append(out, s)
	}
	return strings.Join(out, "|")
}

func TestReadCSV(t *testing.T) {
	cases := []struct {
		name, in, want string
		errLine        int
		errHas         string
	}{
		{"taguette export", "tag,description,number of highlights\nPrice,Cost worries,3\nOnboarding,,0\n", "Price=Cost worries|Onboarding", 0, ""},
		{"name column", "name\nPrice\n", "Price", 0, ""},
		{"byte-order mark and CRLF", "\xEF\xBB\xBFname,description\r\nPrice,Too dear\r\n", "Price=Too dear", 0, ""},
		{"other column order", "description,ring,name\nToo dear,barriers,Price\n", "Price@perceived_barriers=Too dear", 0, ""},
		{"path with ring", "path,description\nPerceived barriers/Price,x\nThemes/Speed,\n", "Price@perceived_barriers=x|Speed", 0, ""},
		{"semicolons", "name;description\nPrice;Cost, budget\n", "Price=Cost, budget", 0, ""},
		{"quoted newline", "name,description\n\"Price\",\"line one\nline two\"\nSpeed,\n", "Price=line one\nline two|Speed", 0, ""},
		{"blank rows skipped", "name\n\nPrice\n,\nSpeed\n", "Price|Speed", 0, ""},
		{"header case and spaces", "Tag Name , When to use\nPrice,mentions cost\n", "Price", 0, ""},
		{"round-trip header", strings.Join(CSVHeader, ",") + "\nPrice,def,decision_criteria,use,not\n", "Price@decision_criteria=def", 0, ""},
		{"empty file", "", "", 1, "empty"},
		{"no name column", "label,description\nPrice,x\n", "", 1, "no name, tag or path column"},
		{"header only", "name,description\n", "", 1, "no codes"},
		{"missing name", "name,description\nPrice,x\n,orphan description\n", "", 3, "no name"},
		{"duplicate", "name\nPrice\nSpeed\nprice\n", "", 4, "repeats line 2"},
		{"unknown ring", "name,ring\nPrice,finance\n", "", 2, "none of the five rings"},
		{"bad quoting", "name\n\"Price\nSpeed\"x\n", "", 3, "not valid CSV"},
		{"name too long", "name\n" + strings.Repeat("x", persona.MaxCodeName+1) + "\n", "", 2, "at most"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadCSV(strings.NewReader(c.in))
			if c.errLine == 0 {
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				if names(got) != c.want {
					t.Errorf("got %q; want %q", names(got), c.want)
				}
				return
			}
			var le *LineError
			if !errors.As(err, &le) || le.Line != c.errLine || !strings.Contains(le.Msg, c.errHas) {
				t.Fatalf("error %v; want line %d with %q", err, c.errLine, c.errHas)
			}
			if !errors.Is(err, persona.ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
		})
	}
}

func sampleCodes() []persona.Code {
	return []persona.Code{
		{Name: "Price", Ring: persona.RingBarriers, Definition: "Cost worries.", WhenToUse: "The buyer names cost.", WhenNotToUse: "Discounts offered by us."},
		{Name: "=cmd|' /C calc'!A0", Definition: "+formula"},
		{Name: "Speed <script>", Ring: persona.RingSuccess, Definition: "Line one\nline two, with \"quotes\""},
	}
}

func TestCSVRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleCodes()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\n=cmd") || strings.Contains(buf.String(), ",+formula") {
		t.Errorf("formula cells are not defused:\n%s", buf.String())
	}
	got, err := ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := sampleCodes()
	want[1].Name, want[1].Definition = "'"+want[1].Name, "'"+want[1].Definition
	for i := range want {
		if got[i].Name != want[i].Name || got[i].Ring != want[i].Ring || got[i].Definition != want[i].Definition ||
			got[i].WhenToUse != want[i].WhenToUse || got[i].WhenNotToUse != want[i].WhenNotToUse {
			t.Errorf("code %d: got %+v; want %+v", i, got[i], want[i])
		}
	}
}

func TestQDCRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteQDC(&buf, "study 1", sampleCodes()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"`) {
		t.Fatalf("not a codebook document:\n%s", buf.String())
	}
	got, warnings, err := ReadQDC(buf.Bytes())
	if err != nil || len(warnings) > 0 {
		t.Fatalf("read back: %v %v", err, warnings)
	}
	want := sampleCodes()
	byName := map[string]persona.Code{}
	for _, c := range got {
		byName[c.Name] = c
	}
	for _, w := range want {
		g := byName[w.Name]
		if g.Ring != w.Ring || g.Definition != w.Definition || g.WhenToUse != w.WhenToUse || g.WhenNotToUse != w.WhenNotToUse {
			t.Errorf("%q: got %+v; want %+v", w.Name, g, w)
		}
	}
}

// A codebook another tool wrote (ATLAS.ti): the "Barriers" grouping names
// a ring, so its codes are barriers; "Triggers" has no ring.
func TestReadForeignQDC(t *testing.T) {
	data, err := os.ReadFile("../qdpx/testdata/codebook.qdc")
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := ReadQDC(data)
	if err != nil {
		t.Fatal(err)
	}
	want := "Migration effort@perceived_barriers=Fear of rebuilding dashboards and reports by hand.|Training time@perceived_barriers|Triggers"
	if names(got) != want {
		t.Errorf("got %q; want %q", names(got), want)
	}
}

func TestReadQDCRejects(t *testing.T) {
	cases := map[string]string{
		"not XML":    "name\nPrice\n",
		"rings only": `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="6f1c3e2a-4b5d-4e6f-8a9b-0c1d2e3f4a5b" name="Decision criteria" isCodable="false"/></Codes></CodeBook>`,
		"no codes":   `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>`,
		"bad guid":   `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="Price" isCodable="true"/></Codes></CodeBook>`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			if _, _, err := ReadQDC([]byte(in)); err == nil {
				t.Error("accepted")
			}
		})
	}
}
