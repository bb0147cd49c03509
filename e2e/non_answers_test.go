package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A researcher uploads a survey whose answers include non-answers: the
// study page says how many were set aside, and its link opens them.
func TestStudyPageShowsNonAnswersAndOpensThem(t *testing.T) {
	c, err := signedIn(researcher)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		ID int64 `json:"id"`
	}
	if err := c.do("POST", "/api/v1/studies", map[string]string{"name": "Non-answers e2e"}, &st); err != nil {
		t.Fatal(err)
	}
	files, err := c.upload(st.ID, "harborview-survey-non-answers.csv")
	if err != nil || len(files) != 1 || files[0].Status != "ok" {
		t.Fatalf("upload: %+v %v", files, err)
	}
	var na struct {
		Total   int `json:"total"`
		Answers []struct {
			Text string `json:"text"`
		} `json:"answers"`
	}
	if err := c.do("GET", fmt.Sprintf("/api/v1/sources/%d/non-answers", files[0].SourceID), nil, &na); err != nil || na.Total != 3 || len(na.Answers) != 3 {
		t.Fatalf("non-answers through the API: %+v %v; want 3", na, err)
	}

	b := newBrowser(t)
	b.signIn(researcher)
	b.open(fmt.Sprintf("/studies/%d", st.ID))
	b.expect("#non-answers")
	if got := eval[string](b, `document.querySelector("#non-answers").textContent`); !strings.Contains(got, "3 answers set aside as non-answers") {
		t.Errorf("the study page says %q", got)
	}
	b.markPage()
	b.do("open the non-answers", chromedp.Click(chromedp.CSS("#non-answers a.non-answers-link")))
	b.waitFor("the non-answers page", fmt.Sprintf(`window.__e2eMark !== %d && document.readyState === "complete" && document.querySelector("#non-answers-table")`, b.marks))
	got := eval[[]string](b, `Array.from(document.querySelectorAll("#non-answers-table td.non-answer-text")).map(e => e.textContent)`)
	if strings.Join(got, "|") != "N/A|Can't think of anything|Nothing to add at this time." {
		t.Errorf("the page lists %q", got)
	}
	b.shot("non-answers")
}
