package persona

import (
	"fmt"
	"regexp"
	"strings"
)

// SpeakerIdentity says whether speakers with the same name in different
// files of a study are one person. In a meeting series ("Project Manager",
// "Marketing" in each of four meetings) or a committee's hearings ("Hon.
// Bill Blair") they are: counting each file's speakers as new people makes
// 12 buyers of 4. In interviews labelled "Interviewee" or "Speaker 1" they
// are not.
type SpeakerIdentity string

const (
	// SpeakersAuto (the default): the same name or role is one person,
	// unless the label is a placeholder ("Interviewee", "Speaker 2", "P3",
	// "PhD A": a generic word numbered or lettered per file). Survey
	// respondents are never joined.
	SpeakersAuto SpeakerIdentity = "auto"
	// SpeakersSame: every label said in several files is one person.
	SpeakersSame SpeakerIdentity = "same"
	// SpeakersSeparate: each file's speakers are their own people.
	SpeakersSeparate SpeakerIdentity = "separate"
)

// ParseSpeakerIdentity reads a setting; "" is SpeakersAuto.
func ParseSpeakerIdentity(s string) (SpeakerIdentity, error) {
	switch v := SpeakerIdentity(strings.ToLower(strings.TrimSpace(s))); v {
	case "":
		return SpeakersAuto, nil
	case SpeakersAuto, SpeakersSame, SpeakersSeparate:
		return v, nil
	}
	return "", fmt.Errorf("speakers %q: want auto, same or separate: %w", s, ErrInvalid)
}

// placeholderLabel: a label that names no one in particular, or a generic
// word with a per-file number or letter.
var placeholderLabel = regexp.MustCompile(`^(?i)(` +
	`interviewer|interviewee|moderator|facilitator|host|guest|speaker|participant|respondent|customer|client|` +
	`buyer|prospect|user|person|unknown|me|them|you|q|a|question|answer|p|s|r|i|` +
	`[a-z]+ ?[0-9]+|[a-z]+ [a-z]` + // "Speaker 2", "P3", "PhD A", "Grad F"
	`)$`)

// PlaceholderLabel reports whether a speaker label names no one in
// particular ("Interviewee", "Speaker 2", "P3", "PhD A").
func PlaceholderLabel(label string) bool {
	return placeholderLabel.MatchString(strings.TrimSpace(strings.Trim(label, ":")))
}

// SamePerson maps each participant to the participant that stands for
// the person across the study's files (itself when none other does): the
// first (by id) of those with the same label, per the setting. kinds
// gives each source's kind: survey respondents are never joined.
func SamePerson(parts []Participant, kinds map[int64]Kind, mode SpeakerIdentity) map[int64]int64 {
	out := make(map[int64]int64, len(parts))
	first := map[string]int64{}
	for _, p := range parts {
		out[p.ID] = p.ID
		key := strings.ToLower(strings.Join(strings.Fields(p.Label), " "))
		if mode == SpeakersSeparate || key == "" || kinds[p.SourceID] == KindSurvey ||
			mode != SpeakersSame && PlaceholderLabel(p.Label) {
			continue
		}
		if id, ok := first[key]; !ok || p.ID < id {
			first[key] = p.ID
		}
	}
	for _, p := range parts {
		key := strings.ToLower(strings.Join(strings.Fields(p.Label), " "))
		if id, ok := first[key]; ok && out[p.ID] == p.ID && kinds[p.SourceID] != KindSurvey {
			out[p.ID] = id
		}
	}
	return out
}
