package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/search"
)

// searchCount runs `verbatim search --json` and returns how many quotes
// it found.
func searchCount(t *testing.T, data, query string) int {
	t.Helper()
	code, out, errs := runCLI(t, "search", "--data", data, "--study", "Calls", "--json", query)
	if code != 0 {
		t.Fatalf("search %q exit %d: %s", query, code, errs)
	}
	var res struct{ Total int }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search %q: %v in %s", query, err, out)
	}
	return res.Total
}

// TestRedactAndDeleteParticipantCommands: `redact --on` hides an e-mail
// stored before redaction from search; `participant delete` removes a
// buyer's words from search; both are audited.
func TestRedactAndDeleteParticipantCommands(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "call-with-lee-park.txt")
	text := "Interviewer: How did you choose your tool?\n" +
		"Lee Park: The price was fair for our team. Mail me at lee.park@example.org for the contract terms.\n" +
		"Interviewer: And for you, Sam?\n" +
		"Sam Diaz: Honestly the zebrafish onboarding was painful and nobody trained us at all.\n" +
		"Interviewer: Anything about the contract?\n" +
		"Lee Park: The yearly contract locked us in and we regretted it for a long time.\n" +
		"Sam Diaz: Support answered within a day, which mattered to our team more than features.\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "ingest", "--data", data, "--study", "Calls", "--force", file); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errs)
	}
	if searchCount(t, data, `"lee.park@example.org"`) == 0 || searchCount(t, data, "zebrafish") == 0 {
		t.Fatal("the e-mail or the words are not searchable before; the test proves nothing")
	}
	code, out, errs := runCLI(t, "redact", "--data", data, "--study", "Calls", "--on")
	if code != 0 || !strings.Contains(out, "1 of 1 sources rewritten") {
		t.Fatalf("redact exit %d: %s %s", code, out, errs)
	}
	if n := searchCount(t, data, `"lee.park@example.org"`); n != 0 {
		t.Errorf("the e-mail still finds %d quotes after redact", n)
	}
	id := participantSaying(t, data, "zebrafish")
	if code, _, _ := runCLI(t, "participant", "delete", "--data", data, "nope"); code == 0 {
		t.Errorf("participant delete nope: exit 0")
	}
	code, out, errs = runCLI(t, "participant", "delete", "--data", data, strconv.FormatInt(id, 10))
	if code != 0 || !strings.Contains(out, fmt.Sprintf("deleted (rows %d)", id)) {
		t.Fatalf("participant delete exit %d: %s %s", code, out, errs)
	}
	if n := searchCount(t, data, "zebrafish"); n != 0 {
		t.Errorf("the deleted participant's words still find %d quotes", n)
	}
	if code, _, _ := runCLI(t, "participant", "delete", "--data", data, strconv.FormatInt(id, 10)); code == 0 {
		t.Errorf("deleting twice: exit 0")
	}
}

// participantSaying is the participant whose quote a word finds.
func participantSaying(t *testing.T, data, word string) int64 {
	t.Helper()
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DataDir: data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	m, err := search.Parse(word)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Search(ctx, search.Query{Match: m, Size: 5})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("search %q: %v, %d hits", word, err, len(res.Hits))
	}
	return res.Hits[0].ParticipantID
}
