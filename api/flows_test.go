package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

func multipartBody(t *testing.T, files map[string]string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for name, content := range files {
		fw, err := w.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

const teamsVTT = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Maya Chen>What made you start looking for a new tool?</v>\n\n2\n00:00:05.000 --> 00:00:12.000\n<v Sam Ortiz>Honestly the quokka-pricing was far too expensive for a team of our size, and renewals kept going up.</v>\n\n3\n00:00:13.000 --> 00:00:15.000\n<v Maya Chen>Who else was involved in the decision?</v>\n\n4\n00:00:16.000 --> 00:00:22.000\n<v Sam Ortiz>Our CFO had the final word, and procurement took about two months to sign off.</v>\n"

func TestUploadReportsEachFile(t *testing.T) {
	r := newRig(t, true)
	ct, body := multipartBody(t, map[string]string{
		"call.vtt":  teamsVTT,
		"empty.txt": "",
		"big.txt":   strings.Repeat("Buyer: words words words.\n", 50000), // > 1 MB limit
	})
	status, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", r.study), ct, body)
	if status != http.StatusOK {
		t.Fatalf("upload = %d %s", status, b)
	}
	var res struct{ Files []app.FileResult }
	mustJSON(t, b, &res)
	got := map[string]app.FileResult{}
	for _, f := range res.Files {
		got[f.Path] = f
	}
	if f := got["call.vtt"]; f.Status != app.StatusOK || f.Format != "vtt" || f.Quotes < 2 || f.Participants != 1 {
		t.Errorf("call.vtt = %+v; want ok vtt with one buyer and quotes", f)
	}
	if f := got["empty.txt"]; f.Status != app.StatusError || !strings.Contains(f.Error, "empty.txt") || !strings.Contains(f.Error, "empty") {
		t.Errorf("empty.txt = %+v; want an error naming the file", f)
	}
	if f := got["big.txt"]; f.Status != app.StatusError || !strings.Contains(f.Error, "limit") {
		t.Errorf("big.txt = %+v; want a size-limit error", f)
	}
	// The new quotes are searchable, and the same file again is a duplicate.
	var hits app.SearchResult
	r.json(account.RoleSales, "GET", "/api/v1/search?q=quokka", nil, &hits)
	if hits.Total != 1 || len(hits.Hits) != 1 || hits.Hits[0].Participant != "Sam Ortiz" || !strings.Contains(hits.Hits[0].Fragments[0], "<mark>quokka") {
		t.Errorf("search quokka = %+v; want Sam Ortiz's quote highlighted", hits)
	}
	ct, body = multipartBody(t, map[string]string{"again.vtt": teamsVTT})
	_, b = r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", r.study), ct, body)
	mustJSON(t, b, &res)
	if len(res.Files) != 1 || res.Files[0].Status != app.StatusDuplicate {
		t.Errorf("re-upload = %+v; want duplicate", res.Files)
	}
}

func mustJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %q: %v", b, err)
	}
}

func TestFieldNoteBecomesSearchableQuote(t *testing.T) {
	r := newRig(t, true)
	note := map[string]any{"study_id": r.study, "text": "The per-seat zebrafee is a blocker for our team this quarter.", "account": "Acme Freight", "role": "VP Sales", "deal_stage": "Negotiation"}
	var created struct{ ID, Quotes int64 }
	if status := r.json(account.RoleSales, "POST", "/api/v1/notes", note, &created); status != http.StatusCreated || created.Quotes != 1 {
		t.Fatalf("post note = %d %+v", status, created)
	}
	var hits app.SearchResult
	r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/search?q=zebrafee&kind=note&study=%d", r.study), nil, &hits)
	if hits.Total != 1 || hits.Hits[0].Participant != "VP Sales at Acme Freight" || hits.Hits[0].Attributes["Deal stage"] != "Negotiation" {
		t.Errorf("search = %+v; want the note attributed to the prospect", hits)
	}
}

func TestObjectionsGroupBarriersByPersona(t *testing.T) {
	r := newRig(t, true)
	var res app.Objections
	if status := r.json(account.RoleSales, "GET", "/api/v1/objections?q=expensive", nil, &res); status != 200 {
		t.Fatalf("objections = %d", status)
	}
	if res.Total == 0 || len(res.Quotes) == 0 || len(res.Themes) == 0 {
		t.Fatalf("objections = %+v; want barrier quotes and themes for 'expensive'", res)
	}
	for _, q := range res.Quotes {
		if q.Ring != "perceived_barriers" {
			t.Errorf("quote %d ring %q; objections must be perceived barriers", q.ID, q.Ring)
		}
	}
	raised := 0
	for _, th := range res.Themes {
		raised += len(th.ByPersona)
	}
	if raised == 0 || len(res.Answers) == 0 {
		t.Fatalf("objections name no persona raising them or no answers: %+v", res)
	}
	// Personas and their answers are cached per study: a rename shows at once.
	renamed := res.Answers[0].PersonaID
	if status := r.json(account.RoleMarketer, "PATCH", fmt.Sprintf("/api/v1/personas/%d", renamed), map[string]string{"name": "Renamed Rita"}, nil); status != 200 {
		t.Fatalf("rename persona = %d", status)
	}
	res = app.Objections{}
	r.json(account.RoleSales, "GET", "/api/v1/objections?q=expensive", nil, &res)
	names := map[string]bool{}
	for _, a := range res.Answers {
		names[a.Name] = a.PersonaID == renamed
	}
	for _, th := range res.Themes {
		for _, pc := range th.ByPersona {
			names[pc.Name] = names[pc.Name] || pc.PersonaID == renamed
		}
	}
	if !names["Renamed Rita"] {
		t.Errorf("after the rename, objections name %v; want Renamed Rita", names)
	}
}

func TestQuotesCSVEscapesFormulas(t *testing.T) {
	r := newRig(t, true)
	note := map[string]any{"study_id": r.study, "text": "=HYPERLINK(\"http://x\") would be our formula for the pricing sheet.", "account": "@Evil Corp"}
	if status := r.json(account.RoleSales, "POST", "/api/v1/notes", note, nil); status != http.StatusCreated {
		t.Fatalf("post note = %d", status)
	}
	status, b := r.do(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/studies/%d/quotes.csv", r.study), "", nil)
	if status != 200 {
		t.Fatalf("quotes.csv = %d", status)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Fatalf("cell %q starts with a formula character", cell)
			}
		}
		if strings.HasPrefix(row[1], "'=HYPERLINK") && row[2] == "'@Evil Corp" {
			found = true
		}
	}
	if !found {
		t.Error("the note's quote is not in the export with escaped cells")
	}
}

func TestDeleteSourceRemovesItsQuotes(t *testing.T) {
	r := newRig(t, true)
	var srcs struct{ Sources []struct{ ID int64 } }
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/sources", r.study), nil, &srcs)
	id := srcs.Sources[0].ID
	var before app.SearchResult
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/search?source=%d&size=1", id), nil, &before)
	if before.Total == 0 {
		t.Fatal("source has no indexed quotes to begin with")
	}
	if status, b := r.do(account.RoleResearcher, "DELETE", fmt.Sprintf("/api/v1/sources/%d", id), "", nil); status != http.StatusNoContent {
		t.Fatalf("delete = %d %s", status, b)
	}
	var after app.SearchResult
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/search?source=%d&size=1", id), nil, &after)
	if after.Total != 0 {
		t.Errorf("after delete the index still has %d quotes of source %d", after.Total, id)
	}
	if status := r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d", id), nil, nil); status != 404 {
		t.Errorf("GET deleted source = %d; want 404", status)
	}
}

// TestSetSpeakerRoleRederivesQuotes: marking the interviewer as a buyer
// makes their words quotes; marking them back removes them again.
func TestSetSpeakerRoleRederivesQuotes(t *testing.T) {
	r := newRig(t, false)
	var st struct{ ID int64 }
	r.json(account.RoleResearcher, "POST", "/api/v1/studies", map[string]string{"name": "Roles"}, &st)
	r.shareWithEveryRole(st.ID)
	ct, body := multipartBody(t, map[string]string{"call.vtt": teamsVTT})
	var up struct{ Files []app.FileResult }
	_, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", st.ID), ct, body)
	mustJSON(t, b, &up)
	src := up.Files[0].SourceID
	var detail struct {
		Participants []struct {
			ID          int64
			Label       string
			Interviewer bool
		}
		Quotes []struct{ Text string }
	}
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d", src), nil, &detail)
	var maya int64
	for _, p := range detail.Participants {
		if p.Label == "Maya Chen" && p.Interviewer {
			maya = p.ID
		}
	}
	if maya == 0 {
		t.Fatalf("Maya Chen is not detected as the interviewer: %+v", detail.Participants)
	}
	before := len(detail.Quotes)
	if status := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/participants/%d", maya), map[string]string{"role": "buyer"}, nil); status != 200 {
		t.Fatalf("set role = %d", status)
	}
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d", src), nil, &detail)
	if len(detail.Quotes) <= before {
		t.Errorf("after marking the interviewer a buyer: %d quotes; want more than %d", len(detail.Quotes), before)
	}
	var hits app.SearchResult
	r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/search?q=involved&study=%d", st.ID), nil, &hits)
	if hits.Total == 0 {
		t.Error("the interviewer's words, now a buyer's, are not searchable")
	}
	r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/participants/%d", maya), map[string]string{"role": "interviewer"}, nil)
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d", src), nil, &detail)
	if len(detail.Quotes) != before {
		t.Errorf("after marking her interviewer again: %d quotes; want %d", len(detail.Quotes), before)
	}
}
