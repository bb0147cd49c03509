package api

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona"
)

// TestPatchStudySpeakers: PATCH /api/v1/studies/:id sets whether the same
// speaker name in several files is one person, without renaming; a bad
// value is a 400 and changes nothing.
func TestPatchStudySpeakers(t *testing.T) {
	r := newRig(t, true)
	path := fmt.Sprintf("/api/v1/studies/%d", r.study)
	var st persona.Study
	if status := r.json(account.RoleResearcher, "PATCH", path, map[string]string{"speakers": "separate"}, &st); status != http.StatusOK {
		t.Fatalf("PATCH speakers: %d", status)
	}
	if st.Speakers != persona.SpeakersSeparate || st.Name == "" {
		t.Errorf("study after PATCH = %+v; want speakers separate, its name kept", st)
	}
	if status := r.json(account.RoleResearcher, "PATCH", path, map[string]string{"speakers": "maybe"}, nil); status != http.StatusBadRequest {
		t.Errorf("PATCH speakers=maybe: %d; want 400", status)
	}
	// A name another study has refuses the whole PATCH: the speakers
	// setting sent with it is not stored either.
	if _, err := r.app.CreateStudy(t.Context(), "Taken name"); err != nil {
		t.Fatal(err)
	}
	if status := r.json(account.RoleResearcher, "PATCH", path, map[string]string{"name": "Taken name", "speakers": "same"}, nil); status < 400 {
		t.Errorf("PATCH to a taken name: %d; want an error", status)
	}
	got, err := r.app.Study(t.Context(), r.study)
	if err != nil || got.Speakers != persona.SpeakersSeparate {
		t.Errorf("stored speakers %q, %v; want separate", got.Speakers, err)
	}
}
