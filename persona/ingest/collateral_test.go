package ingest

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestCollateralText(t *testing.T) {
	docx, err := os.ReadFile("../../samples/interviews/14-owen-fairweather-tidewell.docx")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, body string
		data             []byte
		format           string
		has, hasNot      []string
	}{
		{name: "html", file: "page.html", format: CollateralHTML,
			body: `<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style><script>var secret=1;</script></head>` +
				`<body><h1>Predictable pricing</h1><p>Price per seat,<br>on the website.</p><ul><li>SOC 2</li><li>EU hosting</li></ul></body></html>`,
			has: []string{"Predictable pricing\n", "Price per seat,\non the website.", "SOC 2\nEU hosting"}, hasNot: []string{"secret", "color", "<"}},
		{name: "html by content", file: "page", format: CollateralHTML, body: "<html><body><p>Hello <b>buyers</b></p></body></html>",
			has: []string{"Hello buyers"}},
		{name: "markdown", file: "one-pager.md", format: CollateralMarkdown, body: "# Title\n\n- **Bold** claim\n- a [link](https://x.io)\n",
			has: []string{"Title", "Bold claim", "a link"}, hasNot: []string{"**", "#", "https"}},
		{name: "text", file: "notes.txt", format: CollateralPlain, body: "\uFEFFPlain words.\r\nSecond line.\r\n", has: []string{"Plain words.\nSecond line."}},
		{name: "docx", file: "brief.docx", format: CollateralDOCX, data: docx, has: []string{"Owen Fairweather"}, hasNot: []string{"<w:"}},
		{name: "pdf", file: "brochure.pdf", format: CollateralPDF, data: mustRead(t, "../pdftext/testdata/brochure.pdf"),
			has: []string{"Flat pricing per", "Fleet visibility without the guesswork."}, hasNot: []string{"%PDF", "obj"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if data == nil {
				data = []byte(tt.body)
			}
			text, format, err := CollateralText(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if format != tt.format {
				t.Errorf("format = %q; want %q", format, tt.format)
			}
			for _, s := range tt.has {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(text, s) {
					t.Errorf("text has %q:\n%s", s, text)
				}
			}
		})
	}
}

func TestCollateralTextRefuses(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		msg        string
	}{
		{"truncated pdf", "brochure.pdf", []byte("%PDF-1.7\n..."), "cannot read the PDF's text"},
		{"scanned pdf", "scan.pdf", mustRead(t, "../pdftext/testdata/scanned.pdf"), "no text layer"},
		{"binary", "x.bin", []byte{0, 1, 2, 3, 0, 0, 7}, "binary content"},
		{"empty html", "e.html", []byte("<html><body><script>x()</script></body></html>"), "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := CollateralText(tt.file, tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v; want it to say %q", err, tt.msg)
			}
			if tt.name != "empty html" && !errors.Is(err, ErrUnsupported) {
				t.Errorf("err = %v; want ErrUnsupported", err)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
