package api

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

// namedCall names its buyer in the labels and the text, with an e-mail
// address and a phone number.
const namedCall = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Maya Chen>Thanks Dana. What made you start looking for a new tool?</v>\n\n" +
	"2\n00:00:05.000 --> 00:00:12.000\n<v Dana Ortiz>Honestly the quokka-pricing was far too expensive for a team of our size, and renewals kept going up. Mail me at dana.ortiz@acme.io for the numbers.</v>\n\n" +
	"3\n00:00:13.000 --> 00:00:15.000\n<v Maya Chen>Who else was involved in the decision?</v>\n\n" +
	"4\n00:00:16.000 --> 00:00:22.000\n<v Dana Ortiz>Our CFO Priya Raman had the final word, call her on +1 415 555 0199, and procurement took about two months to sign off.</v>\n"

// originalsOfNamedCall must appear nowhere but the originals table.
var originalsOfNamedCall = []string{"Dana", "Ortiz", "Maya Chen", "dana.ortiz@acme.io", "555 0199", "Priya"}

// uploadOne uploads one file as a researcher and returns its source id.
func uploadOne(t *testing.T, r *rig, study int64, name, content string) int64 {
	t.Helper()
	ct, body := multipartBody(t, map[string]string{name: content})
	var up struct{ Files []app.FileResult }
	status, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", study), ct, body)
	mustJSON(t, b, &up)
	if status != http.StatusOK || len(up.Files) != 1 || up.Files[0].Status != app.StatusOK {
		t.Fatalf("upload = %d %s", status, b)
	}
	return up.Files[0].SourceID
}

// unzipAll is every file of a zip archive, concatenated.
func unzipAll(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("export is no zip: %v", err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		all.Write(x)
	}
	return all.String()
}

func TestRedactedStudyShowsOnlyPseudonyms(t *testing.T) {
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprintf("keep originals %v", keep), func(t *testing.T) {
			r := newRig(t, false)
			var st persona.Study
			if status := r.json(account.RoleResearcher, "POST", "/api/v1/studies", map[string]any{"name": "Private", "redact": true}, &st); status != http.StatusCreated {
				t.Fatalf("create = %d", status)
			}
			if keep {
				if status := r.json(account.RoleResearcher, "PUT", fmt.Sprintf("/api/v1/studies/%d/privacy", st.ID), map[string]any{"keep_originals": true}, nil); status != http.StatusForbidden {
					t.Errorf("a researcher keeps originals: %d; want 403", status)
				}
				var p persona.Privacy
				if status := r.json(account.RoleAdmin, "PUT", fmt.Sprintf("/api/v1/studies/%d/privacy", st.ID), map[string]any{"keep_originals": true}, &p); status != http.StatusOK || !p.KeepOriginals || !p.Redact {
					t.Fatalf("admin keeps originals: %d %+v", status, p)
				}
			}
			src := uploadOne(t, r, st.ID, "call.vtt", namedCall)
			r.app.WaitAnalyses()

			seen := map[string]string{}
			_, b := r.do(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d", src), "", nil)
			seen["source JSON"] = string(b)
			if !strings.Contains(string(b), "[Person ") || !strings.Contains(string(b), "[Email 1]") {
				t.Errorf("source shows no pseudonyms: %s", b)
			}
			_, b = r.do(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/participants", st.ID), "", nil)
			seen["participants"] = string(b)
			for _, path := range []string{"quotes.csv", "themes.csv", "export.qdpx"} {
				status, b := r.do(account.RoleAdmin, "GET", fmt.Sprintf("/api/v1/studies/%d/%s", st.ID, path), "", nil)
				if status != http.StatusOK {
					t.Fatalf("%s = %d", path, status)
				}
				if strings.HasSuffix(path, ".qdpx") {
					seen[path] = unzipAll(t, b)
				} else {
					seen[path] = string(b)
				}
			}
			if !strings.Contains(seen["quotes.csv"], "quokka") {
				t.Errorf("quotes.csv lacks the buyer's quote: %s", seen["quotes.csv"])
			}
			for _, q := range []string{"Ortiz", "Dana", "Priya", "quokka"} {
				// The owner searches: a study a researcher creates is not
				// shared with sales until they share it (docs/ACCESS.md).
				_, b := r.do(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/search?q=%s&study=%d", url.QueryEscape(q), st.ID), "", nil)
				seen["search "+q] = string(b)
			}
			var hits app.SearchResult
			mustJSON(t, []byte(seen["search quokka"]), &hits)
			if hits.Total == 0 || !strings.HasPrefix(hits.Hits[0].Participant, "[Person ") {
				t.Errorf("search quokka: %+v; want a hit by a pseudonym", hits)
			}
			for _, role := range []account.Role{account.RoleAdmin, account.RoleResearcher} {
				p := newPageClient(t, r)
				p.signIn(role)
				_, body := p.get(fmt.Sprintf("/sources/%d", src))
				if role == account.RoleAdmin && keep {
					if !strings.Contains(body, `id="originals"`) || !strings.Contains(body, "Dana Ortiz") {
						t.Errorf("admin's source page lacks the kept originals")
					}
				} else {
					seen[string(role)+" source page"] = body
				}
				_, body = p.get(fmt.Sprintf("/search?q=quokka&study=%d", st.ID))
				seen[string(role)+" search page"] = body
			}
			for where, text := range seen {
				for _, o := range originalsOfNamedCall {
					if strings.Contains(text, o) {
						t.Errorf("%s shows the original %q", where, o)
					}
				}
			}

			var orig struct{ Originals []persona.Original }
			status := r.json(account.RoleAdmin, "GET", fmt.Sprintf("/api/v1/sources/%d/originals", src), nil, &orig)
			if status != http.StatusOK || keep != (len(orig.Originals) > 0) {
				t.Errorf("originals = %d %+v; want some only when kept", status, orig)
			}
			if status := r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d/originals", src), nil, nil); status != http.StatusForbidden {
				t.Errorf("a researcher reads originals: %d; want 403", status)
			}
		})
	}
}

func TestPrivacySettingsRolesAndHostileInput(t *testing.T) {
	r := newRig(t, true)
	path := fmt.Sprintf("/api/v1/studies/%d/privacy", r.study)
	var p persona.Privacy
	if status := r.json(account.RoleResearcher, "GET", path, nil, &p); status != http.StatusOK || p.Redact || p.KeepOriginals {
		t.Fatalf("demo privacy = %d %+v; want redaction off", status, p)
	}
	for _, tc := range []struct {
		role   account.Role
		body   map[string]any
		status int
	}{
		{account.RoleSales, map[string]any{"redact": true}, http.StatusForbidden},
		{account.RoleMarketer, map[string]any{"redact": true}, http.StatusForbidden},
		{account.RoleResearcher, map[string]any{"kinds": []string{"<script>alert(1)</script>"}}, http.StatusBadRequest},
		{account.RoleResearcher, map[string]any{"redact": true, "kinds": []string{"Person", "Email"}}, http.StatusOK},
		{account.RoleResearcher, map[string]any{"keep_originals": true}, http.StatusForbidden},
		{account.RoleAdmin, map[string]any{"keep_originals": true}, http.StatusOK},
	} {
		if status := r.json(tc.role, "PUT", path, tc.body, nil); status != tc.status {
			t.Errorf("%s PUT %v = %d; want %d", tc.role, tc.body, status, tc.status)
		}
	}
	r.json(account.RoleResearcher, "GET", path, nil, &p)
	if !p.Redact || !p.KeepOriginals || len(p.Kinds) != 2 {
		t.Errorf("after the changes: %+v", p)
	}

	// The page form: a researcher's form cannot clear keep_originals.
	pc := newPageClient(t, r)
	pc.signIn(account.RoleResearcher)
	_, body := pc.get(fmt.Sprintf("/studies/%d", r.study))
	if !strings.Contains(body, `id="privacy-form"`) || strings.Contains(body, `name="keep_originals"`) || strings.Contains(body, "<script>alert") {
		t.Error("researcher's study page: privacy form missing, offers keep_originals, or echoes script")
	}
	res, _ := pc.post(fmt.Sprintf("/studies/%d/privacy", r.study), url.Values{"redact": {"1"}, "kinds": {"Person", "Phone"}, "keep_originals": {""}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("privacy form = %d", res.StatusCode)
	}
	r.json(account.RoleResearcher, "GET", path, nil, &p)
	if !p.KeepOriginals || len(p.Kinds) != 2 || p.Kinds[1] != "Phone" {
		t.Errorf("after the researcher's form: %+v; want kinds Person, Phone and originals still kept", p)
	}
	res, _ = pc.post(fmt.Sprintf("/studies/%d/privacy", r.study), url.Values{"kinds": {`"><script>alert(1)</script>`}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("hostile kind through the form = %d; want 400", res.StatusCode)
	}
	hostile := "</textarea><script>alert(1)</script>"
	if status := r.json(account.RoleResearcher, "PUT", path, map[string]any{"keep_words": []string{hostile, "Azure"}}, &p); status != http.StatusOK || len(p.KeepWords) != 2 {
		t.Errorf("keep words = %d %+v", status, p)
	}
	if _, body := pc.get(fmt.Sprintf("/studies/%d", r.study)); strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;, Azure") {
		t.Error("the study page does not escape the keep words")
	}
	res, _ = pc.post(fmt.Sprintf("/studies/%d/privacy", r.study), url.Values{"redact": {"1"}, "kinds": {"Person"}, "keep_words": {"Python, Google Cloud\nAWS"}})
	r.json(account.RoleResearcher, "GET", path, nil, &p)
	if res.StatusCode != http.StatusSeeOther || !slices.Equal(p.KeepWords, []string{"Python", "Google Cloud", "AWS"}) {
		t.Errorf("keep words from the form = %d %q", res.StatusCode, p.KeepWords)
	}
	sales := newPageClient(t, r)
	sales.signIn(account.RoleSales)
	if _, body := sales.get(fmt.Sprintf("/studies/%d", r.study)); strings.Contains(body, "privacy-form") {
		t.Error("a sales rep sees the privacy form")
	}
}

// wordsOnlyBy returns words of the participant's quotes that search finds
// in no one else's quotes.
func wordsOnlyBy(t *testing.T, r *rig, participant int64, quotes []string) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	for _, q := range quotes {
		for _, w := range strings.Fields(q) {
			w = strings.ToLower(strings.Trim(w, ".,;:!?\"'()—-"))
			if len(w) < 7 || seen[w] || strings.ContainsAny(w, "'’") {
				continue
			}
			seen[w] = true
			var res app.SearchResult
			r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/search?q=%s&study=%d&size=100", url.QueryEscape(w), r.study), nil, &res)
			only := res.Total > 0 && int(res.Total) == len(res.Hits)
			for _, h := range res.Hits {
				only = only && h.ParticipantID == participant
			}
			if only {
				out = append(out, w)
			}
		}
	}
	return out
}

func TestDeleteParticipantLeavesNothingOfTheirs(t *testing.T) {
	r := newRig(t, true)
	ctx := t.Context()
	var personas struct{ Personas []persona.Profile }
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/personas", r.study), nil, &personas)
	var victim int64
	sizes := 0
	for _, p := range personas.Personas {
		sizes += p.Size
		if victim == 0 && len(p.ParticipantIDs) > 0 {
			victim = p.ParticipantIDs[0]
		}
	}
	if victim == 0 {
		t.Fatal("the demo has no persona with buyers")
	}
	var detail struct {
		Participants []persona.Participant
		Quotes       []struct {
			Text          string
			ParticipantID int64 `json:"participant_id"`
		}
	}
	var parts struct{ Participants []persona.Participant }
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/participants", r.study), nil, &parts)
	var who persona.Participant
	for _, p := range parts.Participants {
		if p.ID == victim {
			who = p
		}
	}
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d", who.SourceID), nil, &detail)
	var theirs []string
	for _, q := range detail.Quotes {
		if q.ParticipantID == victim {
			theirs = append(theirs, q.Text)
		}
	}
	words := wordsOnlyBy(t, r, victim, theirs)
	if len(words) == 0 {
		t.Fatalf("no word of participant %d's %d quotes is theirs alone", victim, len(theirs))
	}
	for _, tc := range []struct {
		role   account.Role
		status int
	}{{account.RoleSales, http.StatusForbidden}, {account.RoleMarketer, http.StatusForbidden}, {account.RoleResearcher, http.StatusNoContent}} {
		if status, b := r.do(tc.role, "DELETE", fmt.Sprintf("/api/v1/participants/%d", victim), "", nil); status != tc.status {
			t.Fatalf("%s DELETE participant = %d %s; want %d", tc.role, status, b, tc.status)
		}
	}
	r.app.WaitAnalyses()

	for _, w := range append(words, who.Label) {
		var res app.SearchResult
		r.json(account.RoleSales, "GET", fmt.Sprintf("/api/v1/search?q=%s&study=%d&size=100", url.QueryEscape(w), r.study), nil, &res)
		for _, h := range res.Hits {
			if h.ParticipantID == victim || strings.Contains(strings.ToLower(h.Text), strings.ToLower(w)) && w != who.Label {
				t.Errorf("search %q still finds %q (participant %d)", w, h.Text, h.ParticipantID)
			}
		}
	}
	if n, err := r.app.IndexedQuotes(ctx); err != nil {
		t.Fatal(err)
	} else if err := r.app.CheckIndex(ctx); err != nil {
		t.Errorf("index and database disagree after the delete (%d indexed): %v", n, err)
	}
	if status := r.json(account.RoleResearcher, "PATCH", fmt.Sprintf("/api/v1/participants/%d", victim), map[string]string{"role": "buyer"}, nil); status != http.StatusNotFound {
		t.Errorf("the deleted participant can still be edited: %d", status)
	}
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/sources/%d", who.SourceID), nil, &detail)
	for _, p := range detail.Participants {
		if p.ID == victim {
			t.Error("the source still lists the participant")
		}
	}
	for _, q := range detail.Quotes {
		if q.ParticipantID == victim {
			t.Errorf("the source still holds their quote %q", q.Text)
		}
	}
	r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/studies/%d/personas", r.study), nil, &personas)
	after := 0
	for _, p := range personas.Personas {
		after += p.Size
		for _, id := range p.ParticipantIDs {
			if id == victim {
				t.Errorf("persona %q still counts the deleted participant", p.Name)
			}
		}
	}
	if after != sizes-1 {
		t.Errorf("personas count %d buyers after the delete; want %d", after, sizes-1)
	}
	var audit struct{ Entries []account.Entry }
	r.json(account.RoleAdmin, "GET", "/api/v1/audit", nil, &audit)
	found := false
	for _, e := range audit.Entries {
		if e.Action == "delete_participant" && e.Target == fmt.Sprintf("participant %d", victim) && e.UserName == "researcher1" {
			found = true
			if strings.Contains(e.Detail, who.Label) || strings.Contains(e.Target, who.Label) {
				t.Errorf("the audit entry names the participant: %+v", e)
			}
			if !strings.Contains(e.Detail, fmt.Sprintf("participant rows %d", victim)) {
				t.Errorf("the audit entry does not list the rows deleted: %q", e.Detail)
			}
		}
	}
	if !found {
		t.Errorf("no audit entry for the delete: %+v", audit.Entries)
	}

	// The page button, for another participant of the same source.
	var other int64
	for _, p := range detail.Participants {
		if !p.Interviewer {
			other = p.ID
		}
	}
	if other != 0 {
		pc := newPageClient(t, r)
		pc.signIn(account.RoleResearcher)
		_, page := pc.get(fmt.Sprintf("/sources/%d", who.SourceID))
		if !strings.Contains(page, fmt.Sprintf(`action="/participants/%d/delete"`, other)) {
			t.Error("the source page has no delete button for the participant")
		}
		res, _ := pc.post(fmt.Sprintf("/participants/%d/delete", other), url.Values{"confirm": {"1"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/sources/%d?saved=deleted", who.SourceID) {
			t.Errorf("delete form = %d → %s", res.StatusCode, res.Header.Get("Location"))
		}
		r.app.WaitAnalyses()
	}
}
