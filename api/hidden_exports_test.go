package api

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/qdpx"
)

// analyzeJSON stands for the report `verbatim analyze --json` prints.
const analyzeJSON = "analyze --json"

// A quote a researcher hid leaves through no export: for each export that
// carries quote text (the quotes CSV, the .qdpx project, the analysis
// report of `verbatim analyze --json`, each persona's
// Markdown and JSON, each content-gap check's Markdown and JSON) a quote
// it showed is hidden, and afterwards no export (those, the themes CSV
// and the codebook's CSV and .qdc) holds any hidden quote's text, nor
// does the .qdpx hold a selection of it, though a researcher coded one
// and it was a code's example. Before, the quotes CSV and the .qdpx
// source texts (and the coded quote's selection) still held them.
func TestHiddenQuotesLeaveThroughNoExport(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	if status, _ := r.uploadCollateral(account.RoleMarketer, "fieldnote-in-buyers-words.md", demoDoc(t, "fieldnote-in-buyers-words.md")); status != http.StatusCreated {
		t.Fatalf("collateral upload = %d", status)
	}
	personas, err := r.app.Personas(ctx, r.study)
	if err != nil || len(personas) == 0 {
		t.Fatalf("personas %v, %v", personas, err)
	}
	docs, err := r.app.CollateralList(ctx, r.study)
	if err != nil || len(docs) == 0 {
		t.Fatalf("collateral %v, %v", docs, err)
	}
	get := func(path string) string {
		t.Helper()
		if path == analyzeJSON { // what `verbatim analyze --json` prints
			rep, err := r.app.Report(ctx, r.study)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(rep)
			return string(b)
		}
		status, b := r.do(account.RoleResearcher, "GET", path, "", nil)
		if status != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, status, b)
		}
		if !strings.HasSuffix(path, ".qdpx") {
			return string(b)
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			all.Write(data)
			all.WriteString("\n")
		}
		return all.String()
	}
	study := fmt.Sprintf("/api/v1/studies/%d/", r.study)
	withQuotes := []string{study + "quotes.csv", study + "export.qdpx", analyzeJSON}
	for _, p := range personas {
		withQuotes = append(withQuotes, fmt.Sprintf("/api/v1/personas/%d/export.md", p.ID), fmt.Sprintf("/api/v1/personas/%d/export.json", p.ID))
	}
	for _, d := range docs {
		withQuotes = append(withQuotes, fmt.Sprintf("/api/v1/collateral/%d/export.md", d.ID), fmt.Sprintf("/api/v1/collateral/%d/export.json", d.ID))
	}
	others := []string{study + "themes.csv", study + "codebook.csv", study + "codebook.qdc"}

	// Quotes whose text no export escapes and no other quote repeats.
	plain := regexp.MustCompile(`^[A-Za-z0-9 ,.?!]{40,}$`)
	count := map[string]int{}
	var quotes []app.ExportQuote
	if err := r.app.ExportQuotes(ctx, r.study, func(q app.ExportQuote) error {
		count[q.Text]++
		quotes = append(quotes, q)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	hidden := map[int64]string{}
	for _, path := range withQuotes {
		body := get(path)
		for _, q := range quotes {
			if _, taken := hidden[q.ID]; !taken && count[q.Text] == 1 && plain.MatchString(q.Text) && strings.Contains(body, q.Text) {
				hidden[q.ID] = q.Text
				break
			}
		}
	}
	t.Logf("hiding %d quotes, one per export that showed one", len(hidden))
	if len(hidden) < 4 {
		t.Fatalf("only %d exports show a quote to hide; the test proves little", len(hidden))
	}
	// One hidden quote is a code's example and a researcher's coding.
	var coded int64
	for id := range hidden {
		coded = id
		break
	}
	var code persona.Code
	if status := r.json(account.RoleResearcher, "POST", study+"codes", map[string]any{"name": "Hidden probe", "example_quote_ids": []int64{coded}}, &code); status != http.StatusCreated {
		t.Fatalf("create code = %d", status)
	}
	if status, b := r.do(account.RoleResearcher, "PUT", fmt.Sprintf("/api/v1/quotes/%d/codes/%d", coded, code.ID), "", nil); status >= 300 {
		t.Fatalf("code the quote = %d %s", status, b)
	}
	for id := range hidden {
		if status := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/quotes/%d", id), map[string]any{"hidden": true}, nil); status != http.StatusOK {
			t.Fatalf("hide quote %d = %d", id, status)
		}
	}
	r.app.WaitAnalyses()
	for _, path := range append(withQuotes, others...) {
		body := get(path)
		for id, text := range hidden {
			if strings.Contains(body, text) {
				t.Errorf("%s holds hidden quote %d: %q", path, id, text)
			}
		}
		if strings.HasSuffix(path, ".qdpx") {
			for id := range hidden {
				if g := qdpx.GUID("verbatim quote", strconv.FormatInt(id, 10)); strings.Contains(body, g) {
					t.Errorf("%s holds a selection of hidden quote %d", path, id)
				}
			}
			if !strings.Contains(body, "[hidden]") {
				t.Errorf("%s does not mark where the hidden quotes were", path)
			}
		}
	}
}
