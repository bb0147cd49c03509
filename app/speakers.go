package app

import (
	"context"

	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/persona/analysis"
)

// SetStudySpeakers sets whether the same speaker name in different files
// of a study is one person (persona.SpeakerIdentity). It takes effect at
// the next analysis: participants stay one row per file (each file's
// turns, roles and attributes are its own), and the analysis counts the
// files' rows of one person once.
func (a *App) SetStudySpeakers(ctx context.Context, id int64, mode persona.SpeakerIdentity) error {
	if err := a.CanSeeStudy(ctx, id); err != nil {
		return err
	}
	// Every upload sends the form's setting: the same one again is no
	// write and no change (the study's caches stay), and a setting a
	// PATCH made meanwhile stands unless the uploader picked another.
	st, err := a.store.Study(ctx, id)
	if err != nil {
		return err
	}
	if now, err := persona.ParseSpeakerIdentity(string(st.Speakers)); err == nil && now == mode {
		return nil
	}
	if err := a.store.SetStudySpeakers(ctx, id, mode); err != nil {
		return err
	}
	a.changed(id, ChangeStudy)
	return nil
}

// samePeople joins the analysis input's participants that are one person
// under the study's setting: each quote is counted for the participant
// standing for its speaker, and only those stand in in.Participants (so
// themes are "raised by n of m" people and personas group people, not
// files). It returns, per standing participant, the others it stands for,
// for joinPeople to put back in the personas.
func samePeople(in *analysis.Input, kinds map[int64]persona.Kind, mode persona.SpeakerIdentity) map[int64][]int64 {
	to := persona.SamePerson(in.Participants, kinds, mode)
	joined := map[int64][]int64{}
	kept := in.Participants[:0]
	for _, p := range in.Participants {
		if id := to[p.ID]; id != p.ID {
			joined[id] = append(joined[id], p.ID)
			continue
		}
		kept = append(kept, p)
	}
	if len(joined) == 0 {
		return nil
	}
	in.Participants = kept
	for i := range in.Quotes {
		if id, ok := to[in.Quotes[i].ParticipantID]; ok {
			in.Quotes[i].ParticipantID = id
		}
	}
	return joined
}

// joinPeople adds to each persona the participants its members stand for
// (their rows in other files), keeping its Size, a count of people.
func joinPeople(res *persona.Analysis, joined map[int64][]int64) {
	for i := range res.Personas {
		p := &res.Personas[i]
		ids := p.ParticipantIDs
		for _, id := range p.ParticipantIDs {
			ids = append(ids, joined[id]...)
		}
		p.ParticipantIDs = ids
	}
}

// BuyerPeople counts a study's buyers as people: the participants the
// study's Speakers setting makes one person count once ("12 buyers" of a
// four-meeting series of 4 people is 4).
func (a *App) BuyerPeople(ctx context.Context, studyID int64) (int, error) {
	_, _, to, err := a.people(ctx, studyID, true)
	if err != nil {
		return 0, err
	}
	n := 0
	for id, p := range to {
		if id == p {
			n++
		}
	}
	return n, nil
}
