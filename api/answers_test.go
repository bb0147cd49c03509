package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona"
)

func TestFieldAnswersFormPagesAndRoles(t *testing.T) {
	r := newRig(t, true)
	personas, err := r.app.Personas(t.Context(), r.study)
	if err != nil {
		t.Fatal(err)
	}
	var p persona.Profile
	var theme int64
	for _, x := range personas {
		if ids := x.Rings[persona.RingBarriers]; len(ids) > 0 && theme == 0 {
			p, theme = x, ids[0]
		}
	}
	if theme == 0 {
		t.Fatal("no persona with a perceived barrier")
	}
	form := func(text, context string) *strings.Reader {
		return strings.NewReader(url.Values{"text": {text}, "context": {context}}.Encode())
	}
	path := fmt.Sprintf("/objections/%d/answers", theme)
	const ct = "application/x-www-form-urlencoded"
	if st, _ := r.do(account.RoleMarketer, "POST", path, ct, form("x", "")); st != http.StatusForbidden {
		t.Errorf("marketer posts an answer: %d, want 403", st)
	}
	st, b := r.do(account.RoleSales, "POST", path, ct, form("", "CFO"))
	if st != http.StatusBadRequest || !strings.Contains(string(b), `value="CFO"`) {
		t.Errorf("empty answer: %d; want 400 with the form kept", st)
	}
	answer := "I priced it against one analyst's salary & they signed"
	st, b = r.do(account.RoleSales, "POST", path, ct, form(answer, "CFO, pricing call"))
	if st != http.StatusOK {
		t.Fatalf("post answer: %d", st)
	}
	page := string(b)
	if !strings.Contains(page, "analyst&#39;s salary &amp; they signed") || !strings.Contains(page, `class="answer-author">sales1<`) {
		t.Errorf("the objection page does not show the answer with its author")
	}
	if !strings.Contains(page, `class="objection-quote"`) {
		t.Error("the objection page shows no buyer quote beside the answer")
	}
	var list struct {
		Answers []persona.FieldAnswer `json:"answers"`
	}
	if st := r.json(account.RoleMarketer, "GET", fmt.Sprintf("/api/v1/themes/%d/answers", theme), nil, &list); st != http.StatusOK || len(list.Answers) != 1 || list.Answers[0].By != "sales1" {
		t.Fatalf("answers JSON: %d %+v", st, list)
	}
	id := list.Answers[0].ID

	st, b = r.do(account.RoleMarketer, "GET", fmt.Sprintf("/personas/%d", p.ID), "", nil)
	if st != http.StatusOK || !strings.Contains(string(b), `id="persona-answers"`) || !strings.Contains(string(b), "they signed") {
		t.Errorf("the marketer's persona page (%d) lacks the field answer", st)
	}
	if strings.Contains(string(b), fmt.Sprintf(`action="/answers/%d/delete"`, id)) {
		t.Error("the marketer is offered to delete the rep's answer")
	}

	// Someone else's answer: 403; the author's own: deleted.
	var other persona.FieldAnswer
	if st := r.json(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/themes/%d/answers", theme), map[string]string{"text": "Pilot first."}, &other); st != http.StatusCreated {
		t.Fatalf("researcher answers: %d", st)
	}
	if st := r.json(account.RoleSales, "DELETE", fmt.Sprintf("/api/v1/answers/%d", other.ID), nil, nil); st != http.StatusForbidden {
		t.Errorf("sales deletes the researcher's answer: %d, want 403", st)
	}
	if st, _ := r.do(account.RoleSales, "POST", fmt.Sprintf("/answers/%d/delete", id), ct, strings.NewReader("")); st != http.StatusOK {
		t.Errorf("sales deletes own answer: %d", st)
	}
	if st := r.json(account.RoleAdmin, "DELETE", fmt.Sprintf("/api/v1/answers/%d", other.ID), nil, nil); st != http.StatusNoContent {
		t.Errorf("admin deletes an answer: %d", st)
	}
}
