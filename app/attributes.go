package app

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/verbatimhq/verbatim/persona/store"
)

// ApplyAttributes reads a participant-attributes CSV — columns source (file
// name), label (speaker), then one column per attribute — and sets those
// attributes on the matching participants of a study, so interviewees can
// be profiled like survey respondents. It returns how many it updated.
func (a *App) ApplyAttributes(ctx context.Context, studyID int64, r io.Reader) (int, error) {
	rows, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return 0, fmt.Errorf("participant attributes: %w", err)
	}
	if len(rows) < 2 || len(rows[0]) < 3 || !strings.EqualFold(rows[0][0], "source") || !strings.EqualFold(rows[0][1], "label") {
		return 0, fmt.Errorf("participant attributes: want a header source,label,ATTRIBUTE... and rows")
	}
	srcs, err := a.sourceMap(ctx, studyID)
	if err != nil {
		return 0, err
	}
	parts, err := a.store.Participants(ctx, store.ParticipantFilter{StudyID: studyID})
	if err != nil {
		return 0, err
	}
	defer a.changed(studyID, ChangeParticipants)
	n := 0
	for line, row := range rows[1:] {
		matched := false
		for _, p := range parts {
			if p.Label != row[1] || srcs[p.SourceID].Name != row[0] {
				continue
			}
			if p.Attributes == nil {
				p.Attributes = map[string]string{}
			}
			for i, key := range rows[0][2:] {
				if v := strings.TrimSpace(row[i+2]); v != "" {
					p.Attributes[key] = v
				}
			}
			if err := a.store.UpdateParticipant(ctx, p); err != nil {
				return n, err
			}
			matched, n = true, n+1
		}
		if !matched {
			return n, fmt.Errorf("participant attributes line %d: no participant %q in %s", line+2, row[1], row[0])
		}
	}
	return n, a.ReindexStudy(ctx, studyID)
}
